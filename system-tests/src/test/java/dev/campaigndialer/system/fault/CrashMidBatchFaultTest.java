package dev.campaigndialer.system.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.local.lambda.Faults.Crash;
import dev.campaigndialer.local.lambda.Faults.CrashEvent;
import dev.campaigndialer.report.CampaignReport;
import dev.campaigndialer.system.SystemStack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 3: the handler dies after k messages of a batch, on the first three batches of every
 * queue (k = 3, 0, 7; in a smaller batch at most size - 1, in a single-message batch 1 or 0): once with an exception escaping (the whole batch
 * returns, the k processed ones included), once abandoned mid-way as on a timeout (message k + 1
 * left running in another container, nothing deleted). The local stack's event source mappings
 * inject the crashes into the real functions' invocations. Redelivery after a two-second visibility
 * timeout must lose nothing and dial nothing twice. Both campaigns run on the suite's shared stack, each with its own numbers.
 */
@ExtendWith(ReliabilityTable.class)
class CrashMidBatchFaultTest {

    private static final int CRASHED_BATCHES = 3;
    private static SystemStack system;

    @BeforeAll
    static void start() {
        // Its two-second visibility timeout: crashed batches come back fast, and a slow dispatch under
        // load is not received again (spending receives towards the DLQ) while it still runs.
        system = SystemStack.shared();
    }

    @Test
    void anExceptionEscapingMidBatchLosesNothingAndDialsNothingTwice() throws Exception {
        var row = ReliabilityTable.row("3a", "Crash mid-batch: exception escapes",
                "first 3 batches of each of the 5 queues die after k of n messages (k = 3, 0, 7; at most n-1 "
                        + "when n > 1; the batch queues' mappings start once 10 messages wait); the whole batch returns, processed ones included; COMPLETED, outcomes add up, calls exact per number");
        List<CrashEvent> crashes = run(Crash.EXCEPTION_ESCAPES, "564", row);
        assertThat(crashes).as("a crash mid-way through a batch of several messages")
                .anyMatch(crash -> crash.after() > 0 && crash.after() < crash.of());
    }

    @Test
    void anInvocationAbandonedMidBatchLosesNothingAndDialsNothingTwice() throws Exception {
        var row = ReliabilityTable.row("3b", "Crash mid-batch: invocation abandoned",
                "as 3a, but the invocation stops after k as on a timeout: message k+1 keeps running in another container, nothing "
                        + "deleted; COMPLETED, outcomes add up, calls exact per number");
        List<CrashEvent> crashes = run(Crash.INVOCATION_ABANDONED, "565", row);
        assertThat(crashes).as("an abandoned message left running").anyMatch(crash -> crash.after() < crash.of());
    }

    private static List<CrashEvent> run(Crash mode, String exchange, ReliabilityTable.Row row) throws Exception {
        int before = system.faults().crashEvents().size();
        system.resetCounts();
        system.faults().crashes(mode, CRASHED_BATCHES, 3, 0, 7);
        var campaign = FaultCampaign.on(system, "crash-" + mode.name().toLowerCase().replace('_', '-'), exchange);
        CampaignReport report;
        try {
            // The batch queues' mappings wait until work has piled up, so their first batches hold
            // several messages and a crash can fall in the middle of one.
            List<String> batchQueues = List.of(QueueTopology.ENRICH, QueueTopology.DIAL, QueueTopology.STATUS);
            system.hold(batchQueues.toArray(String[]::new));
            campaign.submit(10);
            for (String queue : batchQueues) {
                system.await(queue + " holding ten messages", Duration.ofSeconds(90),
                        () -> system.stack.queues().depth(queue).total() >= 10);
                system.faults().release(queue);
            }
            report = campaign.awaitReport(Duration.ofSeconds(180));
        } finally {
            system.faults().clear();
        }
        List<CrashEvent> all = system.faults().crashEvents();
        List<CrashEvent> crashes = all.subList(before, all.size());
        var deadLetters = system.takeDeadLetters();
        int realDeadLetters = deadLetters.values().stream().mapToInt(List::size).sum();
        Map<String, String> byQueue = new LinkedHashMap<>();
        for (QueueSettings queue : QueueTopology.all()) {
            byQueue.put(queue.name(), crashes.stream().filter(crash -> crash.queue().equals(queue.name()))
                    .map(crash -> crash.after() + "/" + crash.of()).collect(Collectors.joining(" ")));
        }

        campaign.measure(row);
        row.figure("crashes (k/n per queue)", crashes.size() + " " + byQueue)
                .figure("processed then redelivered", crashes.stream().mapToInt(CrashEvent::after).sum());
        if (mode == Crash.INVOCATION_ABANDONED) {
            row.figure("left running in another container", crashes.stream()
                    .filter(crash -> crash.after() < crash.of()).count());
        }
        row.figure("real messages DLQ'd", FaultCampaign.describe(deadLetters))
                .figure("most receives of one message", system.mostReceives());

        for (QueueSettings queue : QueueTopology.all()) {
            assertThat(crashes).as("crashes on %s", queue.name())
                    .filteredOn(crash -> crash.queue().equals(queue.name())).hasSize(CRASHED_BATCHES);
        }
        campaign.assertExact(report);
        assertThat(realDeadLetters).as("messages dead-lettered").isZero();
        return crashes;
    }
}
