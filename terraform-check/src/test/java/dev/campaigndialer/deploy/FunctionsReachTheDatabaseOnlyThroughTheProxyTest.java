package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.deploy.TerraformSource.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No function's environment names a database address other than the RDS Proxy endpoint: the
 * environment maps of every Lambda module hold RDS_PROXY_ENDPOINT and no host/URL variable, every
 * module call that deploys a Lambda passes only proxy endpoints, and the value it passes as
 * {@code rds_proxy_endpoint} is really an {@code aws_db_proxy}'s endpoint.
 */
class FunctionsReachTheDatabaseOnlyThroughTheProxyTest {

    /** Environment variables that would carry a database address around the proxy. */
    private static final Set<String> FORBIDDEN_NAMES = Set.of(
            "DATABASE_HOST", "DATABASE_URL", "DB_HOST", "DB_URL", "JDBC_URL", "JDBC_DATABASE_URL", "PGHOST",
            "POSTGRES_HOST", "MIGRATE_DATABASE_HOST", "RDS_ENDPOINT", "RDS_WRITER_ENDPOINT", "RDS_READER_ENDPOINT");

    private static final Pattern ADDRESS_LIKE = Pattern.compile("(?i)endpoint|address|host");

    private final TerraformSource terraform = TerraformSource.load();

