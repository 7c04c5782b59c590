package dev.campaigndialer.report.fault;

import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.report.CampaignReport;
import dev.campaigndialer.report.ReportService;
import dev.campaigndialer.status.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The suite's campaign on one pipeline whose report queue is consumed by {@link ReportService#store}. */
final class FaultCampaign {

    final Pipeline pipeline;
    final ReportService reports;
    final String owner;
    UUID id;

    private FaultCampaign(Pipeline pipeline, String owner) {
        this.pipeline = pipeline;
        this.owner = owner;
        this.reports = new ReportService(pipeline.database.jdbi(), pipeline.clock);
        pipeline.reportStep(reports::save);
    }

    static FaultCampaign on(Pipeline pipeline, String owner) {
        return new FaultCampaign(pipeline, owner);
    }

    UUID submit(int maxConcurrentCalls) {
        id = pipeline.submit(owner, ExpectedOutcomes.campaignBody(maxConcurrentCalls));
        return id;
    }

    /** COMPLETED and its report stored by the report step. False (not an error) while the database is down. */
    boolean reportStored() {
        return quietly(() -> pipeline.status(id) == CampaignStatus.COMPLETED
                && pipeline.query("SELECT count(*)::int FROM reports WHERE campaign_id = '" + id + "'", Integer.class)
                .get(0) == 1);
    }

    /**
     * Waits for the stored report and then for every queue to be empty (nothing visible, in flight or
     * delayed: every redelivery, late duplicate and poison message dealt with), then reads the report
     * as the owner would.
     */
    CampaignReport awaitReport(Pipeline.Running running, Duration timeout) throws InterruptedException {
        running.await(this::reportStored, timeout);
        running.await(() -> quietly(() -> QueueTopology.all().stream()
                .allMatch(queue -> messagesIn(pipeline, pipeline.queueUrls.get(queue.name())) == 0)), timeout);
        return reports.forOwner(owner, id).orElseThrow();
    }

    /** Messages in a queue: visible, in flight and delayed. */
    static int messagesIn(Pipeline pipeline, String url) {
        var attributes = pipeline.sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** Messages in every dead-letter queue (pipeline built with dead-letter queues). */
    Map<String, List<Message>> deadLetters() {
        return QueueTopology.all().stream().map(QueueSettings::name)
                .collect(java.util.stream.Collectors.toMap(queue -> queue, pipeline::deadLetters));
    }

    /** "n {queue=count, ...}" for the non-empty queues. */
    static String describe(Map<String, List<Message>> deadLetters) {
        int total = deadLetters.values().stream().mapToInt(List::size).sum();
        Map<String, Integer> byQueue = new java.util.TreeMap<>();
        deadLetters.forEach((queue, messages) -> {
            if (!messages.isEmpty()) {
                byQueue.put(queue, messages.size());
            }
        });
        return total == 0 ? "0" : total + " " + byQueue;
    }

    /** The figures every row shows, measured from the database and the carrier. */
    void measure(ReliabilityTable.Row row) {
        row.figure("lost", ExpectedOutcomes.contactsWithoutTheirOutcome(pipeline.finalOutcomes(id)))
                .figure("calls", pipeline.carrier.placedCalls() + "/" + ExpectedOutcomes.totalCalls())
                .figure("extra calls", ExpectedOutcomes.extraCalls(pipeline.carrier))
                .figure("missing calls", ExpectedOutcomes.missingCalls(pipeline.carrier));
    }

    static boolean quietly(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
