package dev.campaigndialer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.bench.intake.FinishedCampaign;
import dev.campaigndialer.bench.intake.GeneratedCampaign;
import dev.campaigndialer.bench.intake.IntakeStack;
import dev.campaigndialer.bench.intake.TimedApi;
import dev.campaigndialer.bench.intake.TimedApi.Report;
import dev.campaigndialer.bench.intake.TimedApi.Submission;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.localaws.Programs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;

/**
 * {@code benchmarks/run.sh intake}: one {@code POST /campaigns} with 100,000 contacts through
 * validate-campaign's Lambda handler (goal: 3 s), and the report of that campaign once finished
 * through report-generator's API handler, as JSON and as gzipped CSV. Real PostgreSQL behind
 * PgBouncer (TLS verify-full, Secrets Manager credentials), real ElasticMQ for the dispatch
 * message. Writes {@code benchmarks/results/intake.json}; benchmarks/README.md explains the choices.
 */
public final class IntakeBenchmark {

    private static final int CONTACTS = Integer.getInteger("intake.contacts", 100_000);
    private static final int RUNS = Integer.getInteger("intake.runs", 3);
    /** Untimed submissions first, so the measured ones do not pay for class loading and JIT compilation. */
    private static final int WARM_UP_RUNS = Integer.getInteger("intake.warmUpRuns", 2);
    private static final int WARM_UP_CONTACTS = Integer.getInteger("intake.warmUpContacts", 10_000);
    private static final double GOAL_MS = 3_000;
    private static final String OWNER = "bench-owner";
    private static final Map<String, String> JSON = Map.of("accept", "application/json");
    private static final Map<String, String> GZIPPED_CSV = Map.of("accept", "text/csv", "accept-encoding", "gzip");

