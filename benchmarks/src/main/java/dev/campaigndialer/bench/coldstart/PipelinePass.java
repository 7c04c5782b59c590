package dev.campaigndialer.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.local.lambda.LocalFunctions;
import dev.campaigndialer.local.lambda.SqsEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Two campaigns through the whole pipeline, each function in a fresh JVM of its own, so that every
 * first invocation does real work on rows that exist: validate-campaign stores both campaigns
 * (first and second invocation), the dispatcher fans out what it sent to the dispatch queue, and
 * so on down to report-generator, each function's events being the messages the one before it
 * sent. Each JVM's two invocations get one campaign's worth each (one message, or a batch of
 * {@value FunctionEvents#CONTACTS}), so the warm one is comparable to the cold one. Every response
 * is checked: a function that failed would make its figure meaningless. The floor then runs on the
 * report-generator's events (it reads none of them).
 */
final class PipelinePass {

    static final String FLOOR = "floor";
    static final List<String> FUNCTIONS = List.of(LocalFunctions.VALIDATE_CAMPAIGN, LocalFunctions.DISPATCHER,
            LocalFunctions.ENRICH_DIAL_TASK, LocalFunctions.DIALER_WORKER, LocalFunctions.STATUS_CHECKER,
            LocalFunctions.REPORT_GENERATOR);
    private static final int QUEUE_WAIT_SECONDS = 30;

    private final WarmServices services;
    private final FreshJvm jvm;
    private final Map<String, FreshJvm.Target> targets;
    private int passes;

    /** @param targets by name: every function of {@link #FUNCTIONS} and {@link #FLOOR} */
    PipelinePass(WarmServices services, FreshJvm jvm, Map<String, FreshJvm.Target> targets) {
        this.services = services;
        this.jvm = jvm;
        this.targets = targets;
    }

    /**
     * One pass; {@code options} gives each target's JVM options.
     *
     * @return each target's figures, the functions in pipeline order, then the floor
     */
    Map<String, MeasuredStart> run(Function<String, List<String>> options) {
        int pass = ++passes;
        Map<String, MeasuredStart> figures = new LinkedHashMap<>();

        FreshJvm.Outcome intake = measure(LocalFunctions.VALIDATE_CAMPAIGN, options,
                FunctionEvents.submitCampaign("coldstart pass " + pass + " A"),
                FunctionEvents.submitCampaign("coldstart pass " + pass + " B"));
        requireAccepted(intake.firstResponse());
        requireAccepted(intake.secondResponse());
        figures.put(LocalFunctions.VALIDATE_CAMPAIGN, intake.figures());

        figures.put(LocalFunctions.DISPATCHER, fromQueue(LocalFunctions.DISPATCHER, QueueTopology.DISPATCH, 1, options));
        int batch = FunctionEvents.CONTACTS;
        figures.put(LocalFunctions.ENRICH_DIAL_TASK, fromQueue(LocalFunctions.ENRICH_DIAL_TASK, QueueTopology.ENRICH,
                batch, options));
        figures.put(LocalFunctions.DIALER_WORKER, fromQueue(LocalFunctions.DIALER_WORKER, QueueTopology.DIAL, batch,
                options));
        figures.put(LocalFunctions.STATUS_CHECKER, fromQueue(LocalFunctions.STATUS_CHECKER, QueueTopology.STATUS, batch,
                options));

        List<Message> finished = services.take(QueueTopology.REPORT, 2, QUEUE_WAIT_SECONDS);
        figures.put(LocalFunctions.REPORT_GENERATOR, measureBatches(LocalFunctions.REPORT_GENERATOR, QueueTopology.REPORT,
                finished.subList(0, 1), finished.subList(1, 2), options));
        figures.put(FLOOR, measureBatches(FLOOR, QueueTopology.REPORT, finished.subList(0, 1), finished.subList(1, 2),
                options));
        return figures;
    }

    /** Takes two batches of {@code batchSize} off the queue the function consumes and measures it on them. */
    private MeasuredStart fromQueue(String function, String queue, int batchSize, Function<String, List<String>> options) {
        List<Message> messages = services.take(queue, 2 * batchSize, QUEUE_WAIT_SECONDS);
        return measureBatches(function, queue, messages.subList(0, batchSize), messages.subList(batchSize, 2 * batchSize),
                options);
    }

    private MeasuredStart measureBatches(String target, String queue, List<Message> first, List<Message> second,
            Function<String, List<String>> options) {
        String arn = services.queueArn(queue);
        FreshJvm.Outcome outcome = measure(target, options, SqsEvents.event(first, arn), SqsEvents.event(second, arn));
        requireNoFailures(target, outcome.firstResponse(), first);
        requireNoFailures(target, outcome.secondResponse(), second);
        return outcome.figures();
    }

    private FreshJvm.Outcome measure(String target, Function<String, List<String>> options, String firstEvent,
            String secondEvent) {
        FreshJvm.Target running = targets.get(target);
        return jvm.run(running, options.apply(target), firstEvent, secondEvent, services.environment(target));
    }

    private static void requireAccepted(String responseJson) {
        try {
            JsonNode response = Json.mapper().readTree(responseJson);
            int status = response.path("statusCode").asInt();
            if (status < 200 || status > 299) {
                throw new IllegalStateException("validate-campaign did not accept the campaign: " + responseJson);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("validate-campaign answered something that is not JSON: " + responseJson, e);
        }
    }

    private static void requireNoFailures(String target, String responseJson, List<Message> batch) {
        Optional<Set<String>> failed = SqsEvents.failedMessageIds(responseJson, batch);
        if (failed.isEmpty() || !failed.get().isEmpty()) {
            throw new IllegalStateException(target + " failed messages of its batch: " + responseJson);
        }
    }
}