    @Test
    void lambdaEnvironmentsHoldTheProxyEndpointAndNoOtherDatabaseAddress() {
        List<Block> functions = terraform.resources("aws_lambda_function");
        assertThat(functions).as("aws_lambda_function resources under terraform/").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Block function : functions) {
            Map<String, Map<String, Object>> environments = environmentMaps(function);
            boolean proxyEndpoint = false;
            for (Map.Entry<String, Map<String, Object>> environment : environments.entrySet()) {
                for (Map.Entry<String, Object> variable : environment.getValue().entrySet()) {
                    String name = variable.getKey();
                    if (FORBIDDEN_NAMES.contains(name.toUpperCase(Locale.ROOT))) {
                        problems.add(environment.getKey() + ": " + name + " would give the function a database address "
                                + "other than the proxy; use RDS_PROXY_ENDPOINT");
                    }
                    problems.addAll(nonProxyAddresses(environment.getKey() + ": " + name, variable.getValue()));
                    if (name.equals("RDS_PROXY_ENDPOINT")) {
                        proxyEndpoint = true;
                        if (Hcl.references(variable.getValue()).stream().noneMatch(r -> r.toLowerCase(Locale.ROOT).contains("proxy"))) {
                            problems.add(environment.getKey() + ": RDS_PROXY_ENDPOINT = " + Hcl.text(variable.getValue())
                                    + " does not reference a proxy endpoint");
                        }
                    }
                }
            }
            if (!proxyEndpoint) {
                problems.add(function.where() + ": no environment map (environment.variables or a local whose name "
                        + "contains \"environment\") sets RDS_PROXY_ENDPOINT; found " + environments.keySet());
            }
        }
        assertThat(problems).as("function environments that could reach the database around the proxy").isEmpty();
    }

    @Test
    void environmentLocalsOfEveryFolderThatDeploysFunctionsNameNoOtherDatabaseAddress() {
        List<String> problems = new ArrayList<>();
        terraform.files().stream().map(TerraformSource.TerraformFile::dir).distinct()
                .filter(terraform::deploysLambda)
                .forEach(dir -> terraform.locals(dir).forEach((name, value) -> {
                    if (name.toLowerCase(Locale.ROOT).contains("environment") && value instanceof Map<?, ?>) {
                        Hcl.map(value).forEach((variable, expression) -> {
                            String where = dir + " locals." + name + "." + variable;
                            if (FORBIDDEN_NAMES.contains(variable.toUpperCase(Locale.ROOT))) {
                                problems.add(where + ": a database address variable other than RDS_PROXY_ENDPOINT");
                            }
                            problems.addAll(nonProxyAddresses(where, expression));
                        });
                    }
                }));
        assertThat(problems).as("environment locals that could reach the database around the proxy").isEmpty();
    }

    @Test
    void moduleCallsThatDeployFunctionsPassOnlyTheProxyEndpoint() {
        List<String> problems = new ArrayList<>();
        int calls = 0;
        for (Block call : terraform.moduleCalls()) {
            Optional<String> dir = terraform.moduleDir(call);
            if (dir.isEmpty() || !terraform.deploysLambda(dir.get())) {
                continue;
            }
            calls++;
            call.body().forEach((argument, value) -> {
                if (!argument.equals("for_each") && !argument.equals("depends_on")) {
                    problems.addAll(nonProxyAddresses(call.where() + ": " + argument, value));
                }
            });
            if (!call.has("rds_proxy_endpoint")) {
                problems.add(call.where() + ": needs rds_proxy_endpoint");
                continue;
            }
            String endpoint = Hcl.text(call.get("rds_proxy_endpoint"));
            if (endpoint.startsWith("module.")) {
                problems.addAll(checkModuleOutputIsAProxyEndpoint(call, endpoint));
            } else if (!endpoint.startsWith("var.") || !endpoint.contains("proxy")) {
                problems.add(call.where() + ": rds_proxy_endpoint = " + endpoint
                        + " should be a proxy module output or a var.*proxy* passed through");
            }
        }
        assertThat(calls).as("module calls that deploy Lambda functions").isPositive();
        assertThat(problems).as("function module calls that could pass a database address other than the proxy").isEmpty();
    }

    /** module.data.rds_proxy_endpoint must be an output whose value is an aws_db_proxy's endpoint. */
    private List<String> checkModuleOutputIsAProxyEndpoint(Block call, String reference) {
        String[] parts = reference.split("\\.");
        if (parts.length != 3) {
            return List.of(call.where() + ": rds_proxy_endpoint = " + reference + " is not module.<name>.<output>");
        }
        Optional<Block> producer = terraform.moduleCallsIn(call.file().dir()).stream()
                .filter(other -> other.name().equals(parts[1])).findFirst();
        Optional<Block> output = producer.flatMap(terraform::moduleDir).flatMap(dir -> terraform.output(dir, parts[2]));
        if (output.isEmpty()) {
            return List.of(call.where() + ": rds_proxy_endpoint = " + reference + ", but that module has no such output");
        }
        String value = Hcl.text(output.get().get("value"));
        if (!value.matches("aws_db_proxy\\.[A-Za-z0-9_-]+\\.endpoint")) {
            return List.of(output.get().where() + ": value " + value + " should be aws_db_proxy.<name>.endpoint (it is what "
                    + call.where() + " passes as rds_proxy_endpoint)");
        }
        return List.of();
    }

    /** environment.variables if literal, plus every map-valued local of the module whose name mentions "environment". */
    private Map<String, Map<String, Object>> environmentMaps(Block function) {
        Map<String, Map<String, Object>> maps = new LinkedHashMap<>();
        Object variables = terraform.resolveLocal(function.file().dir(), function.nested("environment").get("variables"));
        if (variables instanceof Map<?, ?>) {
            maps.put(function.where() + " environment.variables", Hcl.map(variables));
        }
        terraform.locals(function.file().dir()).forEach((name, value) -> {
            if (name.toLowerCase(Locale.ROOT).contains("environment") && value instanceof Map<?, ?>) {
                maps.put(function.file().dir() + " locals." + name, Hcl.map(value));
            }
        });
        return maps;
    }

    /** References in the value that look like a database address (endpoint, address, host) but not the proxy's. */
    private static List<String> nonProxyAddresses(String where, Object value) {
        List<String> problems = new ArrayList<>();
        for (String reference : Hcl.references(value)) {
            String lower = reference.toLowerCase(Locale.ROOT);
            if (ADDRESS_LIKE.matcher(lower).find() && !lower.contains("proxy")) {
                problems.add(where + " references " + reference + ": only the RDS Proxy endpoint may reach a function");
            }
        }
        return problems;
    }
}
