package dev.campaigndialer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.localaws.PgBouncer;
import dev.campaigndialer.testkit.RequiredTool;
import dev.campaigndialer.localaws.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A proxy that is not there yet (Aurora resuming, failover) costs retries within the budget, then a clear error. */
class ColdDatabaseConnectRetryTest {

    private static ProxiedDatabase proxied;

    @BeforeAll
    static void createDatabase() {
        proxied = ProxiedDatabase.create("cold");
    }

    @Test
    void proxyReachableFiveSecondsAfterTheFirstAttemptIsWaitedFor() throws Exception {
        PgBouncer late = PgBouncer.prepare(RequiredTool.require(PgBouncer::executable), PostgresServer.shared(), PgBouncer.Settings.defaults());
        late.allow(proxied.database());
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Database database = Database.fromEnvironment(Env.of(proxied.env()).with(Map.of(
                "DATABASE_PORT", Integer.toString(late.port()),
                "DB_SSL_ROOT_CERT", late.caCertificate().toString())))) {
            database.connectDeadline(Instant.now().plus(Duration.ofSeconds(30)));
            Instant firstAttempt = Instant.now();
            scheduler.schedule((Runnable) late::start, 5, TimeUnit.SECONDS);

            try (var connection = database.openConnection()) {
                assertThat(connection.isValid(2)).isTrue();
            }
            assertThat(Duration.between(firstAttempt, Instant.now())).isGreaterThan(Duration.ofMillis(4500));
        } finally {
            scheduler.shutdownNow();
            late.close();
        }
    }

    @Test
    void withATwoSecondBudgetItFailsClearlyInsteadOfHanging() {
        PgBouncer never = PgBouncer.prepare(RequiredTool.require(PgBouncer::executable), PostgresServer.shared(), PgBouncer.Settings.defaults());
        try (Database database = Database.fromEnvironment(Env.of(proxied.env()).with(Map.of(
                "DATABASE_PORT", Integer.toString(never.port()),
                "DB_SSL_ROOT_CERT", never.caCertificate().toString())))) {
            database.connectDeadline(Instant.now().plus(Duration.ofSeconds(2)));
            Instant start = Instant.now();

            assertThatThrownBy(database::openConnection)
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("not reachable through localhost:" + never.port())
                    .hasMessageContaining("connect budget");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(4));
        }
    }
}
