package dev.campaigndialer.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.testkit.ProxiedDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Secrets Manager rotation while a container is in use costs one credentials refresh, not a failure. */
class CredentialRotationCostsOneRefreshTest {

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @AfterEach
    void restoreLogs() {
        JsonLog.redirect(System.out);
    }

    @Test
    void nextTransactionAfterRotationSucceedsAfterOneRefreshLoggedOnce() throws Exception {
        ProxiedDatabase proxied = ProxiedDatabase.create("rotation");
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try (Database database = Database.fromEnvironment(Env.of(proxied.env()))) {
            assertThat(countRows(database)).isZero();
            int readsBefore = proxied.secrets().reads();

            String newPassword = "rotated-" + UUID.randomUUID();
            proxied.rotatePassword(newPassword);
            // The pooled connection is replaced at maxLifetime, after a restore, or when the proxy
            // drops it; evicting it here makes the next transaction log in again.
            database.evictConnections();

            database.jdbi().useTransaction(handle -> handle.execute(
                    "INSERT INTO dnc_numbers (owner_id, phone_e164, added_at) VALUES ('o', '+14155550100', now())"));

            assertThat(countRows(database)).isEqualTo(1);
            assertThat(proxied.secrets().reads() - readsBefore).as("secret reads after rotation").isEqualTo(1);
            String logText = logs.toString(StandardCharsets.UTF_8);
            assertThat(logText.split("database credentials refreshed from Secrets Manager", -1))
                    .as("refresh log lines").hasSize(2);
            assertThat(logText).doesNotContain(newPassword).doesNotContain(proxied.database().applicationPassword());
        }
    }

    private static int countRows(Database database) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM dnc_numbers")
                .mapTo(Integer.class).one());
    }
}
