package dev.campaigndialer.report;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.lambda.Deadlines;
import dev.campaigndialer.core.message.CampaignFinished;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.metrics.BusinessMetrics;
import dev.campaigndialer.core.metrics.Metrics;
import dev.campaigndialer.core.sqs.BatchProcessor;
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

    private final Database database;
    private final ReportService reports;
    private final BatchProcessor batch = new BatchProcessor();

    public ReportGeneratorHandler() {
        this(Env.system());
    }

    ReportGeneratorHandler(Env env) {
        this(Database.fromEnvironment(env), Clocks.fromEnvironment(env));
    }

    ReportGeneratorHandler(Database database, Clock clock) {
        this.database = database;
        this.reports = new ReportService(database.jdbi(), clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        database.connectDeadline(Deadlines.of(context, 120_000));
        Metrics metrics = Metrics.of(FUNCTION).property("requestId", context == null ? null : context.getAwsRequestId());
        try {
            return batch.process(event, context, message -> {
                UUID campaignId = Messages.read(message.getBody(), CampaignFinished.class).campaignId();
                metrics.propertyIds("campaignIds", List.of(campaignId));
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
            });
        } finally {
            metrics.flush();
            database.connectDeadline(null);
        }
    }
}
