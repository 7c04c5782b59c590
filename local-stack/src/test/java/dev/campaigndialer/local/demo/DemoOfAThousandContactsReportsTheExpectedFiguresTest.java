package dev.campaigndialer.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.local.Main;
import dev.campaigndialer.local.Terminal;
import dev.campaigndialer.local.stack.LocalDatabase;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code demo --contacts 1000 --json}, run in this JVM exactly as {@code java -jar} runs it: every
 * function from its own Lambda jar (so the function modules must be built: {@code ./mvnw install}
 * or the reactor's {@code verify}, with this module after them), PostgreSQL behind PgBouncer,
 * ElasticMQ, the simulated carrier behind the local Connect endpoint. The report JSON on the last
 * line of stdout must equal, figure by figure, the independent computation from the generated list
 * and the simulated carrier table.
 */
class DemoOfAThousandContactsReportsTheExpectedFiguresTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void theReportEqualsTheExpectedComputation() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new Tee(err, System.err), true, StandardCharsets.UTF_8), false);

        int exit = Main.run(terminal, "demo", "--contacts", "1000", "--json");

        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stderr was:%n%s%nstdout was:%n%s", stderr, stdout).isZero();
        List<String> lines = stdout.lines().filter(line -> !line.isBlank()).toList();
        JsonNode report = Json.mapper().readTree(lines.get(lines.size() - 1));

        ExpectedReport expected = ExpectedReport.of(DemoCampaign.generate(1000, 42));
        assertThat(expected.differences(report)).as("differences from the expected report").isEmpty();
        assertThat(report.path("outcomes").path("ANSWERED").asInt()).isPositive();
        assertThat(report.path("campaignId").asText()).isNotBlank();
        Instant first = Instant.parse(report.path("firstCallAt").asText());
        Instant last = Instant.parse(report.path("lastCallAt").asText());
        assertThat(first).isBeforeOrEqualTo(last);

        assertThat(stdout).contains("Report: Local demo: 1000 contacts, seed 42", "ANSWERED", "Check: every figure matches");
        assertThat(stderr).contains("COMPLETED", "Function logs: ");
        assertThat(stderr).as("the functions reach the database as in AWS: through the proxy, or (no pgbouncer) over "
                + "TLS with a warning").contains(LocalDatabase.pgbouncer().isPresent() ? "behind PgBouncer (TLS required"
                : "WARNING: pgbouncer is not installed");
        Matcher log = Pattern.compile("Function logs: (\\S+\\.log)").matcher(stderr);
        assertThat(log.find()).isTrue();
        Path logFile = Path.of(log.group(1));
        assertThat(logFile).exists();
        assertThat(Files.readString(logFile)).as("the functions' JSON logs went to the log file")
                .contains("\"logger\":\"DialService\"", "\"message\":\"REPORT\"");

        // The business metrics the functions wrote in EMF agree with the report.
        MetricSummary metrics = MetricSummary.read(logFile, 0);
        assertThat(metrics.invalidLines()).as("EMF lines CloudWatch would reject").isEmpty();
        assertThat(metrics.series()).allSatisfy(series -> {
            assertThat(series.namespace()).isEqualTo("CampaignDialer");
            assertThat(series.dimensions()).containsKey("FunctionName");
            assertThat(series.dimensions().values()).noneMatch(value -> value.matches("(?i).*[0-9a-f]{8}-[0-9a-f]{4}-.*"));
        });
        assertThat(metrics.total("CampaignsAccepted", Map.of("FunctionName", "validate-campaign"))).isEqualTo(1);
        assertThat(metrics.total("DncSuppressions", Map.of("FunctionName", "validate-campaign")))
                .isEqualTo(report.path("contacts").path("suppressed").asInt());
        assertThat(metrics.total("CallsPlaced", Map.of("FunctionName", "dialer-worker")))
                .isEqualTo(report.path("attempts").path("total").asInt());
        assertThat(metrics.total("CallOutcomes", Map.of())).as("every placed call ended once")
                .isEqualTo(report.path("attempts").path("total").asInt());
        assertThat(metrics.total("CallOutcomes", Map.of("Outcome", "ANSWERED")))
                .isEqualTo(report.path("outcomes").path("ANSWERED").asInt());
        assertThat(metrics.total("CampaignsCompleted", Map.of("FunctionName", "report-generator"))).isEqualTo(1);
        assertThat(metrics.total("ReportGenerationTime", Map.of("Format", "html"))).isNotNegative();
        assertThat(metrics.series()).anySatisfy(series -> assertThat(series.dimensions()).containsEntry("Format", "html"));
        assertThat(stdout).contains("Metrics: ", "CallsPlaced [FunctionName=dialer-worker]");

        // The report page, written next to the log.
        Matcher page = Pattern.compile("Report page \\(open it in a browser\\): (\\S+\\.html)").matcher(stderr);
        assertThat(page.find()).as(stderr).isTrue();
        Path pageFile = Path.of(page.group(1));
        assertThat(pageFile.getParent()).isEqualTo(logFile.toAbsolutePath().getParent());
        assertThat(Files.readString(pageFile)).startsWith("<!DOCTYPE html>").contains("Local demo: 1000 contacts, seed 42",
                "data-figure=\"attempts.total\">" + String.format("%,d", report.path("attempts").path("total").asInt()) + "<");
    }

    /** Keeps what the demo writes to stderr for the assertions and still shows it in the test output. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
