package dev.campaigndialer.report;

import dev.campaigndialer.core.api.HttpRequest;
import dev.campaigndialer.core.api.HttpResponse;
import dev.campaigndialer.testkit.OpenApiContract;
import org.jdbi.v3.core.Jdbi;
import java.time.Clock;

/** {@link ReportApi} as the tests call it: every response is checked against api/openapi.yaml. */
final class ContractCheckedReportApi {

    private final ReportApi api;

    ContractCheckedReportApi(Jdbi jdbi, Clock clock) {
        this.api = new ReportApi(new ReportService(jdbi, clock), new ReportCsv(jdbi));
    }

    HttpResponse handle(HttpRequest request) {
        HttpResponse response = api.handle(request);
        OpenApiContract.load().assertConforms(request.method(), request.path(), response.status(), response.headers(),
                response.body());
        return response;
    }
}
