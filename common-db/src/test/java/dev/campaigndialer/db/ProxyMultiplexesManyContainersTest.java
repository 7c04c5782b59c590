package dev.campaigndialer.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.localaws.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 200 concurrent function containers, each with its own common-db Database (one connection),
 * share the proxy's 20 server connections without a single error. The same statement runs many
 * times per connection: with named server-side prepared statements or session state this would
 * break under transaction pooling, exactly where RDS Proxy would pin.
 */
class ProxyMultiplexesManyContainersTest {

    private static final int CONTAINERS = 200;
    private static final int TRANSACTIONS_EACH = 10;
    private static final int PROXY_POOL_SIZE = 20;

    @Test
    void twoHundredContainersNeverUseMoreThanTheProxyPool() throws Exception {
        ProxiedDatabase proxied = ProxiedDatabase.create("multiplex");
        String databaseName = proxied.database().name();
        var errors = new ConcurrentLinkedQueue<Throwable>();
        var committed = new AtomicInteger();
        var peakBackends = new AtomicInteger();
        var sampling = new AtomicBoolean(true);

        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peakBackends.accumulateAndGet(PostgresServer.shared().backendCount(databaseName), Math::max);
                sleep(5);
            }
        });
        sampler.start();

        var start = new CountDownLatch(1);
        List<Thread> containers = new ArrayList<>();
        for (int i = 0; i < CONTAINERS; i++) {
            Thread container = new Thread(() -> {
                // 200 logins at once queue on PgBouncer's one thread (TLS + SCRAM each): on a busy
                // 2-core machine that outlasts the default 10 s connect budget. A function's budget is
                // its invocation's remaining time (60 s for the SQS handlers): give the same here.
                try (Database database = Database.fromEnvironment(
                        Env.of(proxied.env()).with(Map.of("DB_CONNECT_BUDGET_MS", "60000")))) {
                    start.await();
                    for (int n = 0; n < TRANSACTIONS_EACH; n++) {
                        claimAndUpdate(database);
                        committed.incrementAndGet();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            container.start();
            containers.add(container);
        }
        start.countDown();
        for (Thread container : containers) {
            container.join();
        }
        sampling.set(false);
        sampler.join();

        System.out.printf("proxy multiplexing: %d containers, %d transactions, peak server backends %d%n",
                CONTAINERS, committed.get(), peakBackends.get());
        assertThat(errors).as("errors from containers").isEmpty();
        assertThat(committed.get()).isEqualTo(CONTAINERS * TRANSACTIONS_EACH);
        assertThat(peakBackends.get()).as("peak server backends from the proxy")
                .isPositive()
                .isLessThanOrEqualTo(PROXY_POOL_SIZE);
        try (var connection = proxied.direct().getConnection();
                var result = connection.createStatement().executeQuery(
                        "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL")) {
            result.next();
            assertThat(result.getInt(1)).isEqualTo(CONTAINERS * TRANSACTIONS_EACH);
        }
    }

    // The shape of the dialer's claim: insert, then a conditional update in the same transaction.
    private static void claimAndUpdate(Database database) {
        UUID id = UUID.randomUUID();
        database.jdbi().useTransaction(handle -> {
            handle.createUpdate("INSERT INTO outbox (id, queue, body, created_at) VALUES (:id, 'dial', '{}', now())")
                    .bind("id", id).execute();
            int claimed = handle.createUpdate("UPDATE outbox SET sent_at = now() WHERE id = :id AND sent_at IS NULL")
                    .bind("id", id).execute();
            if (claimed != 1) {
                throw new IllegalStateException("claim lost for " + id);
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
