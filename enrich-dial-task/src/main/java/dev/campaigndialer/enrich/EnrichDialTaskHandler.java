package dev.campaigndialer.enrich;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.lambda.Deadlines;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.sqs.BatchProcessor;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsClients;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.OutboxRelay;
import java.time.Clock;

/** SQS handler for the enrich queue: one dial task per message, partial batch response. */
public final class EnrichDialTaskHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Database database;
    private final EnrichService enrich;
    private final BatchProcessor batch = new BatchProcessor();
    private final Clock clock;

    public EnrichDialTaskHandler() {
        this(Env.system());
    }

    EnrichDialTaskHandler(Env env) {
        this(Database.fromEnvironment(env), new SqsPublisher(SqsClients.fromEnvironment(env)),
                QueueUrls.fromEnvironment(env, FunctionCatalog.ENRICH_DIAL_TASK), Clocks.fromEnvironment(env));
    }

    EnrichDialTaskHandler(Database database, SqsPublisher publisher, QueueUrls queues, Clock clock) {
        this.database = database;
        this.clock = clock;
        var relay = new OutboxRelay(database.jdbi(), publisher, queues, clock);
        this.enrich = new EnrichService(database.jdbi(), publisher, queues,
                new CampaignCompletion(database.jdbi(), relay, clock), clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        database.connectDeadline(Deadlines.of(context, 60_000));
        try {
            return batch.processTogether(event, context,
                    message -> Messages.read(message.getBody(), DialTaskMessage.class).taskId(),
                    enrich::enrichAll);
        } finally {
            database.connectDeadline(null);
        }
    }
}
