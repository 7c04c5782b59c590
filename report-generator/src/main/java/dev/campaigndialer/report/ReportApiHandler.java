package dev.campaigndialer.report;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.campaigndialer.core.api.ApiGatewayEvents;
import dev.campaigndialer.core.api.HttpResponse;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.lambda.Invocation;
import dev.campaigndialer.core.lambda.LambdaInvocations;
import dev.campaigndialer.core.metrics.BusinessMetrics;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.db.Database;
import java.time.Clock;
import java.util.HashMap;

/**
 * API Gateway handler for {@code GET /campaigns/{id}/report}. Each report served is timed in EMF
 * ({@link BusinessMetrics#REPORT_GENERATION_TIME}, by format).
 */
public final class ReportApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** The function's name in Terraform and the local stack (report-generator's jar, a second function). */
    static final String FUNCTION = "report-api";

    private final LambdaInvocations invocations;
    private final ReportApi api;

    public ReportApiHandler() {
        this(Env.system());
    }

    ReportApiHandler(Env env) {
        this(Database.fromEnvironment(env), Clocks.fromEnvironment(env));
    }

    ReportApiHandler(Database database, Clock clock) {
        this.invocations = LambdaInvocations.of(FUNCTION, database);
        this.api = new ReportApi(new ReportService(database.jdbi(), clock), new ReportCsv(database.jdbi()));
    }

    private static String format(String contentType) {
        return contentType.startsWith("text/html") ? "html" : contentType.startsWith("text/csv") ? "csv" : "json";
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return invocations.run(context, invocation -> serve(event, invocation));
    }

    private APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event, Invocation invocation) {
        long started = System.nanoTime();
        HttpResponse response = api.handle(ApiGatewayEvents.toRequest(event));
        if (response.status() == 200) {
            invocation.metrics().milliseconds(BusinessMetrics.REPORT_GENERATION_TIME, BusinessMetrics.FORMAT,
                    format(response.headers().getOrDefault("Content-Type", "")), (System.nanoTime() - started) / 1_000_000);
        }
        var headers = new HashMap<>(response.headers());
        boolean base64 = "base64".equals(headers.remove("X-Body-Encoding"));
        APIGatewayV2HTTPResponse mapped = ApiGatewayEvents.toResponse(
                new HttpResponse(response.status(), headers, response.body()));
        mapped.setIsBase64Encoded(base64);
        return mapped;
    }
}
