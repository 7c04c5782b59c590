package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.deploy.TerraformSource.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The RDS Proxy in front of PostgreSQL requires TLS, authenticates with the Secrets Manager secret,
 * keeps idle clients longer than the Java pool's maxLifetime, and its default target group sets the
 * three pool settings: connection_borrow_timeout, max_connections_percent and
 * max_idle_connections_percent.
 */
class RdsProxyRequiresTlsAndConfiguresItsPoolTest {

    /** common-db's DatabaseSettings.DEFAULT_MAX_LIFETIME (25 minutes): the proxy must not close connections first. */
    private static final int JAVA_POOL_MAX_LIFETIME_SECONDS = 25 * 60;

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
    void proxyAuthenticatesWithTheSecret() {
        for (Block proxy : terraform.resources("aws_db_proxy")) {
            Map<String, Object> auth = proxy.nested("auth");
            assertThat(auth.get("auth_scheme")).as("%s: auth { auth_scheme }", proxy.where()).isEqualTo("SECRETS");
            assertThat(Hcl.text(auth.get("secret_arn"))).as("%s: auth { secret_arn }", proxy.where())
                    .contains("aws_secretsmanager_secret.");
            assertThat(proxy.has("role_arn")).as("%s: role_arn (the role that reads the secret)", proxy.where()).isTrue();
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
        Hcl.integer(pool.get("connection_borrow_timeout")).filter(seconds -> seconds != 120).ifPresent(seconds ->
                problems.add(targetGroup.where() + ": connection_borrow_timeout is " + seconds + ", the design says 120"));
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
