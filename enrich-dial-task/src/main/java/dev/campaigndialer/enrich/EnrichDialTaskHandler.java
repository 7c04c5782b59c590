package dev.campaigndialer.enrich;

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
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.OutboxRelay;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SQS handler for the enrich queue: one dial task per message, partial batch response. Each
 * invocation ends with its business metrics in EMF ({@link BusinessMetrics}), counted from the
 * service's results.
 */
public final class EnrichDialTaskHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static final String FUNCTION = "enrich-dial-task";

    private final EnrichService enrich;
    private final SqsBatchHandler<UUID> batch;

    public EnrichDialTaskHandler() {
        this(Env.system());
    }

    EnrichDialTaskHandler(Env env) {
        this(Database.fromEnvironment(env), new SqsPublisher(SqsClients.fromEnvironment(env)),
                QueueUrls.fromEnvironment(env, FunctionCatalog.ENRICH_DIAL_TASK), CallTiming.fromEnvironment(env),
                Clocks.fromEnvironment(env));
    }

    EnrichDialTaskHandler(Database database, SqsPublisher publisher, QueueUrls queues, CallTiming timing, Clock clock) {
        var relay = new OutboxRelay(database.jdbi(), publisher, queues, clock);
        this.enrich = new EnrichService(database.jdbi(), publisher, queues,
                new CampaignCompletion(database.jdbi(), relay, clock), timing, clock);
        this.batch = SqsBatchHandler.together(FUNCTION, database, EnrichDialTaskHandler::read, this::enrich);
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

    private Map<UUID, EnrichService.Result> enrich(List<UUID> taskIds, Invocation invocation) {
        Map<UUID, EnrichService.Result> results = enrich.enrichAll(taskIds);
        Metrics.tally(results).forEach((result, n) -> {
            switch (result) {
                case SCHEDULED -> invocation.metrics().count(BusinessMetrics.WINDOW_DEFERRALS, n);
                case SUPPRESSED -> invocation.metrics().count(BusinessMetrics.DNC_SUPPRESSIONS, n);
                default -> {
                    // READY, CANCELLED, NO_WINDOW, NOTHING_TO_DO, UNKNOWN_TASK: in the log only
                }
            }
        });
        return results;
    }
}
