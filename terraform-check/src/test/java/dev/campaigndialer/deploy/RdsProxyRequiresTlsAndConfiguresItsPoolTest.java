package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.deploy.TerraformSource.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The RDS Proxy in front of PostgreSQL requires TLS, authenticates the application role and the
 * master user with their Secrets Manager secrets (RDS manages the master's), keeps idle clients
 * longer than the Java pool's maxLifetime, and its default target group sets the three pool
 * settings: connection_borrow_timeout (below every function's timeout), max_connections_percent and
 * max_idle_connections_percent.
 */
class RdsProxyRequiresTlsAndConfiguresItsPoolTest {

    /** common-db's DatabaseSettings.DEFAULT_MAX_LIFETIME (25 minutes): the proxy must not close connections first. */
    private static final int JAVA_POOL_MAX_LIFETIME_SECONDS = 25 * 60;

    /** The API functions' timeout (API Gateway's integration limit): the shortest of any function. */
    private static final int SHORTEST_FUNCTION_TIMEOUT_SECONDS = 30;

    private final TerraformSource terraform = TerraformSource.load();

    @Test
    void thereIsExactlyOneProxyNamedAfterProjectAndEnvironment() {
        List<Block> proxies = terraform.resources("aws_db_proxy");
        assertThat(proxies).as("aws_db_proxy resources under terraform/").hasSize(1);
        Block proxy = proxies.get(0);
        String name = Hcl.text(terraform.resolveLocal(proxy.file().dir(), proxy.get("name")));
        assertThat(name).as("%s: name (the template <project>-postgres-proxy-<environment>)", proxy.where())
                .isEqualTo("var.project-postgres-proxy-var.environment");
        assertThat(proxy.get("engine_family")).as("%s: engine_family", proxy.where()).isEqualTo("POSTGRESQL");
    }

    @Test
    void proxyRequiresTls() {
        for (Block proxy : terraform.resources("aws_db_proxy")) {
            assertThat(proxy.get("require_tls"))
                    .as("%s: require_tls must be the literal true (never a variable)", proxy.where())
                    .isEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void proxyAuthenticatesTheApplicationRoleAndTheMasterUserWithTheirSecrets() {
        for (Block proxy : terraform.resources("aws_db_proxy")) {
            List<Map<String, Object>> auths = Hcl.blocks(proxy.get("auth"));
            assertThat(auths).as("%s: one auth block per database login (application role, master user)", proxy.where())
                    .hasSize(2);
            for (Map<String, Object> auth : auths) {
                assertThat(auth.get("auth_scheme")).as("%s: auth { auth_scheme }", proxy.where()).isEqualTo("SECRETS");
            }
            // hcl4j resolves local.master_secret_arn to one branch of its conditional (cluster or instance).
            assertThat(auths).extracting(auth -> Hcl.text(auth.get("secret_arn")))
                    .as("%s: the application role's secret and the master secret RDS manages", proxy.where())
                    .anySatisfy(arn -> assertThat(arn).isEqualTo("aws_secretsmanager_secret.application.arn"))
                    .anySatisfy(arn -> assertThat(arn).contains("master_user_secret").contains("secret_arn"));
            assertThat(proxy.has("role_arn")).as("%s: role_arn (the role that reads the secrets)", proxy.where()).isTrue();
        }
        Block cluster = terraform.resources("aws_rds_cluster").get(0);
        Block instance = terraform.resources("aws_db_instance").get(0);
        for (Block database : List.of(cluster, instance)) {
            assertThat(database.get("manage_master_user_password")).as("%s: manage_master_user_password", database.where())
                    .isEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void proxyKeepsIdleClientsLongerThanTheJavaPoolsMaxLifetime() {
        for (Block proxy : terraform.resources("aws_db_proxy")) {
            assertThat(proxy.has("idle_client_timeout")).as("%s: idle_client_timeout", proxy.where()).isTrue();
            Hcl.integer(proxy.get("idle_client_timeout")).ifPresent(seconds -> assertThat(seconds)
                    .as("%s: idle_client_timeout", proxy.where()).isGreaterThan(JAVA_POOL_MAX_LIFETIME_SECONDS));
        }
        Optional<Integer> rootDefault = terraform.variable(LambdaFunctions.ROOT, "rds_proxy_idle_client_timeout")
                .flatMap(variable -> Hcl.integer(variable.get("default")));
        assertThat(rootDefault).as("terraform/variables.tf: variable \"rds_proxy_idle_client_timeout\" default")
                .hasValueSatisfying(seconds -> assertThat(seconds).isGreaterThan(JAVA_POOL_MAX_LIFETIME_SECONDS));
    }

    @Test
    void defaultTargetGroupSetsTheThreePoolSettings() {
        List<Block> targetGroups = terraform.resources("aws_db_proxy_default_target_group");
        assertThat(targetGroups).as("aws_db_proxy_default_target_group resources under terraform/").hasSize(1);
        Block targetGroup = targetGroups.get(0);
        Map<String, Object> pool = targetGroup.nested("connection_pool_config");
        List<String> problems = new ArrayList<>();
        for (String setting : List.of("connection_borrow_timeout", "max_connections_percent", "max_idle_connections_percent")) {
            if (!pool.containsKey(setting)) {
                problems.add(targetGroup.where() + ": connection_pool_config lacks " + setting);
            }
        }
        // Below every function's timeout (the API functions': 30 s), so a function waiting for a pooled
        // connection gets the proxy's error in time to retry or return its message.
        Optional<Integer> borrowTimeout = terraform.variable(LambdaFunctions.ROOT, "rds_proxy_connection_borrow_timeout")
                .flatMap(variable -> Hcl.integer(variable.get("default")));
        if (borrowTimeout.isEmpty() || borrowTimeout.get() >= SHORTEST_FUNCTION_TIMEOUT_SECONDS) {
            problems.add("terraform/variables.tf: variable \"rds_proxy_connection_borrow_timeout\" default should be below "
                    + SHORTEST_FUNCTION_TIMEOUT_SECONDS + " s, is " + borrowTimeout.map(String::valueOf).orElse("missing"));
        }
        Hcl.integer(pool.get("max_connections_percent")).filter(percent -> percent < 1 || percent > 100).ifPresent(percent ->
                problems.add(targetGroup.where() + ": max_connections_percent " + percent + " is outside 1-100"));
        assertThat(problems).as("proxy pool settings").isEmpty();
    }

    @Test
    void maxConnectionsPercentIsAValidatedVariable() {
        Block variable = terraform.variable(LambdaFunctions.ROOT, "rds_proxy_max_connections_percent")
                .orElseThrow(() -> new AssertionError("terraform/variables.tf: variable \"rds_proxy_max_connections_percent\" is missing"));
        assertThat(Hcl.integer(variable.get("default"))).as("%s: default", variable.where())
                .hasValueSatisfying(percent -> assertThat(percent).isBetween(1, 100));
        assertThat(Hcl.blocks(variable.get("validation"))).as("%s: validation block", variable.where()).isNotEmpty();
    }

    @Test
    void proxyHasATargetInItsDefaultTargetGroup() {
        List<Block> targets = terraform.resources("aws_db_proxy_target");
        assertThat(targets).as("aws_db_proxy_target resources under terraform/").isNotEmpty();
        for (Block target : targets) {
            assertThat(Hcl.text(target.get("target_group_name"))).as("%s: target_group_name", target.where())
                    .startsWith("aws_db_proxy_default_target_group.");
        }
    }
}