    private IntakeBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(args, root -> BenchmarkMain.withFunctionLog(root, "intake", functionLog -> {
            measure(root, functionLog);
            return 0;
        }));
    }

    private static void measure(Path root, Path functionLog) throws Exception {
        Path pgbouncer = Programs.find("pgbouncer", "/usr/sbin").orElseThrow(() -> new IllegalStateException(
                "pgbouncer is not installed: apt-get install -y pgbouncer (it stands in for RDS Proxy)"));
        GeneratedCampaign campaign = GeneratedCampaign.of(CONTACTS, 42);
        GeneratedCampaign warmUp = GeneratedCampaign.of(WARM_UP_CONTACTS, 7);
        System.out.printf("intake: POST /campaigns with %,d contacts (%,d-byte body), %d measured runs after %d warm-up "
                        + "submissions of %,d; %d cores, Java %s, max heap %d MB; load average before: %s%n", CONTACTS,
                campaign.bodyBytes(), RUNS, WARM_UP_RUNS, WARM_UP_CONTACTS, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, loadAverage());

        try (IntakeStack stack = IntakeStack.start(pgbouncer)) {
            var api = new TimedApi(stack.ownerApi(), stack.reportApi(), functionLog);
            // The warm-up lists use the same numbers, so this list suppresses some of theirs too.
            addToDncList(stack.direct(), campaign.doNotCall());

            System.out.println("warming up...");
            Submission warm = null;
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                warm = api.submit(OWNER, warmUp.body());
            }
            FinishedCampaign.finish(stack.direct(), warm.campaignId());
            api.report(OWNER, warm.campaignId(), JSON);
            api.report(OWNER, warm.campaignId(), GZIPPED_CSV);

            List<Submission> submissions = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                // Each run starts from a collected heap, as a container between requests mostly is.
                System.gc();
                submissions.add(api.submit(OWNER, campaign.body()));
                System.out.printf("  run %d: %.0f ms%n", i + 1, submissions.get(i).totalMillis());
            }
            int dispatchMessages = stack.dispatchMessages();

            UUID reported = submissions.get(submissions.size() - 1).campaignId();
            int calls = FinishedCampaign.finish(stack.direct(), reported);
            List<Report> reports = new ArrayList<>();
            List<Report> csvReports = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                System.gc();
                reports.add(api.report(OWNER, reported, JSON));
                System.gc();
                csvReports.add(api.report(OWNER, reported, GZIPPED_CSV));
            }

            Submission median = median(submissions, Submission::totalMillis);
            Report report = median(reports, Report::totalMillis);
            Report csv = median(csvReports, Report::totalMillis);
            System.out.println();
            System.out.print(submissionTable(submissions));
            System.out.printf("median run: accepted %s; dispatch messages on the queue: %d (one per accepted campaign)%n",
                    median.contacts(), dispatchMessages);
            System.out.printf("goal total <= %,.0f ms: %s%n%n", GOAL_MS, median.totalMillis() <= GOAL_MS ? "met" : "NOT met");
            System.out.print(reportTable(reports, csvReports, calls));
            printReportCheck(report, csv, submissions.get(submissions.size() - 1));

            Path written = ResultFile.write(root, "intake", json(median, report, csv));
            System.out.println();
            System.out.println("wrote " + root.relativize(written) + "; function logs in " + root.relativize(functionLog));
        }
    }

    /** Untimed set-up, straight into the table: the owner's list as POST /dnc would leave it. */
    private static void addToDncList(DataSource database, List<String> numbers) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO dnc_numbers (owner_id, phone_e164, "
                        + "added_at) SELECT ?, unnest(?::text[]), now() ON CONFLICT DO NOTHING")) {
            insert.setString(1, OWNER);
            insert.setArray(2, connection.createArrayOf("text", numbers.toArray()));
            insert.executeUpdate();
        }
    }

    private static String submissionTable(List<Submission> submissions) {
        var table = new TextTable("POST /campaigns", "event ms", "validate ms", "store ms", "relay ms", "total ms");
        for (int i = 0; i < submissions.size(); i++) {
            Submission run = submissions.get(i);
            table.row("run " + (i + 1), format(run.eventMillis()), run.phases().validateMs(), run.phases().storeMs(),
                    run.phases().relayMs(), format(run.totalMillis()));
        }
        return table.render() + "(event: the Lambda runtime's deserialization of the API Gateway event; validate, store, "
                + "relay: as validate-campaign logs them; total: event JSON to response)\n";
    }

    private static String reportTable(List<Report> reports, List<Report> csvReports, int calls) {
        var table = new TextTable("GET /campaigns/{id}/report", "run", "total ms", "response bytes");
        for (int i = 0; i < reports.size(); i++) {
            table.row("JSON", i + 1, format(reports.get(i).totalMillis()), reports.get(i).response().getBody().length());
        }
        for (int i = 0; i < csvReports.size(); i++) {
            table.row("CSV, gzip", i + 1, format(csvReports.get(i).totalMillis()),
                    csvReports.get(i).response().getBody().length());
        }
        return table.render() + "(the campaign finished with " + String.format("%,d", calls)
                + " calls; CSV bytes are the base64 of the gzip that API Gateway passes on as binary)\n";
    }

    /** The figures describe real work: outcomes add up to the accepted contacts, the CSV has a row per stored one. */
    private static void printReportCheck(Report report, Report csv, Submission submission) throws IOException {
        JsonNode body = Json.read(report.response().getBody(), JsonNode.class);
        int outcomes = 0;
        for (JsonNode count : body.get("outcomes")) {
            outcomes += count.asInt();
        }
        byte[] gzipped = Base64.getDecoder().decode(csv.response().getBody());
        long csvRows;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            csvRows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count() - 1;
        }
        JsonNode contacts = submission.contacts();
        System.out.printf("report: status %s, outcomes %s (sum %,d, accepted %,d), attempts %s, answerRate %s; "
                        + "CSV %,d rows (accepted + suppressed: %,d)%n", body.get("status").asText(), body.get("outcomes"),
                outcomes, contacts.get("accepted").asInt(), body.get("attempts"), body.get("answerRate"), csvRows,
                contacts.get("accepted").asInt() + contacts.get("suppressed").asInt());
    }

    /** Issue 8's shape, plus the phases and the report's CSV. */
    private static ObjectNode json(Submission median, Report report, Report csv) {
        return ResultFile.mapper().createObjectNode()
                .put("contacts", CONTACTS)
                .put("validate_ms", median.phases().validateMs())
                .put("store_ms", median.phases().storeMs())
                .put("total_ms", Math.round(median.totalMillis()))
                .put("relay_ms", median.phases().relayMs())
                .put("event_ms", Math.round(median.eventMillis()))
                .put("report_ms", Math.round(report.totalMillis()))
                .put("report_csv_ms", Math.round(csv.totalMillis()))
                .put("runs", RUNS);
    }

    private static <T> T median(List<T> runs, ToDoubleFunction<T> figure) {
        List<T> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(figure));
        return sorted.get(sorted.size() / 2);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String format(double value) {
        return String.format("%.0f", value);
    }
}
