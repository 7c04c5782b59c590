package dev.campaigndialer.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.lambda.Deadlines;
import dev.campaigndialer.core.sqs.BatchProcessor;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsClients;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.telephony.CallTracking;
import dev.campaigndialer.core.telephony.ConnectBudget;
import dev.campaigndialer.core.telephony.TelephonyProvider;
import dev.campaigndialer.core.telephony.TelephonyProviders;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.core.time.TimeScale;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.OutboxRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * SQS handler for the status queue: call outcomes (our own poll messages and Amazon Connect contact
 * events, see {@link StatusItem}), retries, completion; partial batch response.
 */
public final class StatusCheckerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Database database;
    private final StatusService status;
    private final BatchProcessor batch = new BatchProcessor();

    public StatusCheckerHandler() {
        this(Env.system());
    }

    StatusCheckerHandler(Env env) {
        this(Database.fromEnvironment(env), TelephonyProviders.fromEnvironment(env),
                new SqsPublisher(SqsClients.fromEnvironment(env)), QueueUrls.fromEnvironment(env), polling(env),
                Clocks.fromEnvironment(env), ConnectBudget.fromEnvironment(env), CallTracking.fromEnvironment(env));
    }

    StatusCheckerHandler(Database database, TelephonyProvider provider, SqsPublisher publisher, QueueUrls queues,
            StatusService.Polling polling, Clock clock, Optional<ConnectBudget> budget, CallTracking tracking) {
        this.database = database;
        var relay = new OutboxRelay(database.jdbi(), publisher, queues, clock);
        this.status = new StatusService(database.jdbi(), provider, publisher, queues, relay,
                new CampaignCompletion(database.jdbi(), relay, clock), polling, clock, budget, tracking);
    }

    static StatusService.Polling polling(Env env) {
        return new StatusService.Polling(Duration.ofSeconds(env.intOrDefault("STATUS_POLL_DELAY_SECONDS", 10)),
                Duration.ofSeconds(env.intOrDefault("DIAL_TIMEOUT_SECONDS", 900)), TimeScale.fromEnvironment(env));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        database.connectDeadline(Deadlines.of(context, 60_000));
        try {
            return batch.processTogether(event, context, message -> StatusItem.read(message.getBody()),
                    status::process);
        } finally {
            database.connectDeadline(null);
        }
    }
}
