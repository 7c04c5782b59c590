package dev.campaigndialer.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.lambda.Invocation;
import dev.campaigndialer.core.log.JsonLog;
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
import dev.campaigndialer.core.time.TimeScale;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.db.repository.CallOutcomeRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQS handler for the status queue: call outcomes (our own poll messages and Amazon Connect contact
 * events, see {@link StatusItem}), retries, completion; partial batch response. Each invocation
 * ends with its business metrics in EMF ({@link BusinessMetrics}): the outcomes of the calls this
 * batch finished, read back in one query (the service's results say which calls finished, not
 * how), and Connect's throttled {@code DescribeContact} requests.
 */
public final class StatusCheckerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static final String FUNCTION = "status-checker";
    private static final JsonLog LOG = JsonLog.forClass(StatusCheckerHandler.class);

    private final Database database;
    private final StatusService status;
    private final SqsBatchHandler<StatusItem> batch;

    public StatusCheckerHandler() {
        this(Env.system());
    }

    StatusCheckerHandler(Env env) {
        this(Database.fromEnvironment(env), TelephonyProviders.fromEnvironment(env),
                new SqsPublisher(SqsClients.fromEnvironment(env)),
                QueueUrls.fromEnvironment(env, FunctionCatalog.STATUS_CHECKER), polling(env),
                Clocks.fromEnvironment(env), ConnectBudget.fromEnvironment(env), CallTracking.fromEnvironment(env));
    }

    StatusCheckerHandler(Database database, TelephonyProvider provider, SqsPublisher publisher, QueueUrls queues,
            StatusService.Polling polling, Clock clock, Optional<ConnectBudget> budget, CallTracking tracking) {
        this.database = database;
        var relay = new OutboxRelay(database.jdbi(), publisher, queues, clock);
        this.status = new StatusService(database.jdbi(), provider, publisher, queues, relay,
                new CampaignCompletion(database.jdbi(), relay, clock), polling, clock, budget, tracking);
        this.batch = SqsBatchHandler.together(FUNCTION, database, (body, invocation) -> StatusItem.read(body), this::process)
                .measuring(ConnectThrottles.of(provider));
    }

    static StatusService.Polling polling(Env env) {
        return new StatusService.Polling(Duration.ofSeconds(env.intOrDefault("STATUS_POLL_DELAY_SECONDS", 10)),
                Duration.ofSeconds(env.intOrDefault("DIAL_TIMEOUT_SECONDS", 900)), TimeScale.fromEnvironment(env));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.handle(event, context);
    }

    private Map<StatusItem, StatusService.Result> process(List<StatusItem> items, Invocation invocation) {
        Map<StatusItem, StatusService.Result> results = status.process(items);
        countOutcomes(invocation.metrics(), results);
        return results;
    }

    /** FINISHED, RETRY_SCHEDULED and TIMED_OUT are the results whose call this batch recorded (once: a duplicate is NOTHING_TO_DO). */
    private void countOutcomes(Metrics metrics, Map<StatusItem, StatusService.Result> results) {
        List<UUID> checked = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        results.forEach((item, result) -> {
            if (result == StatusService.Result.FINISHED || result == StatusService.Result.RETRY_SCHEDULED
                    || result == StatusService.Result.TIMED_OUT) {
                if (item instanceof StatusItem.TaskCheck check) {
                    checked.add(check.taskId());
                } else if (item instanceof StatusItem.ContactEvent contact) {
                    reported.add(contact.event().contactId());
                }
            }
        });
        if (checked.isEmpty() && reported.isEmpty()) {
            return;
        }
        try {
            database.jdbi().useExtension(CallOutcomeRepository.class, outcomes -> {
                if (!checked.isEmpty()) {
                    count(metrics, outcomes.outcomesAmong(checked.toArray(UUID[]::new)));
                }
                if (!reported.isEmpty()) {
                    count(metrics, outcomes.outcomesAmongCalls(reported.toArray(String[]::new)));
                }
            });
        } catch (RuntimeException e) {
            // The outcomes are recorded; only their metric is lost. Never return the batch for it.
            LOG.error("call outcome metrics not read", e);
        }
    }

    private static void count(Metrics metrics, Map<String, Long> byOutcome) {
        byOutcome.forEach((outcome, n) -> metrics.count(BusinessMetrics.CALL_OUTCOMES, BusinessMetrics.OUTCOME, outcome, n));
    }
}
