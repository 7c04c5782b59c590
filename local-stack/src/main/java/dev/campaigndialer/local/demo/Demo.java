package dev.campaigndialer.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.local.Options;
import dev.campaigndialer.local.Terminal;
import dev.campaigndialer.local.lambda.LocalFunctions;
import dev.campaigndialer.local.stack.LocalQueues;
import dev.campaigndialer.local.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code demo}: with the stack running, submits a generated campaign through the HTTP API as its
 * owner would (DNC list first, then {@code POST /campaigns}), follows {@code GET /campaigns/{id}}
 * until the campaign is COMPLETED, fetches {@code GET /campaigns/{id}/report} and prints it, checked
 * against {@link ExpectedReport}, then the business metrics the functions logged in EMF
 * ({@link MetricSummary}), and writes the report's HTML page next to the function log. Stops with a diagnosis when nothing moves for the stall timeout.
 */
public final class Demo {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_STALLED = 3;

    private static final Duration POLL = Duration.ofMillis(500);

    /** The campaign stopped making progress; the message says where. */
    public static final class StalledException extends RuntimeException {
        public StalledException(String message) {
            super(message);
        }
    }

    private final LocalStack stack;
    private final Options options;
    private final Terminal terminal;
    private final OwnerClient owner;
    private final ProgressView progress;
    private final long started = System.nanoTime();
    /** Where this run's lines start in the function log (a --log-file may hold earlier runs). */
    private final long logOffset;

    public Demo(LocalStack stack, Options options, Terminal terminal) {
        this.stack = stack;
        this.options = options;
        this.terminal = terminal;
        this.owner = new OwnerClient(stack.apiBaseUrl(), DemoCampaign.OWNER);
        this.progress = new ProgressView(terminal.err(), terminal.interactive());
        this.logOffset = sizeOf(stack.logFile());
    }

    /**
     * What a run produced: the report, how it differs from the independent computation (nothing,
     * when all is well), and the time from the {@code POST /campaigns} to the COMPLETED report.
     */
    public record Outcome(String campaignId, JsonNode report, List<String> differences, Duration postToReport) {
    }

    /** Runs the campaign; returns the exit code. */
    public int run() {
        DemoCampaign campaign = DemoCampaign.generate(options.contacts(), options.seed());
        try {
            Outcome outcome = execute(campaign);
            terminal.out().println();
            terminal.out().println(ReportTable.render(outcome.report(), campaign.name()));
            terminal.out().println();
            if (outcome.differences().isEmpty()) {
                terminal.out().println("Check: every figure matches the expected report computed independently from the "
                        + "generated list and the simulated carrier table.");
            } else {
                terminal.out().println("Check FAILED: the report differs from the expected computation:");
                outcome.differences().forEach(difference -> terminal.out().println("  - " + difference));
            }
            terminal.out().println();
            terminal.out().println(MetricSummary.read(stack.logFile(), logOffset).render());
            Path page = writeReportPage(outcome.campaignId());
            terminal.err().println("Demo finished in " + ProgressView.clock(elapsed()) + ". Function logs: "
                    + stack.logFile());
            terminal.err().println("Report page (open it in a browser): " + page);
            if (options.json()) {
                terminal.out().println(Json.write(outcome.report()));
            }
            terminal.out().flush();
            return outcome.differences().isEmpty() ? EXIT_OK : EXIT_FAILED;
        } catch (StalledException e) {
            terminal.err().println("STALLED: " + e.getMessage());
            return EXIT_STALLED;
        } catch (RuntimeException e) {
            terminal.err().println("Demo failed: " + e.getMessage());
            terminal.err().println("Function logs: " + stack.logFile());
            return EXIT_FAILED;
        }
    }

    /**
     * Submits the campaign through the owner API, follows it to COMPLETED and fetches its report.
     * Throws {@link StalledException} when nothing progresses for the stall timeout.
     */
    public Outcome execute(DemoCampaign campaign) {
        try {
            resetDoNotCallList(campaign);
            long posted = System.nanoTime();
            String campaignId = submit(campaign);
            follow(campaignId);
            JsonNode report = report(campaignId);
            Duration postToReport = Duration.ofNanos(System.nanoTime() - posted);
            return new Outcome(campaignId, report, ExpectedReport.of(campaign).differences(report), postToReport);
        } finally {
            progress.finish();
        }
    }

