package dev.campaigndialer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.testkit.ProxiedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No setting reaches the driver through the JDBC URL: the database name and every TLS setting are
 * driver properties, so a value cannot smuggle in {@code sslmode=disable}. A database name that is
 * not a plain identifier fails at start-up, naming the setting.
 */
class TlsSettingsCannotBeBentThroughTheUrlTest {

    private static ProxiedDatabase proxied;

    @BeforeAll
    static void createDatabase() {
        proxied = ProxiedDatabase.create("bent_url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"campaign_dialer?sslmode=disable&x=", "campaign_dialer&sslmode=disable", "db/other",
            "two words", "campaign-dialer", "1st", "dialer;drop",
            "a_database_name_of_sixty_four_characters_is_1_more_than_allowed_"})
    void aDatabaseNameThatIsNotAPlainIdentifierFailsAtStartUp(String name) {
        assertThatThrownBy(() -> Database.fromEnvironment(Env.of(proxied.env()).with(Map.of("DATABASE_NAME", name))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DATABASE_NAME");
    }

    @Test
    void theUrlNamesNoDatabaseAndNoTlsSetting() {
        try (Database database = Database.fromEnvironment(Env.of(proxied.env()))) {
            assertThat(database.settings().jdbcUrl())
                    .doesNotContain(proxied.database().name())
                    .doesNotContainIgnoringCase("ssl")
                    .doesNotContain("?");
        }
    }

    /**
     * The direct PostgreSQL of the tests speaks plaintext only. With the root certificate's path
     * concatenated into the URL, "&sslmode=disable" in a file name turned TLS off and the login
     * succeeded in plaintext; as a driver property it is only an odd file name.
     */
    @Test
    void aRootCertificatePathCannotTurnTlsOff() throws Exception {
        Path directory = Files.createTempDirectory("bent-url");
        Path certificate = Files.copy(proxied.proxy().caCertificate(), directory.resolve("ca.pem&sslmode=disable"));
        var env = Env.of(proxied.env()).with(Map.of("DATABASE_PORT", Integer.toString(proxied.database().port()),
                "DB_SSL_ROOT_CERT", certificate.toString(), "DB_CONNECT_BUDGET_MS", "1500"));
        try (Database database = Database.fromEnvironment(env)) {
            assertThatThrownBy(() -> database.openConnection().close())
                    .isInstanceOf(SQLException.class);
        }
    }
}
