package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * API Gateway's routes ({@code local.api_routes} in terraform/main.tf) are exactly the operations
 * of the owner API's OpenAPI document (api/openapi.yaml): a route without an operation would be
 * undocumented, an operation without a route unreachable in AWS.
 */
class ApiRoutesAreTheOpenApiDocumentsOperationsTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    @Test
    void everyRouteIsADocumentedOperationAndEveryOperationARoute() throws Exception {
        JsonNode document = new YAMLMapper().readTree(TerraformSource.repoRoot().resolve("api").resolve("openapi.yaml").toFile());
        List<String> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        Map<String, Object> routes = Hcl.map(TerraformSource.load().locals(LambdaFunctions.ROOT).get("api_routes"));

        assertThat(operations).as("api/openapi.yaml's operations").isNotEmpty();
        assertThat(routes.keySet()).as("terraform/main.tf: local.api_routes against api/openapi.yaml's operations")
                .containsExactlyInAnyOrderElementsOf(operations);
    }
}
