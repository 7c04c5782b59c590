package dev.campaigndialer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.localaws.CertificateAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Through the local RDS Proxy, only a verified TLS connection gets in; weaker settings fail at start-up. */
class ProxyConnectionsRequireVerifiedTlsTest {

    private static ProxiedDatabase proxied;

    @BeforeAll
    static void createDatabase() {
        proxied = ProxiedDatabase.create("tls");
    }

    @Test
    void verifyFullAgainstTheProxyCaSucceeds() throws Exception {
        try (Database database = Database.fromEnvironment(Env.of(proxied.env()));
                var connection = database.openConnection();
                var result = connection.createStatement().executeQuery("SELECT current_database(), current_user")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo(proxied.database().name());
            assertThat(result.getString(2)).as("functions log in as the application role").isEqualTo(proxied.database().applicationUser());
        }
        assertThat(Database.fromEnvironment(Env.of(proxied.env())).settings().connectionProperties())
                .containsEntry("sslmode", "verify-full").containsEntry("prepareThreshold", "0");
    }

    @Test
    void plaintextConnectionIsRefusedByTheProxy() {
        String url = "jdbc:postgresql://localhost:" + proxied.proxy().port() + "/" + proxied.database().name()
                + "?sslmode=disable";
        assertThatThrownBy(() -> DriverManager.getConnection(url, proxied.database().applicationUser(), proxied.applicationPassword())
                .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SSL");
    }

    @Test
    void certificateFromAnotherCaIsRefused() throws Exception {
        Path otherCa = Files.createTempFile("other-ca", ".crt");
        CertificateAuthority.create("someone else").writeCertificate(otherCa);
        try (Database database = Database.fromEnvironment(Env.of(proxied.env()).with(
                Map.of("DB_SSL_ROOT_CERT", otherCa.toString(), "DB_CONNECT_BUDGET_MS", "2000")))) {
            assertThatThrownBy(database::openConnection)
                    .isInstanceOf(SQLException.class)
                    .satisfies(error -> assertThat(rootCause(error)).containsIgnoringCase("certificat"));
        }
    }

    @Test
    void withoutARootCertTheJdkTrustStoreIsUsedAndRejectsTheLocalCa() {
        var env = Env.of(proxied.env()).with(Map.of("DB_SSL_ROOT_CERT", "", "DB_CONNECT_BUDGET_MS", "2000"));
        try (Database database = Database.fromEnvironment(env)) {
            assertThat(database.settings().connectionProperties())
                    .containsEntry("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory").doesNotContainKey("sslrootcert");
            assertThatThrownBy(database::openConnection)
                    .satisfies(error -> assertThat(rootCause(error)).containsIgnoringCase("certificat"));
        }
    }

    @Test
    void askingForLessThanVerifyFullFailsAtStartUpNamingTheSetting() {
        assertThatThrownBy(() -> Database.fromEnvironment(Env.of(proxied.env()).with(Map.of("DB_SSLMODE", "disable"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DB_SSLMODE=disable");
        assertThatThrownBy(() -> Database.fromEnvironment(Env.of(proxied.env()).with(Map.of("DB_SSLMODE", "require"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DB_SSLMODE");
        assertThatThrownBy(() -> Database.fromEnvironment(
                Env.of(proxied.env()).with(Map.of("RDS_PROXY_ENDPOINT", "localhost/db?sslmode=disable"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("RDS_PROXY_ENDPOINT");
    }

    @Test
    void missingCredentialsSourceFailsAtStartUp() {
        assertThatThrownBy(() -> Database.fromEnvironment(Env.of(proxied.env()).with(Map.of("RDS_SECRET_ARN", ""))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("RDS_SECRET_ARN");
    }

    private static String rootCause(Throwable error) {
        var text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            text.append(cause.getMessage()).append(" | ");
        }
        return text.toString();
    }
}
