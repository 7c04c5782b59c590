package dev.campaigndialer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.bench.pipeline.ServerConnectionPeak;
import dev.campaigndialer.local.Options;
import dev.campaigndialer.local.Terminal;
import dev.campaigndialer.local.demo.Demo;
import dev.campaigndialer.local.demo.DemoCampaign;
import dev.campaigndialer.local.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code benchmarks/run.sh pipeline}: seconds from {@code POST /campaigns} to the COMPLETED report
 * for a generated campaign of N contacts (default 10,000; {@code -Dpipeline.contacts=N}), on the
 * local stack in this process: every function from its own Lambda jar, PostgreSQL behind PgBouncer
 * (TLS verify-full), ElasticMQ with Terraform's batch sizes and maximum concurrency, the simulated
 * carrier behind the local Connect endpoint with no latency, retries with 0 s backoff, the first
 * status check right after placing ({@code STATUS_POLL_DELAY_SECONDS=0}) and the campaign's
 * {@code maxConcurrentCalls} at the API's maximum, 1,000, so the pipeline itself is what is measured.
 * The campaign is the demo's (every carrier outcome, invalid numbers, duplicates, DNC numbers, six
 * US zones), and its report is checked against the independent computation: a fast wrong answer
 * fails the benchmark. Writes {@code benchmarks/results/pipeline.json}.
 */
public final class PipelineBenchmark {

    private static final int CONTACTS = Integer.getInteger("pipeline.contacts", 10_000);
    private static final int MAX_CONCURRENT_CALLS = 1_000;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(args, PipelineBenchmark::run);
    }

    private static int run(Path root) throws Exception {
        Path functionLog = root.resolve("benchmarks/target/pipeline-functions.log");
        Files.createDirectories(functionLog.getParent());
        Files.deleteIfExists(functionLog);
        Options options = Options.parse("demo", "--contacts", Integer.toString(CONTACTS),
                "--max-concurrent-calls", Integer.toString(MAX_CONCURRENT_CALLS), "--status-poll-seconds", "0",
                "--repo-root", root.toString(), "--log-file", functionLog.toString(), "--stall-seconds", "120");
        String machine = Machine.describe();
        // The stack sends System.out and System.err to the function log while it runs: keep the terminal's.
        var terminal = new Terminal(System.out, System.err, System.console() != null);
        terminal.err().println("pipeline: " + CONTACTS + " contacts; function logs: " + functionLog);
        try (LocalStack stack = LocalStack.start(options.stackSettings(functionLog),
                line -> terminal.err().println("  " + line), warning -> terminal.err().println("  WARNING: " + warning))) {
            Demo.Outcome outcome;
            int serverConnectionsPeak;
            try (var sampler = ServerConnectionPeak.start(stack.directDatabase())) {
                outcome = new Demo(stack, options, terminal).execute(DemoCampaign.generate(CONTACTS, options.seed()));
                serverConnectionsPeak = sampler.peak();
            }
            if (!outcome.differences().isEmpty()) {
                terminal.err().println("pipeline: the report differs from the expected computation: " + outcome.differences());
                return 1;
            }
            double seconds = outcome.postToReport().toMillis() / 1000.0;
            Map<String, Long> delivered = stack.deliveredMessages();
            ObjectNode result = ResultFile.mapper().createObjectNode();
            result.put("contacts", CONTACTS);
            result.put("seconds", round(seconds));
            result.put("contacts_per_s", round(CONTACTS / seconds));
            result.put("calls_placed", stack.carrier().placedCalls());
            result.put("messages", delivered.values().stream().mapToLong(Long::longValue).sum());
            result.put("db_connections_peak", serverConnectionsPeak);
            ObjectNode byQueue = result.putObject("messages_by_queue");
            delivered.forEach(byQueue::put);
            result.put("report_matches_expected", true);
            result.put("machine", machine);
            ResultFile.write(root, "pipeline", result);
            print(terminal, result, outcome.report());
            return 0;
        }
    }

    private static void print(Terminal terminal, ObjectNode result, JsonNode report) {
        var table = new TextTable("contacts", "seconds", "contacts/s", "calls placed", "messages", "db connections peak");
        table.row(result.get("contacts").asInt(), result.get("seconds").asDouble(), result.get("contacts_per_s").asDouble(),
                result.get("calls_placed").asInt(), result.get("messages").asLong(), result.get("db_connections_peak").asInt());
        terminal.out().println(table.render());
        terminal.out().println("messages by queue: " + result.get("messages_by_queue"));
        terminal.out().println("report outcomes: " + report.path("outcomes"));
        terminal.out().println("written: benchmarks/results/pipeline.json");
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
