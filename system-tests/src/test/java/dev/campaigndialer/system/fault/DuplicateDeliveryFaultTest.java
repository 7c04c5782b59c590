package dev.campaigndialer.system.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.report.CampaignReport;
import dev.campaigndialer.local.lambda.Faults;
import dev.campaigndialer.system.SystemStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.HashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 1: at-least-once delivery. A random 10 % of the messages on every queue, and then every
 * message, delivered twice by the local stack's event source mappings: exactly the expected calls,
 * and a report identical to a clean run's. The three campaigns run on the suite's shared stack, each with its own numbers.
 */
@ExtendWith(ReliabilityTable.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DuplicateDeliveryFaultTest {

    private static final long SEED = 20261123L;
    private static SystemStack system;
    private static Run clean;

    /** What one run produced. */
    private record Run(FaultCampaign campaign, CampaignReport report, Map<String, Integer> duplicated, long delivered,
            int realDeadLetters) {
    }

    @BeforeAll
    static void start() {
        system = SystemStack.shared();
    }

    private static Run run(String owner, String exchange, Consumer<Faults> configure) throws Exception {
        Map<String, Integer> duplicatedBefore = system.faults().duplicated();
        long deliveredBefore = system.deliveredMessages();
        configure.accept(system.faults());
        try {
            var campaign = FaultCampaign.on(system, owner, exchange);
            campaign.submit(10);
            CampaignReport report = campaign.awaitReport(Duration.ofSeconds(180));
            int deadLetters = system.takeDeadLetters().values().stream().mapToInt(List::size).sum();
            Map<String, Integer> duplicated = new HashMap<>(system.faults().duplicated());
            duplicatedBefore.forEach((queue, count) -> duplicated.merge(queue, -count, Integer::sum));
            duplicated.values().removeIf(count -> count == 0);
            return new Run(campaign, report, duplicated, system.deliveredMessages() - deliveredBefore, deadLetters);
        } finally {
            system.faults().clear();
        }
    }

    private static synchronized Run clean() throws Exception {
        if (clean == null) {
            clean = run("clean", "561", faults -> { });
        }
        return clean;
    }

    private static void measure(ReliabilityTable.Row row, Run run) {
        run.campaign().measure(row);
        row.figure("real messages DLQ'd", run.realDeadLetters());
    }

    @Test
    @Order(1)
    void cleanRunMatchesTheIndependentComputation() throws Exception {
        var row = ReliabilityTable.row("1a", "Duplicate delivery: clean run (baseline)",
                "report equals the independent computation; calls exact per number");
        Run run = clean();
        measure(row, run);
        row.figure("messages delivered", run.delivered());

        run.campaign().assertExact(run.report());
        assertThat(run.realDeadLetters()).isZero();
    }

    @Test
    @Order(2)
    void aRandomTenthDeliveredTwiceChangesNeitherTheCallsNorTheReport() throws Exception {
        var row = ReliabilityTable.row("1b", "Duplicate delivery: random 10 % (seed " + SEED + ")",
                "half delivered again in a concurrent invocation, half re-sent as a late copy; calls exact per number; "
                        + "report equals the clean run's (all fields but id and timestamps)");
        Run baseline = clean();
        Run run = run("dup10", "562", faults -> faults.duplicate(0.10, SEED));
        measure(row, run);
        int duplicates = run.duplicated().values().stream().mapToInt(Integer::intValue).sum();
        row.figure("duplicate deliveries", duplicates + " of " + run.delivered() + " messages delivered "
                + run.duplicated());

        assertThat(run.duplicated()).as("duplicates on the busy queues")
                .containsKeys(QueueTopology.ENRICH, QueueTopology.DIAL, QueueTopology.STATUS);
        assertThat((long) duplicates).isBetween(run.delivered() / 25, run.delivered() / 5);
        run.campaign().assertExact(run.report());
        assertThat(run.report()).usingRecursiveComparison()
                .ignoringFields("campaignId", "generatedAt", "firstCallAt", "lastCallAt").isEqualTo(baseline.report());
        assertThat(run.realDeadLetters()).isZero();
    }

    @Test
    @Order(3)
    void everyMessageDeliveredTwiceChangesNeitherTheCallsNorTheReport() throws Exception {
        var row = ReliabilityTable.row("1c", "Duplicate delivery: every message twice",
                "every message on every queue delivered again in a concurrent invocation; calls exact per number; "
                        + "report equals the clean run's");
        Run baseline = clean();
        Run run = run("dup100", "563", Faults::duplicateEverything);
        measure(row, run);
        row.figure("messages delivered twice", run.duplicated().values().stream().mapToInt(Integer::intValue).sum());

        run.campaign().assertExact(run.report());
        assertThat(run.report()).usingRecursiveComparison()
                .ignoringFields("campaignId", "generatedAt", "firstCallAt", "lastCallAt").isEqualTo(baseline.report());
        assertThat(run.realDeadLetters()).isZero();
    }
}
