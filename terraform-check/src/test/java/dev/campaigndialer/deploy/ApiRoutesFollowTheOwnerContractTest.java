package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.deploy.LambdaFunctions.LambdaFunction;
import dev.campaigndialer.deploy.TerraformSource.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API serves exactly the routes of shared/API.md, each by the function of the right
 * module, and every route is behind the JWT authorizer.
 */
class ApiRoutesFollowTheOwnerContractTest {

    /**
     * shared/API.md: route => the Maven module whose handler serves it; plus its additions
     * (DELETE /campaigns/{id}, the erasure of issue 19).
     */
    private static final Map<String, String> CONTRACT = Map.ofEntries(
            Map.entry("POST /campaigns", "validate-campaign"),
            Map.entry("GET /campaigns", "validate-campaign"),
            Map.entry("GET /campaigns/{id}", "validate-campaign"),
            Map.entry("DELETE /campaigns/{id}", "validate-campaign"),
            Map.entry("POST /campaigns/{id}/pause", "validate-campaign"),
            Map.entry("POST /campaigns/{id}/resume", "validate-campaign"),
            Map.entry("POST /campaigns/{id}/cancel", "validate-campaign"),
            Map.entry("GET /campaigns/{id}/report", "report-generator"),
            Map.entry("POST /dnc", "validate-campaign"),
            Map.entry("GET /dnc", "validate-campaign"),
            Map.entry("DELETE /dnc/{phone}", "validate-campaign"));

    private final TerraformSource terraform = TerraformSource.load();

    @Test
    void routesAreExactlyThoseOfTheContractServedByTheRightModule() {
        Map<String, Object> routes = Hcl.map(terraform.locals(LambdaFunctions.ROOT).get("api_routes"));
        assertThat(routes.keySet()).as("terraform/main.tf: local.api_routes").containsExactlyInAnyOrderElementsOf(CONTRACT.keySet());
        Map<String, LambdaFunction> functions = LambdaFunctions.read(terraform).functions().stream()
                .collect(Collectors.toMap(LambdaFunction::key, function -> function));
        List<String> problems = new ArrayList<>();
        routes.forEach((route, functionKey) -> {
            LambdaFunction function = functions.get(Hcl.text(functionKey));
            if (function == null) {
                problems.add("terraform/main.tf: local.api_routes[\"" + route + "\"] names unknown function " + Hcl.text(functionKey));
            } else if (!function.module().equals(CONTRACT.get(route))) {
                problems.add("terraform/main.tf: local.api_routes[\"" + route + "\"] goes to " + function.key() + " (module "
                        + function.module() + "), API.md's route belongs to " + CONTRACT.get(route));
            }
        });
        assertThat(problems).as("routes served by the wrong function").isEmpty();
    }

    @Test
    void everyRouteRequiresAJwt() {
        List<Block> routes = terraform.resources("aws_apigatewayv2_route");
        assertThat(routes).as("aws_apigatewayv2_route resources").isNotEmpty();
        for (Block route : routes) {
            assertThat(route.get("authorization_type")).as("%s: authorization_type", route.where()).isEqualTo("JWT");
            assertThat(Hcl.text(route.get("authorizer_id"))).as("%s: authorizer_id", route.where()).startsWith("aws_apigatewayv2_authorizer.");
        }
        List<Block> authorizers = terraform.resources("aws_apigatewayv2_authorizer");
        assertThat(authorizers).as("aws_apigatewayv2_authorizer resources").isNotEmpty();
        for (Block authorizer : authorizers) {
            assertThat(authorizer.get("authorizer_type")).as("%s: authorizer_type", authorizer.where()).isEqualTo("JWT");
            assertThat(authorizer.nested("jwt_configuration").keySet()).as("%s: jwt_configuration", authorizer.where())
                    .containsAll(Set.of("issuer", "audience"));
        }
    }

    @Test
    void integrationsUsePayloadFormatTwo() {
        for (Block integration : terraform.resources("aws_apigatewayv2_integration")) {
            assertThat(integration.get("payload_format_version")).as("%s: payload_format_version (API.md: payload 2.0)",
                    integration.where()).isEqualTo("2.0");
        }
    }
}
