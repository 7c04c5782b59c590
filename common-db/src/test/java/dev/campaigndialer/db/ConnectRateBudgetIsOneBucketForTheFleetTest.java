package dev.campaigndialer.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.db.repository.ConnectRateBudget;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.testkit.ProxiedDatabase;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fleet's Connect budget (migration V8) through the transaction-pooling proxy: a bucket per
 * instance and API that grants whole tokens up to its size, refills at its rate from the
 * database's clock, grants nothing while paused, and hands out no token twice when many
 * containers take at once. The dialer's claim reports what is left of it.
 */
class ConnectRateBudgetIsOneBucketForTheFleetTest {

    private static Database database;

    @BeforeAll
    static void open() {
        database = Database.fromEnvironment(Env.of(ProxiedDatabase.create("budget").env()));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aFullBucketGrantsItsSizeThenRefillsAtItsRate() throws Exception {
        ConnectRateBudget budget = database.jdbi().onDemand(ConnectRateBudget.class);
        budget.configure("instance-a", ConnectRateBudget.DESCRIBE_CONTACT, 10, 3);

        ConnectRateBudget.Grant first = budget.take("instance-a", ConnectRateBudget.DESCRIBE_CONTACT, 5).orElseThrow();
        assertThat(first.granted()).isEqualTo(3);
        assertThat(first.tokensLeft()).isLessThan(1);
        assertThat(first.secondsUntilToken(0)).isBetween(0.0, 0.1);

        Thread.sleep(250);
        assertThat(budget.take("instance-a", ConnectRateBudget.DESCRIBE_CONTACT, 5).orElseThrow().granted())
                .as("tokens after 0.25 s at 10/s").isBetween(2, 3);
        assertThat(budget.take("other-instance", ConnectRateBudget.DESCRIBE_CONTACT, 5)).as("no bucket").isEmpty();
    }

    @Test
    void aPausedBucketGrantsNothingAndSaysForHowLong() {
        ConnectRateBudget budget = database.jdbi().onDemand(ConnectRateBudget.class);
        budget.configure("instance-b", ConnectRateBudget.START_OUTBOUND_VOICE_CONTACT, 2, 5);
        budget.pause("instance-b", ConnectRateBudget.START_OUTBOUND_VOICE_CONTACT, 60);

        ConnectRateBudget.Grant grant = budget.take("instance-b", ConnectRateBudget.START_OUTBOUND_VOICE_CONTACT, 1)
                .orElseThrow();

        assertThat(grant.granted()).isZero();
        assertThat(grant.pausedSeconds()).isBetween(55.0, 60.0);
    }

    @Test
    void manyContainersTakingAtOnceNeverGetMoreThanTheBucketHolds() throws Exception {
        ConnectRateBudget budget = database.jdbi().onDemand(ConnectRateBudget.class);
        budget.configure("instance-c", ConnectRateBudget.START_OUTBOUND_VOICE_CONTACT, 0.01, 20);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var takes = new java.util.ArrayList<Future<?>>();
            for (int i = 0; i < 40; i++) {
                takes.add(pool.submit(() -> granted.addAndGet(budget.take("instance-c",
                        ConnectRateBudget.START_OUTBOUND_VOICE_CONTACT, 3).orElseThrow().granted())));
            }
            for (Future<?> take : takes) {
                take.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(granted.get()).isEqualTo(20);
    }

    @Test
    void theClaimReportsWhatIsLeftOfTheBudgetAndLimitsNothingWithoutOne() {
        ConnectRateBudget budget = database.jdbi().onDemand(ConnectRateBudget.class);
        budget.configure("instance-d", ConnectRateBudget.START_OUTBOUND_VOICE_CONTACT, 2, 3);
        DialTaskRepository tasks = database.jdbi().onDemand(DialTaskRepository.class);
        Instant now = Instant.now();
        UUID[] unknown = {UUID.randomUUID(), UUID.randomUUID()};

        DialTaskRepository.Claim withBudget = tasks.claim(UUID.randomUUID(), unknown, now, now, "instance-d");
        DialTaskRepository.Claim without = tasks.claim(UUID.randomUUID(), unknown, now, now, null);

        assertThat(withBudget.taskIds()).isEmpty();
        assertThat(withBudget.budget()).hasValueSatisfying(left -> {
            assertThat(left.tokensLeft()).isBetween(2.9, 3.0);
            assertThat(left.rate()).isEqualTo(2.0);
            assertThat(left.pausedSeconds()).isZero();
        });
        assertThat(without.taskIds()).isEmpty();
        assertThat(without.budget()).isEmpty();
    }
}
