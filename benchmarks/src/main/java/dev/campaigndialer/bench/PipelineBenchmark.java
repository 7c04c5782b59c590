package dev.campaigndialer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.bench.pipeline.DatabaseTransactions;
import dev.campaigndialer.bench.pipeline.ServerConnectionPeak;
import dev.campaigndialer.bench.pipeline.SqsCeiling;
import dev.campaigndialer.local.Options;
import dev.campaigndialer.local.Terminal;
import dev.campaigndialer.local.demo.Demo;
import dev.campaigndialer.local.demo.DemoCampaign;
import dev.campaigndialer.local.lambda.FunctionRuntime;
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
 * fails the benchmark.
 *
 * <p>Cost per contact, from the same run: Amazon Connect requests (StartOutboundVoiceContact,
 * DescribeContact) as the local Connect endpoint received them, SQS requests by action (every SQS
 * request of the functions, the event source mappings and the contact events' target goes through
 * a counting proxy), invocations of the queue-driven functions, and database transactions
 * ({@code pg_stat_database}, less the sampler's own). Contact events are on, as Terraform deploys
 * them ({@code -Dpipeline.contactEvents=false}: polling every call, as before issue 14). Then the
 * ceiling: the same message pattern through the same local SQS with handlers that do nothing
 * ({@link SqsCeiling}), and the pipeline as a fraction of it. Writes
 * {@code benchmarks/results/pipeline.json}.
 */
public final class PipelineBenchmark {

    private static final int CONTACTS = Integer.getInteger("pipeline.contacts", 10_000);
    private static final int MAX_CONCURRENT_CALLS = 1_000;
    private static final boolean CONTACT_EVENTS = Boolean.parseBoolean(System.getProperty("pipeline.contactEvents", "true"));
    /** The queue-driven functions: their invocations are per contact; the API's and the sweep's are not. */
    private static final java.util.Set<String> QUEUE_FUNCTIONS = java.util.Set.of("dispatcher", "enrich-dial-task",
            "dialer-worker", "status-checker", "report-generator");

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
        var settings = options.stackSettings(functionLog).countingSqsRequests();
        settings = settings.with(new dev.campaigndialer.local.stack.StackSettings.ConnectSettings(
                settings.connect().requestsPerSecond(), settings.connect().burst(), CONTACT_EVENTS, 0,
                settings.connect().ringTimeoutSeconds()));
        try (LocalStack stack = LocalStack.start(settings,
                line -> terminal.err().println("  " + line), warning -> terminal.err().println("  WARNING: " + warning))) {
            Demo.Outcome outcome;
            int serverConnectionsPeak;
            long transactionsBefore = DatabaseTransactions.settled(stack.directDatabase(), 10_000);
            Map<String, Long> sqsBefore = stack.sqsRequests();
            int samplerQueries;
            try (var sampler = ServerConnectionPeak.start(stack.directDatabase())) {
                outcome = new Demo(stack, options, terminal).execute(DemoCampaign.generate(CONTACTS, options.seed()));
                serverConnectionsPeak = sampler.peak();
                samplerQueries = sampler.samples();
            }
            // Everything after the report (the sweep every 2 s, pollers' empty receives) is not the campaign's.
            Map<String, Long> sqsRequests = minus(stack.sqsRequests(), sqsBefore);
            long invocations = stack.functions().values().stream().filter(f -> QUEUE_FUNCTIONS.contains(f.name()))
                    .mapToLong(FunctionRuntime::invocations).sum();
            long transactions = DatabaseTransactions.settled(stack.directDatabase(), 10_000) - transactionsBefore
                    - samplerQueries - 1;
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
            result.put("contact_events", CONTACT_EVENTS);
            ObjectNode perContact = result.putObject("per_contact");
            perContact.put("messages", ratio(delivered.values().stream().mapToLong(Long::longValue).sum()));
            perContact.put("connect_start_requests", ratio(stack.connect().startRequests()));
            perContact.put("connect_describe_requests", ratio(stack.connect().describeRequests()));
            long sqsTotal = sqsRequests.values().stream().mapToLong(Long::longValue).sum();
            perContact.put("sqs_requests", ratio(sqsTotal));
            perContact.put("lambda_invocations", ratio(invocations));
            perContact.put("db_transactions", ratio(transactions));
            ObjectNode counts = result.putObject("counts");
            counts.put("connect_start_requests", stack.connect().startRequests());
            counts.put("connect_describe_requests", stack.connect().describeRequests());
            counts.put("contact_events_sent", stack.connect().eventsSent());
            counts.put("lambda_invocations", invocations);
            counts.put("db_transactions", transactions);
            counts.put("sqs_requests", sqsTotal);
            ObjectNode sqsByAction = counts.putObject("sqs_requests_by_action");
            sqsRequests.forEach(sqsByAction::put);

            terminal.err().println("ceiling: the same messages per queue through the same local SQS, handlers doing nothing");
            SqsCeiling.Result ceiling = SqsCeiling.run(stack.sqsEndpointDirect(), delivered, options.maxContainers());
            ObjectNode ceilingNode = result.putObject("ceiling");
            ceilingNode.put("messages", ceiling.messages());
            ceilingNode.put("seconds", round(ceiling.seconds()));
            ceilingNode.put("messages_per_s", round(ceiling.messagesPerSecond()));
            ceilingNode.put("contacts_per_s", round(CONTACTS / ceiling.seconds()));
            ceilingNode.put("sqs_requests", ceiling.requests());
            result.put("fraction_of_ceiling", Math.round(seconds == 0 ? 0 : ceiling.seconds() / seconds * 1000) / 1000.0);
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
        terminal.out().println("per contact: " + result.get("per_contact"));
        terminal.out().println("SQS requests by action: " + result.path("counts").get("sqs_requests_by_action"));
        terminal.out().println("ceiling (same messages, handlers doing nothing): " + result.get("ceiling")
                + "; the pipeline reached " + result.get("fraction_of_ceiling") + " of it");
        terminal.out().println("report outcomes: " + report.path("outcomes"));
        terminal.out().println("written: benchmarks/results/pipeline.json");
    }

    private static double ratio(long count) {
        return Math.round(count * 1000.0 / CONTACTS) / 1000.0;
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new java.util.TreeMap<>();
        after.forEach((action, count) -> difference.put(action, count - before.getOrDefault(action, 0L)));
        return difference;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
