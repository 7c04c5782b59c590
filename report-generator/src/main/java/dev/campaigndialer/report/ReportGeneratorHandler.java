package dev.campaigndialer.report;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.lambda.Invocation;
import dev.campaigndialer.core.message.CampaignFinished;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.metrics.BusinessMetrics;
import dev.campaigndialer.core.metrics.Metrics;
import dev.campaigndialer.core.sqs.SqsBatchHandler;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * SQS handler for the report queue: stores a finished campaign's report; partial batch response.
 * Metrics (EMF): the time each report took, and each campaign completed or cancelled, counted when
 * its report is first stored (a redelivered message finds it stored and counts nothing).
 */
public final class ReportGeneratorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static final String FUNCTION = "report-generator";

    private final ReportService reports;
    private final SqsBatchHandler<UUID> batch;

    public ReportGeneratorHandler() {
        this(Env.system());
    }

    ReportGeneratorHandler(Env env) {
        this(Database.fromEnvironment(env), Clocks.fromEnvironment(env));
    }

    ReportGeneratorHandler(Database database, Clock clock) {
        this.reports = new ReportService(database.jdbi(), clock);
        this.batch = SqsBatchHandler.eachMessage(FUNCTION, database, ReportGeneratorHandler::read, this::save);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.handle(event, context);
    }

    private static UUID read(String body, Invocation invocation) {
        UUID campaignId = Messages.read(body, CampaignFinished.class).campaignId();
        invocation.metrics().propertyIds("campaignIds", List.of(campaignId));
        return campaignId;
    }

    private void save(UUID campaignId, Invocation invocation) {
        Metrics metrics = invocation.metrics();
        long started = System.nanoTime();
        ReportService.Stored stored = reports.save(campaignId);
        metrics.milliseconds(BusinessMetrics.REPORT_GENERATION_TIME, BusinessMetrics.FORMAT, "stored",
                (System.nanoTime() - started) / 1_000_000);
        if (stored.first()) {
            switch (stored.report().status()) {
                case "COMPLETED" -> metrics.count(BusinessMetrics.CAMPAIGNS_COMPLETED, 1);
                case "CANCELLED" -> metrics.count(BusinessMetrics.CAMPAIGNS_CANCELLED, 1);
                default -> {
                    // only completion and cancellation request reports
                }
            }
        }
    }
}
