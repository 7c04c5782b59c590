package dev.campaigndialer.dispatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsBatchHandler;
import dev.campaigndialer.core.sqs.SqsClients;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.db.Database;
import java.time.Clock;
import java.time.Duration;

/** SQS handler for the dispatch queue: partial batch response, one campaign per message. */
public final class DispatcherHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static final String FUNCTION = "dispatcher";

    // Leave room to finish the batch in flight and send the continuation message.
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(15);
    private static final int CHUNK = 1_000;

    private final SqsBatchHandler<CampaignAccepted> batch;

    public DispatcherHandler() {
        this(Env.system());
    }

    DispatcherHandler(Env env) {
        this(Database.fromEnvironment(env), new SqsPublisher(SqsClients.fromEnvironment(env)),
                QueueUrls.fromEnvironment(env, FunctionCatalog.DISPATCHER), Clocks.fromEnvironment(env));
    }

    DispatcherHandler(Database database, SqsPublisher publisher, QueueUrls queues, Clock clock) {
        var dispatch = new DispatchService(database.jdbi(), publisher, queues, clock, SAFETY_MARGIN, CHUNK);
        this.batch = SqsBatchHandler.eachMessage(FUNCTION, database,
                (body, invocation) -> Messages.read(body, CampaignAccepted.class),
                (accepted, invocation) -> dispatch.dispatch(accepted.campaignId(), invocation.deadline()));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.handle(event, context);
    }
}
