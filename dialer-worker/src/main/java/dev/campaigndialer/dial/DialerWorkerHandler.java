package dev.campaigndialer.dial;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.calling.CallTiming;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.lambda.Invocation;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.metrics.BusinessMetrics;
import dev.campaigndialer.core.metrics.Metrics;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsBatchHandler;
import dev.campaigndialer.core.sqs.SqsClients;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.CallTracking;
import dev.campaigndialer.core.telephony.ConnectBudget;
import dev.campaigndialer.core.telephony.ConnectThrottles;
import dev.campaigndialer.core.telephony.TelephonyProvider;
import dev.campaigndialer.core.telephony.TelephonyProviders;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.OutboxRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQS handler for the dial queue: places calls, partial batch response. Each invocation ends with
 * its business metrics in EMF ({@link BusinessMetrics}), counted from the service's results.
 */
public final class DialerWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static final String FUNCTION = "dialer-worker";

    private final DialService dial;
    private final SqsBatchHandler<UUID> batch;

    public DialerWorkerHandler() {
        this(Env.system());
    }

    DialerWorkerHandler(Env env) {
        this(Database.fromEnvironment(env), TelephonyProviders.fromEnvironment(env),
                new SqsPublisher(SqsClients.fromEnvironment(env)),
                QueueUrls.fromEnvironment(env, FunctionCatalog.DIALER_WORKER), pacing(env),
                CallTiming.fromEnvironment(env), Clocks.fromEnvironment(env), ConnectBudget.fromEnvironment(env),
                CallTracking.fromEnvironment(env));
    }

    DialerWorkerHandler(Database database, TelephonyProvider provider, SqsPublisher publisher, QueueUrls queues,
            DialService.Pacing pacing, CallTiming timing, Clock clock, Optional<ConnectBudget> budget,
            CallTracking tracking) {
        var relay = new OutboxRelay(database.jdbi(), publisher, queues, clock);
        this.dial = new DialService(database.jdbi(), provider, publisher, queues,
                new CampaignCompletion(database.jdbi(), relay, clock), pacing, timing, clock, budget, tracking);
        this.batch = SqsBatchHandler.together(FUNCTION, database, DialerWorkerHandler::read, this::dial)
                .measuring(ConnectThrottles.of(provider));
    }

    static DialService.Pacing pacing(Env env) {
        return new DialService.Pacing(Duration.ofSeconds(env.intOrDefault("STATUS_POLL_DELAY_SECONDS", 10)),
                Duration.ofSeconds(env.intOrDefault("THROTTLED_RETRY_SECONDS", 3)));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.handle(event, context);
    }

    private static UUID read(String body, Invocation invocation) {
        DialTaskMessage task = Messages.read(body, DialTaskMessage.class);
        invocation.metrics().propertyIds("campaignIds", List.of(task.campaignId()));
        return task.taskId();
    }

    private Map<UUID, DialService.Result> dial(List<UUID> taskIds, Invocation invocation) {
        Map<UUID, DialService.Result> results = dial.dialAll(taskIds);
        count(invocation.metrics(), results);
        return results;
    }

    private static void count(Metrics metrics, Map<UUID, DialService.Result> results) {
        Metrics.tally(results).forEach((result, n) -> {
            switch (result) {
                case PLACED -> metrics.count(BusinessMetrics.CALLS_PLACED, n);
                case RETRY, PLACEMENT_RETRY, PLACEMENT_FAILED -> metrics.count(BusinessMetrics.PLACEMENT_FAILURES, n);
                case THROTTLED -> metrics.count(BusinessMetrics.PACING_DEFERRALS, n);
                case EARLY, DEFERRED -> metrics.count(BusinessMetrics.WINDOW_DEFERRALS, n);
                case SUPPRESSED -> metrics.count(BusinessMetrics.DNC_SUPPRESSIONS, n);
                default -> {
                    // PARKED, CANCELLED, NOTHING_TO_DO, UNKNOWN_TASK: visible in the log, not business metrics
                }
            }
        });
    }
}
