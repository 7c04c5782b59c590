package dev.campaigndialer.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.localaws.CertificateAuthority;
import dev.campaigndialer.localaws.SecretsManagerEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback when pgbouncer is not installed: common-db only ever connects with
 * sslmode=verify-full, so the embedded PostgreSQL serves TLS itself with a certificate for
 * localhost; a function configured as the local stack configures it connects over verified TLS,
 * and a client that trusts another CA is refused.
 */
class WithoutPgBouncerFunctionsStillConnectWithVerifiedTlsTest {

    @TempDir
    Path work;

    @Test
    void theEmbeddedServerServesTlsThatVerifiesAgainstItsOwnCa() throws Exception {
        List<String> warnings = new ArrayList<>();
        try (LocalDatabase database = LocalDatabase.start(Optional.empty(), Optional.empty(), work, warnings::add,
                Optional.empty()); SecretsManagerEndpoint secrets = SecretsManagerEndpoint.start()) {
            LocalDatabase.Endpoint endpoint = database.endpoint();
            assertThat(endpoint.throughProxy()).isFalse();
            assertThat(warnings).singleElement().asString().contains("pgbouncer is not installed", "apt-get install");
            Map<String, String> env = environment(endpoint, secrets, endpoint.caCertificate());

            try (Database functionDatabase = Database.fromEnvironment(Env.of(env));
                    Connection connection = functionDatabase.openConnection();
                    ResultSet result = connection.createStatement().executeQuery(
                            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getBoolean(1)).as("the function's connection is TLS").isTrue();
            }
            try (Database functionDatabase = Database.fromEnvironment(Env.of(env));
                    Connection connection = functionDatabase.openConnection();
                    ResultSet result = connection.createStatement().executeQuery(
                            "SELECT current_user, (SELECT count(*) FROM campaigns)")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).as("the functions' role").isEqualTo(LocalDatabase.APPLICATION_ROLE);
                assertThat(result.getInt(2)).as("the schema is migrated").isZero();
            }

            Path otherCa = work.resolve("other-ca.crt");
            CertificateAuthority.create("someone else").writeCertificate(otherCa);
            Map<String, String> untrusting = environment(endpoint, secrets, otherCa);
            untrusting.put("DB_CONNECT_BUDGET_MS", "1000");
            assertThatThrownBy(() -> {
                try (Database functionDatabase = Database.fromEnvironment(Env.of(untrusting));
                        Connection ignored = functionDatabase.openConnection()) {
                    // the handshake must fail
                }
            }).as("verify-full rejects a server certificate from another CA")
                    .satisfies(error -> assertThat(causes(error)).containsIgnoringCase("certification path"));
        }
    }

    private static String causes(Throwable error) {
        var text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            text.append(cause).append('\n');
        }
        return text.toString();
    }

    private static Map<String, String> environment(LocalDatabase.Endpoint endpoint, SecretsManagerEndpoint secrets,
            Path trustedCa) {
        String arn = secrets.putDatabaseSecret("local-db", endpoint.user(), endpoint.password());
        Map<String, String> env = new HashMap<>();
        env.put("RDS_PROXY_ENDPOINT", endpoint.host());
        env.put("DATABASE_PORT", Integer.toString(endpoint.port()));
        env.put("DATABASE_NAME", endpoint.database());
        env.put("RDS_SECRET_ARN", arn);
        env.put("DB_SSL_ROOT_CERT", trustedCa.toString());
        env.put("SECRETS_MANAGER_ENDPOINT", secrets.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        assertThat(Files.isReadable(trustedCa)).isTrue();
        return env;
    }
}
