package dev.campaigndialer.report;

import dev.campaigndialer.core.api.ApiException;
import dev.campaigndialer.core.api.Echo;
import dev.campaigndialer.core.api.HttpRequest;
import dev.campaigndialer.core.api.HttpResponse;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.report.html.ReportPage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /campaigns/{id}/report}: JSON by default, CSV with {@code Accept: text/csv}, a
 * self-contained HTML page with charts with {@code Accept: text/html} (what a browser sends;
 * {@link ReportPage}). A Lambda
 * response is at most 6 MB, so CSV is gzip-compressed when the client accepts it (a 100,000-contact
 * CSV is about 7 MB plain, about 1 MB compressed); an uncompressed CSV over the limit is a 413 that
 * says to send {@code Accept-Encoding: gzip}. An ERASED campaign's report is its stored aggregate JSON
 * (and its page); its CSV, which would list contacts, is a 409. Thread-safe.
 */
public final class ReportApi {

    private static final JsonLog LOG = JsonLog.forClass(ReportApi.class);
    private static final Pattern ROUTE = Pattern.compile("/campaigns/([^/]+)/report/?");
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 - 64 * 1024;

    private final ReportService reports;
    private final ReportCsv csv;
    private final ReportPage page = new ReportPage();

    public ReportApi(ReportService reports, ReportCsv csv) {
        this.reports = reports;
        this.csv = csv;
    }

    public HttpResponse handle(HttpRequest request) {
        try {
            return route(request);
        } catch (ApiException e) {
            return HttpResponse.problem(e);
        } catch (RuntimeException e) {
            LOG.error("report request failed", e);
            return HttpResponse.problem(new ApiException(500, "Internal error", "the report could not be produced; retry"));
        }
    }

    private HttpResponse route(HttpRequest request) {
        String owner = request.requireOwner();
        Matcher route = ROUTE.matcher(request.path());
        if (!route.matches()) {
            throw new ApiException(404, "Not found", "no route " + Echo.prefix(request.method()) + " "
                    + Echo.prefix(request.path()));
        }
        if (!request.method().equalsIgnoreCase("GET")) {
            throw new ApiException(405, "Method not allowed", Echo.prefix(request.method()) + " is not supported on "
                    + Echo.prefix(request.path()));
        }
        UUID id;
        try {
            id = UUID.fromString(route.group(1));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("campaign " + Echo.prefix(route.group(1)));
        }
        String accept = request.header("accept").orElse("").toLowerCase(Locale.ROOT);
        if (accept.contains("text/html") && !accept.contains("application/json")) {
            ReportPage.Input page = reports.pageForOwner(owner, id).orElseThrow(() -> ApiException.notFound("campaign " + id));
            return new HttpResponse(200, Map.of("Content-Type", "text/html; charset=utf-8",
                    "Content-Security-Policy", ReportPage.CONTENT_SECURITY_POLICY), this.page.render(page));
        }
        CampaignReport report = reports.forOwner(owner, id).orElseThrow(() -> ApiException.notFound("campaign " + id));
        if (!accept.contains("text/csv")) {
            return HttpResponse.json(200, report);
        }
        // An erased campaign has no contact left to list: a CSV of only its header would read as
        // "no contacts", so it is a 409 that says where the totals are.
        reports.erasedAt(owner, id).ifPresent(erasedAt -> {
            throw new ApiException(409, "Conflict", "the campaign's contacts were erased at " + erasedAt
                    + ": there are no rows to list; the JSON report keeps its totals",
                    java.util.List.of(new dev.campaigndialer.core.api.FieldError("status", "ERASED")));
        });
        boolean gzip = request.header("accept-encoding").orElse("").toLowerCase(Locale.ROOT).contains("gzip");
        return gzip ? gzippedCsv(id) : plainCsv(id);
    }

    private HttpResponse plainCsv(UUID id) {
        var text = new java.io.StringWriter();
        csv.write(id, new BoundedWriter(text, MAX_RESPONSE_BYTES));
        return new HttpResponse(200, csvHeaders(Map.of()), text.toString());
    }

    private HttpResponse gzippedCsv(UUID id) {
        var bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes, 64 * 1024), StandardCharsets.UTF_8)) {
            csv.write(id, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.size() * 4L / 3 > MAX_RESPONSE_BYTES) {
            throw new ApiException(413, "Report too large", "this CSV exceeds the 6 MB response limit even compressed");
        }
        // API Gateway passes a base64 body through as binary.
        return new HttpResponse(200, csvHeaders(Map.of("Content-Encoding", "gzip", "X-Body-Encoding", "base64")),
                Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }

    private static Map<String, String> csvHeaders(Map<String, String> extra) {
        var headers = new java.util.HashMap<String, String>(extra);
        headers.put("Content-Type", "text/csv; charset=utf-8");
        headers.put("Content-Disposition", "attachment; filename=\"report.csv\"");
        return headers;
    }

    /** Stops writing with a 413 once a plain response would pass Lambda's payload limit. */
    private static final class BoundedWriter extends Writer {
        private final Writer target;
        private final long limit;
        private long written;

        BoundedWriter(Writer target, long limit) {
            this.target = target;
            this.limit = limit;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            written += length;
            if (written > limit) {
                throw new ApiException(413, "Report too large",
                        "this CSV exceeds the 6 MB response limit; ask for it compressed with Accept-Encoding: gzip");
            }
            target.write(buffer, offset, length);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
