package dev.campaigndialer.report;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.lambda.Deadlines;
import dev.campaigndialer.core.message.CampaignFinished;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.sqs.BatchProcessor;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.db.Database;
import java.time.Clock;

/** SQS handler for the report queue: stores a finished campaign's report; partial batch response. */
public final class ReportGeneratorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

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
        try {
            return batch.process(event, context, message ->
                    reports.store(Messages.read(message.getBody(), CampaignFinished.class).campaignId()));
        } finally {
            database.connectDeadline(null);
        }
    }
}
