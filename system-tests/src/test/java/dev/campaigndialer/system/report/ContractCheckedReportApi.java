package dev.campaigndialer.system.report;

import dev.campaigndialer.core.api.HttpRequest;
import dev.campaigndialer.core.api.HttpResponse;
import dev.campaigndialer.report.ReportApi;
import dev.campaigndialer.report.ReportCsv;
import dev.campaigndialer.report.ReportService;
import dev.campaigndialer.testkit.OpenApiContract;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

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
