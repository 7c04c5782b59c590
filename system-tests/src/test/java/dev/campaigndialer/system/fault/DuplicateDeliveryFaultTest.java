package dev.campaigndialer.system.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.report.CampaignReport;
import dev.campaigndialer.system.pipeline.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 1: at-least-once delivery. A random 10 % of the messages on every queue, and then every
 * message, delivered twice: exactly the expected calls, and a report identical to a clean run's.
 */
@ExtendWith(ReliabilityTable.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DuplicateDeliveryFaultTest {

    private static final long SEED = 20261123L;
    private static Run clean;

    /** What one run produced, measured before its pipeline closed. */
    private record Run(CampaignReport report, Map<String, String> finalOutcomes, SimulatedCarrier carrier,
            Map<String, Integer> duplicated, Map<String, Integer> processed, int realDeadLetters) {
    }

    private static Run run(String owner, Consumer<Pipeline> configure) throws Exception {
        var carrier = new SimulatedCarrier();
        try (var pipeline = new Pipeline(carrier, Pipeline.setup().deadLetterQueues())) {
            configure.accept(pipeline);
            var campaign = FaultCampaign.on(pipeline, owner);
            campaign.submit(10);
            CampaignReport report;
            try (var running = pipeline.start()) {
                report = campaign.awaitReport(running, Duration.ofSeconds(120));
            }
            int deadLetters = campaign.deadLetters().values().stream().mapToInt(List::size).sum();
            return new Run(report, pipeline.finalOutcomes(campaign.id), carrier, pipeline.duplicatedMessages(),
                    pipeline.processedMessages(), deadLetters);
        }
    }

    private static synchronized Run clean() throws Exception {
        if (clean == null) {
            clean = run("clean", pipeline -> { });
        }
        return clean;
    }

    private static void measure(ReliabilityTable.Row row, Run run) {
        row.figure("lost", ExpectedOutcomes.contactsWithoutTheirOutcome(run.finalOutcomes()))
                .figure("calls", run.carrier().placedCalls() + "/" + ExpectedOutcomes.totalCalls())
                .figure("extra calls", ExpectedOutcomes.extraCalls(run.carrier()))
                .figure("missing calls", ExpectedOutcomes.missingCalls(run.carrier()))
                .figure("real messages DLQ'd", run.realDeadLetters());
    }

    @Test
    @Order(1)
    void cleanRunMatchesTheIndependentComputation() throws Exception {
        var row = ReliabilityTable.row("1a", "Duplicate delivery: clean run (baseline)",
                "report equals the independent computation; calls exact per number");
        Run run = clean();
        measure(row, run);
        row.figure("messages processed", run.processed().values().stream().mapToInt(Integer::intValue).sum());

        ExpectedOutcomes.assertReport(run.report());
        ExpectedOutcomes.assertFinalOutcomes(run.finalOutcomes());
        ExpectedOutcomes.assertCarrier(run.carrier());
        assertThat(run.realDeadLetters()).isZero();
    }

    @Test
    @Order(2)
    void aRandomTenthDeliveredTwiceChangesNeitherTheCallsNorTheReport() throws Exception {
        var row = ReliabilityTable.row("1b", "Duplicate delivery: random 10 % (seed " + SEED + ")",
                "half processed twice concurrently, half re-sent as a late copy; calls exact per number; report "
                        + "equals the clean run's (all fields but id and timestamps)");
        Run baseline = clean();
        Run run = run("dup10", pipeline -> pipeline.duplicate(0.10, SEED));
        measure(row, run);
        int duplicates = run.duplicated().values().stream().mapToInt(Integer::intValue).sum();
        int processed = run.processed().values().stream().mapToInt(Integer::intValue).sum();
        row.figure("duplicate deliveries", duplicates + " of " + processed + " messages " + run.duplicated());

        assertThat(run.duplicated()).as("duplicates on the busy queues")
                .containsKeys(QueueTopology.ENRICH, QueueTopology.DIAL, QueueTopology.STATUS);
        assertThat(duplicates).isBetween(processed / 20, processed / 5);
        ExpectedOutcomes.assertCarrier(run.carrier());
        ExpectedOutcomes.assertFinalOutcomes(run.finalOutcomes());
        ExpectedOutcomes.assertReport(run.report());
        assertThat(run.report()).usingRecursiveComparison()
                .ignoringFields("campaignId", "generatedAt", "firstCallAt", "lastCallAt").isEqualTo(baseline.report());
        assertThat(run.realDeadLetters()).isZero();
    }

    @Test
    @Order(3)
    void everyMessageDeliveredTwiceChangesNeitherTheCallsNorTheReport() throws Exception {
        var row = ReliabilityTable.row("1c", "Duplicate delivery: every message twice",
                "every message on every queue processed twice concurrently; calls exact per number; report equals "
                        + "the clean run's");
        Run baseline = clean();
        Run run = run("dup100", Pipeline::duplicateEverything);
        measure(row, run);
        row.figure("messages processed twice", run.processed().values().stream().mapToInt(Integer::intValue).sum());

        ExpectedOutcomes.assertCarrier(run.carrier());
        ExpectedOutcomes.assertFinalOutcomes(run.finalOutcomes());
        ExpectedOutcomes.assertReport(run.report());
        assertThat(run.report()).usingRecursiveComparison()
                .ignoringFields("campaignId", "generatedAt", "firstCallAt", "lastCallAt").isEqualTo(baseline.report());
        assertThat(run.realDeadLetters()).isZero();
    }
}
