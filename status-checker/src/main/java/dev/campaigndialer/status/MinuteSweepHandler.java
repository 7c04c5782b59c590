package dev.campaigndialer.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.lambda.LambdaInvocations;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsClients;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.core.telephony.CallTracking;
import dev.campaigndialer.core.time.TimeScale;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.DataRetention;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.OutboxRelay;
import java.time.Clock;
import java.util.Map;

/** The EventBridge schedule's target: one {@link MinuteSweep} per invocation; returns its counts. */
public final class MinuteSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    static final String FUNCTION = "minute-sweep";

    private final LambdaInvocations invocations;
    private final MinuteSweep sweep;

    public MinuteSweepHandler() {
        this(Env.system());
    }

    MinuteSweepHandler(Env env) {
        this(Database.fromEnvironment(env), new SqsPublisher(SqsClients.fromEnvironment(env)),
                QueueUrls.fromEnvironment(env, FunctionCatalog.MINUTE_SWEEP),
                MinuteSweep.Thresholds.defaults().onClock(TimeScale.fromEnvironment(env))
                        .following(CallTracking.fromEnvironment(env)),
                DataRetention.Policy.fromEnvironment(env).onClock(TimeScale.fromEnvironment(env)),
                Clocks.fromEnvironment(env));
    }

    MinuteSweepHandler(Database database, SqsPublisher publisher, QueueUrls queues, MinuteSweep.Thresholds thresholds,
            DataRetention.Policy retention, Clock clock) {
        this.invocations = LambdaInvocations.of(FUNCTION, database);
        var relay = new OutboxRelay(database.jdbi(), publisher, queues, clock);
        this.sweep = new MinuteSweep(database.jdbi(), publisher, queues, relay,
                new CampaignCompletion(database.jdbi(), relay, clock), thresholds,
                new DataRetention(database.jdbi(), retention, DataRetention.Limits.defaults(), clock), clock);
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        return invocations.run(context, invocation -> sweep.sweep());
    }
}
