package dev.campaigndialer.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.lambda.Deadlines;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.metrics.BusinessMetrics;
import dev.campaigndialer.core.metrics.Metrics;
import dev.campaigndialer.core.sqs.BatchProcessor;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsClients;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.TelephonyProvider;
import dev.campaigndialer.core.telephony.TelephonyProviders;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.core.time.TimeScale;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.db.repository.CallOutcomeRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SQS handler for the status queue: call outcomes, retries, completion; partial batch response.
 * Each invocation ends with its business metrics in EMF ({@link BusinessMetrics}): the outcomes of
 * the calls this batch finished, read back in one query (the service's results say which tasks
 * finished, not how), and Connect's throttled {@code DescribeContact} requests.
 */
public final class StatusCheckerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static final String FUNCTION = "status-checker";
    private static final JsonLog LOG = JsonLog.forClass(StatusCheckerHandler.class);

    private final Database database;
    private final TelephonyProvider provider;
    private final StatusService status;
    private final BatchProcessor batch = new BatchProcessor();

    public StatusCheckerHandler() {
        this(Env.system());
    }

    StatusCheckerHandler(Env env) {
        this(Database.fromEnvironment(env), TelephonyProviders.fromEnvironment(env),
                new SqsPublisher(SqsClients.fromEnvironment(env)), QueueUrls.fromEnvironment(env, FunctionCatalog.STATUS_CHECKER), polling(env),
                Clocks.fromEnvironment(env));
    }

    StatusCheckerHandler(Database database, TelephonyProvider provider, SqsPublisher publisher, QueueUrls queues,
            StatusService.Polling polling, Clock clock) {
        this.database = database;
        this.provider = provider;
        var relay = new OutboxRelay(database.jdbi(), publisher, queues, clock);
        this.status = new StatusService(database.jdbi(), provider, publisher, queues, relay,
                new CampaignCompletion(database.jdbi(), relay, clock), polling, clock);
    }

    static StatusService.Polling polling(Env env) {
        return new StatusService.Polling(Duration.ofSeconds(env.intOrDefault("STATUS_POLL_DELAY_SECONDS", 10)),
                Duration.ofSeconds(env.intOrDefault("DIAL_TIMEOUT_SECONDS", 900)), TimeScale.fromEnvironment(env));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        database.connectDeadline(Deadlines.of(context, 60_000));
        Metrics metrics = Metrics.of(FUNCTION).property("requestId", context == null ? null : context.getAwsRequestId());
        long throttledBefore = provider.throttledRequests();
        try {
            return batch.processTogether(event, context, message -> {
                DialTaskMessage task = Messages.read(message.getBody(), DialTaskMessage.class);
                metrics.propertyIds("campaignIds", List.of(task.campaignId()));
                return task.taskId();
            }, taskIds -> {
                Map<UUID, StatusService.Result> results = status.checkAll(taskIds);
                countOutcomes(metrics, results);
                return results;
            });
        } finally {
            metrics.count(BusinessMetrics.CONNECT_THROTTLES, provider.throttledRequests() - throttledBefore);
            metrics.flush();
            database.connectDeadline(null);
        }
    }

    /** FINISHED, RETRY_SCHEDULED and TIMED_OUT are the results whose call this batch recorded (once: a duplicate is NOTHING_TO_DO). */
    private void countOutcomes(Metrics metrics, Map<UUID, StatusService.Result> results) {
        UUID[] ended = results.entrySet().stream()
                .filter(entry -> switch (entry.getValue()) {
                    case FINISHED, RETRY_SCHEDULED, TIMED_OUT -> true;
                    default -> false;
                })
                .map(Map.Entry::getKey).toArray(UUID[]::new);
        if (ended.length == 0) {
            return;
        }
        try {
            database.jdbi().withExtension(CallOutcomeRepository.class, outcomes -> outcomes.outcomesAmong(ended))
                    .forEach((outcome, n) -> metrics.count(BusinessMetrics.CALL_OUTCOMES, BusinessMetrics.OUTCOME, outcome, n));
        } catch (RuntimeException e) {
            // The outcomes are recorded; only their metric is lost. Never return the batch for it.
            LOG.error("call outcome metrics not read", e);
        }
    }
}
