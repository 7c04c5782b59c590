package dev.campaigndialer.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.localaws.PgBouncer;
import dev.campaigndialer.testkit.RequiredTool;
import dev.campaigndialer.localaws.PostgresServer;
import dev.campaigndialer.localaws.SecretsManagerEndpoint;
import dev.campaigndialer.localaws.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DATABASE_URL}: a PostgreSQL the stack did not start is migrated directly and reached by the
 * functions only through PgBouncer with TLS verify-full, as the embedded one is.
 */
class DatabaseUrlIsReachedThroughTheLocalProxyTest {

    @TempDir
    Path work;

    @Test
    void anExternalServerIsMigratedAndProxied() throws Exception {
        Path pgbouncer = RequiredTool.require(PgBouncer::executable); // fails under CI=true, skips elsewhere, when missing
        try (PostgresServer server = PostgresServer.startEmbedded(Map.of(), null);
                SecretsManagerEndpoint secrets = SecretsManagerEndpoint.start()) {
            TestDatabase external = server.createDatabase("external");
            String url = "postgresql://" + external.user() + ":" + external.password() + "@127.0.0.1:" + external.port()
                    + "/" + external.name();
            try (LocalDatabase database = LocalDatabase.start(Optional.empty(), Optional.of(url), work, warning -> { },
                    Optional.of(pgbouncer))) {
                LocalDatabase.Endpoint endpoint = database.endpoint();
                assertThat(endpoint.throughProxy()).isTrue();
                assertThat(endpoint.port()).isNotEqualTo(external.port());
                assertThat(endpoint.description()).contains("DATABASE_URL", "PgBouncer");
                String arn = secrets.putDatabaseSecret("external", endpoint.user(), endpoint.password());
                Env env = Env.of(Map.of("RDS_PROXY_ENDPOINT", endpoint.host(), "DATABASE_PORT",
                        Integer.toString(endpoint.port()), "DATABASE_NAME", endpoint.database(), "RDS_SECRET_ARN", arn,
                        "DB_SSL_ROOT_CERT", endpoint.caCertificate().toString(), "SECRETS_MANAGER_ENDPOINT",
                        secrets.endpoint().toString(), "AWS_REGION", "us-east-1"));
                try (Database functions = Database.fromEnvironment(env);
                        Connection connection = functions.openConnection();
                        ResultSet result = connection.createStatement().executeQuery(
                                "SELECT current_user, (SELECT count(*) FROM campaigns)")) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString(1)).as("the functions' role, not DATABASE_URL's admin")
                            .isEqualTo(external.name() + "_app");
                    assertThat(result.getInt(2)).as("campaigns, migrated").isZero();
                }
            }
        }
    }

    @Test
    void databaseUrlForms() {
        assertThat(LocalDatabase.parse("postgresql://u:p%40ss@db.example:6543/app"))
                .hasToString("Url[host=db.example, port=6543, database=app, user=u, password=p@ss]");
        assertThat(LocalDatabase.parse("jdbc:postgresql://localhost/app?user=u&password=p"))
                .hasToString("Url[host=localhost, port=5432, database=app, user=u, password=p]");
    }
}
