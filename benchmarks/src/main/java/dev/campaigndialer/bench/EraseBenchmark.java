package dev.campaigndialer.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.bench.intake.ApiEvents;
import dev.campaigndialer.bench.intake.FinishedCampaign;
import dev.campaigndialer.bench.intake.GeneratedCampaign;
import dev.campaigndialer.bench.intake.IntakeStack;
import dev.campaigndialer.bench.intake.TimedApi;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.report.ReportService;
import dev.campaigndialer.localaws.LambdaEventJson;
import dev.campaigndialer.localaws.Programs;
import dev.campaigndialer.validate.ValidateCampaignHandler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import java.time.Duration;
import dev.campaigndialer.localaws.LocalLambdaContext;

/**
 * {@code benchmarks/run.sh erase}: {@code DELETE /campaigns/{id}} of a finished 100,000-contact
 * campaign through validate-campaign's Lambda handler, as the application role through PgBouncer
 * (TLS verify-full): the one statement that erases its contacts, dial tasks (about 139,000 calls),
 * idempotency record and outbox rows. Each run erases a fresh campaign (submitted through the
 * handler, finished with the carrier table's calls as the intake benchmark does, its report
 * stored); the report is read before and after and must be equal. Writes
 * {@code benchmarks/results/erase.json}.
 */
public final class EraseBenchmark {

    private static final int CONTACTS = Integer.getInteger("erase.contacts", 100_000);
    private static final int RUNS = Integer.getInteger("erase.runs", 3);
    private static final String OWNER = "bench-owner";
    private static final Map<String, String> JSON = Map.of("accept", "application/json");

    private EraseBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(args, root -> BenchmarkMain.withFunctionLog(root, "erase", functionLog -> {
            measure(root, functionLog);
            return 0;
        }));
    }

    private record Run(long contacts, long tasks, double millis) {
    }

    private static void measure(Path root, Path functionLog) throws Exception {
        Path pgbouncer = Programs.find("pgbouncer", "/usr/sbin").orElseThrow(() -> new IllegalStateException(
                "pgbouncer is not installed: apt-get install -y pgbouncer (it stands in for RDS Proxy)"));
        String machine = Machine.describe();
        System.out.printf("erase: DELETE /campaigns/{id} of a finished %,d-contact campaign, %d runs; %s%n", CONTACTS, RUNS,
                machine);
        try (IntakeStack stack = IntakeStack.start(pgbouncer)) {
            ValidateCampaignHandler ownerApi = stack.ownerApi();
            var api = new TimedApi(ownerApi, stack.reportApi(), functionLog);
            Jdbi admin = Jdbi.create(stack.direct()).installPlugin(new SqlObjectPlugin());
            var reports = new ReportService(admin, Clock.systemUTC());
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                UUID id = api.submit(OWNER, GeneratedCampaign.of(CONTACTS, 42 + i).body()).campaignId();
                FinishedCampaign.finish(stack.direct(), id);
                reports.save(id).report();
                JsonNode before = Json.read(api.report(OWNER, id, JSON).response().getBody(), JsonNode.class);
                long contacts = count(stack.direct(), "SELECT count(*) FROM contacts WHERE campaign_id = ?", id);
                long tasks = count(stack.direct(), "SELECT count(*) FROM dial_tasks WHERE campaign_id = ?", id);
                System.gc();

                long start = System.nanoTime();
                APIGatewayV2HTTPResponse erased = ownerApi.handleRequest(LambdaEventJson.fromJson(
                        ApiEvents.deleteCampaign(OWNER, id), APIGatewayV2HTTPEvent.class),
                        LocalLambdaContext.of("validate-campaign", Duration.ofSeconds(29)));
                double millis = (System.nanoTime() - start) / 1_000_000.0;

                if (erased.getStatusCode() != 200) {
                    throw new IllegalStateException("DELETE answered " + erased.getStatusCode() + ": " + erased.getBody());
                }
                JsonNode after = Json.read(api.report(OWNER, id, JSON).response().getBody(), JsonNode.class);
                long left = count(stack.direct(), "SELECT (SELECT count(*) FROM contacts WHERE campaign_id = ?) "
                        + "+ (SELECT count(*) FROM dial_tasks WHERE campaign_id = ?)", id, id);
                if (!before.equals(after) || left != 0) {
                    throw new IllegalStateException("erasure changed the report or left " + left + " rows");
                }
                runs.add(new Run(contacts, tasks, millis));
                System.out.printf("  run %d: %,.0f ms (%,d contacts, %,d dial tasks; report unchanged)%n", i + 1, millis,
                        contacts, tasks);
            }
            Run median = runs.stream().sorted(Comparator.comparingDouble(Run::millis)).toList().get(runs.size() / 2);
            var table = new TextTable("DELETE /campaigns/{id}", "contacts", "dial tasks", "ms");
            for (int i = 0; i < runs.size(); i++) {
                table.row("run " + (i + 1), runs.get(i).contacts(), runs.get(i).tasks(), Math.round(runs.get(i).millis()));
            }
            System.out.println();
            System.out.print(table.render());
            System.out.printf("median: %,.0f ms for %,d contacts and %,d dial tasks%n", median.millis(), median.contacts(),
                    median.tasks());
            ObjectNode result = ResultFile.mapper().createObjectNode()
                    .put("contacts", median.contacts())
                    .put("dial_tasks", median.tasks())
                    .put("erase_ms", Math.round(median.millis()))
                    .put("runs", RUNS)
                    .put("machine", machine);
            var all = result.putArray("runs_ms");
            runs.forEach(run -> all.add(Math.round(run.millis())));
            Path written = ResultFile.write(root, "erase", result);
            System.out.println("wrote " + root.relativize(written) + "; function logs in " + root.relativize(functionLog));
        }
    }

    private static long count(DataSource database, String sql, UUID... ids) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.length; i++) {
                query.setObject(i + 1, ids[i]);
            }
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
