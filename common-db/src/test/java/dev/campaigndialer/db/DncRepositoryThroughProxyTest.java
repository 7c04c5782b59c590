package dev.campaigndialer.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.db.repository.DncRepository;
import dev.campaigndialer.testkit.ProxiedDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DNC repository, run through the transaction-pooling proxy as every repository test is. */
class DncRepositoryThroughProxyTest {

    private static Database database;

    @BeforeAll
    static void open() {
        database = Database.fromEnvironment(Env.of(ProxiedDatabase.create("dnc").env()));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void addingIsIdempotentAndListsAreOwnerScoped() {
        DncRepository dnc = database.jdbi().onDemand(DncRepository.class);
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        int[] first = dnc.add("alice", List.of("+14155550199", "+14155550198"), now);
        int[] again = dnc.add("alice", List.of("+14155550199"), now);
        dnc.add("bob", List.of("+14155550111"), now);

        assertThat(first).containsExactly(1, 1);
        assertThat(again).containsExactly(0);
        assertThat(dnc.list("alice")).containsExactly("+14155550198", "+14155550199");
        assertThat(dnc.list("bob")).containsExactly("+14155550111");
        assertThat(dnc.listed("alice", List.of("+14155550199", "+14155550111"))).containsExactly("+14155550199");
        assertThat(dnc.listed("alice", List.of())).isEmpty();
        // A batch of tasks of several owners: each number counts for its own owner only.
        assertThat(dnc.listedPairs(new String[] {"alice", "bob", "bob"},
                new String[] {"+14155550198", "+14155550199", "+14155550111"}))
                .containsExactlyInAnyOrder("alice +14155550198", "bob +14155550111");
        assertThat(dnc.remove("alice", "+14155550199")).isEqualTo(1);
        assertThat(dnc.remove("alice", "+14155550199")).isZero();
        assertThat(dnc.list("alice")).containsExactly("+14155550198");
    }

    @Test
    void repeatedStatementsStayUnpreparedSoTheProxyCanMultiplex() {
        DncRepository dnc = database.jdbi().onDemand(DncRepository.class);
        // pgjdbc switches to a named server-side statement after 5 executions unless
        // prepareThreshold=0; under transaction pooling the next use on another backend fails.
        for (int i = 0; i < 50; i++) {
            assertThat(dnc.listed("carol", List.of("+1415555" + String.format("%04d", i)))).isEmpty();
        }
    }
}
