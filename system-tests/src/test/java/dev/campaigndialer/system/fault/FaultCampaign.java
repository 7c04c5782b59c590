package dev.campaigndialer.system.fault;

import dev.campaigndialer.report.CampaignReport;
import dev.campaigndialer.report.ReportService;
import dev.campaigndialer.system.SystemStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The suite's campaign on the local stack: submitted through the owner API, its report stored by
 * the report-generator function, read back as the owner would (the stored report).
 */
final class FaultCampaign {

    final SystemStack system;
    final ExpectedOutcomes expected;
    final String owner;
    UUID id;

    private FaultCampaign(SystemStack system, String owner, String exchange) {
        this.system = system;
        this.owner = owner;
        this.expected = new ExpectedOutcomes(exchange);
    }

    /** @param exchange this campaign's numbers' exchange, distinct from the other campaigns' on the stack */
    static FaultCampaign on(SystemStack system, String owner, String exchange) {
        return new FaultCampaign(system, owner, exchange);
    }

    UUID submit(int maxConcurrentCalls) {
        id = system.submit(owner, expected.campaignBody(maxConcurrentCalls));
        return id;
    }

    /** COMPLETED and its report stored by report-generator. False (not an error) while the database is down. */
    boolean reportStored() {
        try {
            return system.status(id).name().equals("COMPLETED") && system.reportStored(id);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Waits for the stored report and then for every queue to be empty (nothing visible, in flight or
     * delayed: every redelivery, late duplicate and poison message dealt with), then reads the report.
     */
    CampaignReport awaitReport(Duration timeout) throws InterruptedException {
        system.awaitFinished(List.of(id), timeout);
        return new ReportService(system.admin(), system.stack.clock()).forOwner(owner, id).orElseThrow();
    }

    /** "n {queue=count, ...}" for the non-empty queues. */
    static String describe(Map<String, List<Message>> deadLetters) {
        int total = deadLetters.values().stream().mapToInt(List::size).sum();
        Map<String, Integer> byQueue = new TreeMap<>();
        deadLetters.forEach((queue, messages) -> {
            if (!messages.isEmpty()) {
                byQueue.put(queue, messages.size());
            }
        });
        return total == 0 ? "0" : total + " " + byQueue;
    }

    /** The figures every row shows, measured from the database and the carrier. */
    void measure(ReliabilityTable.Row row) {
        var carrier = system.carrier();
        row.figure("lost", expected.contactsWithoutTheirOutcome(system.finalOutcomes(id)))
                .figure("calls", expected.dialledNumbers().stream().mapToLong(carrier::placedCallsTo).sum() + "/"
                        + expected.totalCalls())
                .figure("extra calls", expected.extraCalls(carrier))
                .figure("missing calls", expected.missingCalls(carrier));
    }

    /** The campaign's final checks: the report field by field, every contact's last task, the calls per number. */
    void assertExact(CampaignReport report) {
        expected.assertReport(report);
        expected.assertFinalOutcomes(system.finalOutcomes(id));
        expected.assertCarrier(system.carrier());
    }
}