    /**
     * {@code GET /campaigns/{id}/report} as a browser asks for it, written next to the function log
     * ({@code <log>-report.html}).
     */
    private Path writeReportPage(String campaignId) {
        OwnerClient.Response page = expect(owner.get("/campaigns/" + campaignId + "/report", "text/html"), 200,
                "GET /campaigns/{id}/report (text/html)");
        String log = stack.logFile().getFileName().toString();
        Path file = stack.logFile().toAbsolutePath().resolveSibling(
                (log.endsWith(".log") ? log.substring(0, log.length() - 4) : log) + "-report.html");
        try {
            Files.writeString(file, page.body(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report page " + file, e);
        }
        return file;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The demo owner's DNC list: exactly the generated campaign's DNC numbers (a kept database may hold others). */
    private void resetDoNotCallList(DemoCampaign campaign) {
        OwnerClient.Response list = expect(owner.get("/dnc"), 200, "GET /dnc");
        for (JsonNode phone : list.json().path("phones")) {
            expect(owner.delete("/dnc/" + OwnerClient.segment(phone.asText())), 204, "DELETE /dnc/{phone}");
        }
        List<String> numbers = campaign.doNotCallNumbers();
        if (!numbers.isEmpty()) {
            ObjectNode body = Json.mapper().createObjectNode();
            numbers.forEach(body.putArray("phones")::add);
            JsonNode added = expect(owner.post("/dnc", body.toString()), 200, "POST /dnc").json();
            progress.line("  dnc         " + added.path("added").asInt() + " numbers added for owner '"
                    + DemoCampaign.OWNER + "' (POST /dnc)");
        }
    }

    private String submit(DemoCampaign campaign) {
        JsonNode created = expect(owner.post("/campaigns", campaign.requestJson(options.maxConcurrentCalls())), 201, "POST /campaigns").json();
        JsonNode contacts = created.path("contacts");
        progress.line(String.format("  campaign    %s submitted (POST /campaigns): %d received, %d accepted, %d invalid, "
                        + "%d duplicate, %d suppressed", created.path("campaignId").asText(), contacts.path("received").asInt(),
                contacts.path("accepted").asInt(), contacts.path("invalid").asInt(), contacts.path("duplicate").asInt(),
                contacts.path("suppressed").asInt()));
        return created.path("campaignId").asText();
    }

    /** Polls the campaign until COMPLETED, drawing progress; throws when it stalls. */
    private void follow(String campaignId) {
        String lastSignature = null;
        long lastChange = System.nanoTime();
        while (true) {
            OwnerClient.Response response = owner.get("/campaigns/" + campaignId);
            JsonNode campaign = response.ok() ? response.json() : null;
            List<LocalQueues.Depth> depths = depths();
            int calls = stack.carrier().placedCalls();
            String status = campaign == null ? "HTTP " + response.status() : campaign.path("status").asText();
            Map<String, Integer> tasks = tasks(campaign);
            if (campaign != null) {
                progress.update(new ProgressView.Snapshot(status, campaign.path("contacts").path("accepted").asInt(),
                        campaign.path("contactsFinished").asInt(), campaign.path("percentComplete").asDouble(), tasks,
                        depths, calls, elapsed()));
            }
            if ("COMPLETED".equals(status)) {
                return;
            }
            if ("CANCELLED".equals(status) || "REJECTED".equals(status)) {
                throw new IllegalStateException("the campaign ended " + status + " instead of COMPLETED");
            }
            String signature = status + tasks + (campaign == null ? "" : campaign.path("contactsFinished").asText())
                    + "/" + calls;
            if (!signature.equals(lastSignature)) {
                lastSignature = signature;
                lastChange = System.nanoTime();
            } else if (Duration.ofNanos(System.nanoTime() - lastChange).compareTo(options.stallTimeout()) >= 0) {
                throw new StalledException(diagnose(status, tasks, depths, response));
            }
            sleep(POLL);
        }
    }

    /** The report of the completed campaign (the report-generator may still be writing it). */
    private JsonNode report(String campaignId) {
        long since = System.nanoTime();
        OwnerClient.Response last;
        while (true) {
            last = owner.get("/campaigns/" + campaignId + "/report", "application/json");
            if (last.ok()) {
                JsonNode report = last.json();
                if ("COMPLETED".equals(report.path("status").asText())) {
                    return report;
                }
            }
            if (Duration.ofNanos(System.nanoTime() - since).compareTo(options.stallTimeout()) >= 0) {
                throw new StalledException("stage: report. The campaign is COMPLETED but GET /campaigns/" + campaignId
                        + "/report has not returned a COMPLETED report for " + options.stallTimeout().toSeconds()
                        + " s (last answer: HTTP " + last.status() + " " + abbreviate(last.body()) + "). "
                        + queueSummary(depths()) + functionFailures() + "Function logs: " + stack.logFile());
            }
            sleep(POLL);
        }
    }

    /** Names the stage that is stuck: which task states hold work, which queues hold messages, what failed. */
    String diagnose(String status, Map<String, Integer> tasks, List<LocalQueues.Depth> depths,
            OwnerClient.Response lastResponse) {
        var text = new StringBuilder("no progress for " + options.stallTimeout().toSeconds() + " s. ");
        List<String> stuck = new ArrayList<>();
        switch (status) {
            case "ACCEPTED", "DISPATCHING" -> stuck.add("stage: dispatch. The campaign is " + status
                    + ": the dispatcher has not fanned it out into dial tasks");
            case "PAUSED" -> stuck.add("the campaign is PAUSED");
            default -> {
                if (!status.equals("RUNNING")) {
                    stuck.add("GET /campaigns/{id} answered " + status + ": " + abbreviate(lastResponse.body()));
                }
            }
        }
        int pending = tasks.getOrDefault("PENDING", 0);
        int ready = tasks.getOrDefault("READY", 0);
        int scheduled = tasks.getOrDefault("SCHEDULED", 0);
        int dialing = tasks.getOrDefault("DIALING", 0);
        if (pending > 0) {
            stuck.add("stage: enrich. " + pending + " tasks PENDING (enrich-dial-task has not enriched them)");
        }
        if (ready > 0) {
            stuck.add("stage: dial. " + ready + " tasks READY (dialer-worker has not placed their calls)");
        }
        if (dialing > 0) {
            stuck.add("stage: status. " + dialing + " tasks DIALING (status-checker has not recorded their outcome)");
        }
        if (scheduled > 0) {
            stuck.add("stage: schedule. " + scheduled + " tasks SCHEDULED, waiting for their calling window or the "
                    + "minute sweep (is --clock-start " + options.clockStart() + " inside 09:00-20:00 in every zone?)");
        }
        if (status.equals("RUNNING") && pending + ready + scheduled + dialing == 0) {
            stuck.add("stage: completion. No task is open but the campaign is not COMPLETED (status-checker's "
                    + "completion check or the minute sweep)");
        }
        text.append(String.join("; ", stuck)).append(". ");
        text.append(queueSummary(depths));
        text.append(functionFailures());
        RunLog.lastError(stack.logFile(), logOffset).ifPresent(error -> text.append("Last error logged: ").append(error)
                .append(". "));
        text.append("Function logs: ").append(stack.logFile());
        return text.toString();
    }

    private String queueSummary(List<LocalQueues.Depth> depths) {
        List<String> busy = depths.stream().filter(depth -> depth.total() > 0)
                .map(depth -> depth.queue() + " (" + depth.visible() + " visible, " + depth.inFlight() + " in flight, "
                        + depth.delayed() + " delayed" + (depth.queue().endsWith("-dlq")
                        ? "; dead letters: " + consumerOf(depth.queue()) + " failed them maxReceiveCount times" : "")
                        + ")")
                .toList();
        return busy.isEmpty() ? "Every queue is empty. " : "Queues with messages: " + String.join(", ", busy) + ". ";
    }

    private static String consumerOf(String deadLetterQueue) {
        String queue = deadLetterQueue.substring(0, deadLetterQueue.length() - "-dlq".length());
        try {
            return LocalFunctions.consumerOf(queue).name();
        } catch (IllegalArgumentException e) {
            return "its consumer";
        }
    }

    private String functionFailures() {
        String failed = stack.functions().values().stream().filter(function -> function.failures() > 0)
                .map(function -> function.name() + " " + function.failures() + " failed of " + function.invocations())
                .collect(Collectors.joining(", "));
        return failed.isEmpty() ? "" : "Failed invocations: " + failed + ". ";
    }

    private List<LocalQueues.Depth> depths() {
        List<LocalQueues.Depth> depths = new ArrayList<>();
        for (LocalQueues.Queue queue : stack.queues().all()) {
            depths.add(stack.queues().depth(queue.settings().name()));
            depths.add(stack.queues().deadLetterDepth(queue.settings().name()));
        }
        return depths;
    }

    private static Map<String, Integer> tasks(JsonNode campaign) {
        Map<String, Integer> tasks = new LinkedHashMap<>();
        if (campaign != null) {
            campaign.path("tasks").fields().forEachRemaining(entry -> tasks.put(entry.getKey(), entry.getValue().asInt()));
        }
        return tasks;
    }

    private static OwnerClient.Response expect(OwnerClient.Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + " answered HTTP " + response.status() + " (expected " + status + "): "
                    + abbreviate(response.body()));
        }
        return response;
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String abbreviate(String text) {
        String value = Objects.requireNonNullElse(text, "");
        return value.length() <= 400 ? value : value.substring(0, 400) + "...";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
