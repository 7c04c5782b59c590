package dev.campaigndialer.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.bench.coldstart.ChoiceSamples;
import dev.campaigndialer.bench.coldstart.ColdStartRun;
import dev.campaigndialer.bench.coldstart.MeasuredStart;
import dev.campaigndialer.bench.coldstart.StartupChoice;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code benchmarks/run.sh coldstart}: how long each function takes from a fresh JVM to the
 * response of its first invocation, against warm local services, compared with a floor: a fresh
 * JVM whose handler only builds an SQS client. Goal: every function at most
 * {@value #GOAL_RATIO} × the floor. Each start-up choice ({@link StartupChoice}) is measured in
 * the same run; the figures ({@code floor_ms}, {@code functions}) are the first choice's,
 * the JVM's defaults. Writes {@code benchmarks/results/coldstart.json}.
 */
public final class ColdStartBenchmark {

    private static final double GOAL_RATIO = 1.5;
    // -Dcoldstart.runs=N and -Dcoldstart.choices=default,c1 for an experiment (run.sh passes JAVA_OPTS).
    private static final int RUNS = Integer.getInteger("coldstart.runs", 5);
    private static final String CHOICES = System.getProperty("coldstart.choices", "default,c1,appcds,appcds_c1");

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(args, ColdStartBenchmark::run);
    }

    private static int run(Path root) throws Exception {
        List<StartupChoice> choices = Arrays.stream(CHOICES.split(",")).map(String::trim).map(StartupChoice::named).toList();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("coldstart: each function's first invocation in a fresh JVM, median of %d runs, against warm "
                + "local services; goal: cold <= %.1f x floor%n", RUNS, GOAL_RATIO);
        System.out.printf("Java %s, %d cores, load average before: %.2f%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadBefore);

        ColdStartRun.Result result = ColdStartRun.measure(root, RUNS, choices, line -> System.out.println("  " + line));

        System.out.println();
        System.out.print(summary(result.choices()));
        for (ChoiceSamples samples : result.choices()) {
            System.out.println();
            System.out.println(samples.choice().key() + ": " + samples.choice().description()
                    + (samples.choice().jvmOptions().isEmpty() ? "" : " " + String.join(" ", samples.choice().jvmOptions())));
            System.out.print(breakdown(samples));
        }
        System.out.println();
        System.out.println("every JVM: -XX:+UseSerialGC -XX:MaxRAM=<function memory>; function logs: " + result.functionLog());
        Path written = ResultFile.write(root, "coldstart", json(result, loadBefore));
        System.out.println("wrote " + root.relativize(written));
        return 0;
    }

    private static String summary(List<ChoiceSamples> choices) {
        List<String> header = new ArrayList<>(List.of("cold ms (median)"));
        choices.forEach(samples -> {
            header.add(samples.choice().key());
            header.add("x floor");
        });
        var table = new TextTable(header.toArray(String[]::new));
        for (String target : targets()) {
            List<Object> row = new ArrayList<>(List.of(target));
            for (ChoiceSamples samples : choices) {
                row.add(millis(samples.median(target, MeasuredStart::coldMs)));
                row.add(String.format("%.2f", samples.ratioToFloor(target)));
            }
            table.row(row.toArray());
        }
        return table.render();
    }

    private static String breakdown(ChoiceSamples samples) {
        var table = new TextTable("target", "cold ms", "JVM start", "init", "1st invocation", "warm ms", "x floor",
                "<= " + GOAL_RATIO + " x");
        for (String target : targets()) {
            double ratio = samples.ratioToFloor(target);
            table.row(target, millis(samples.median(target, MeasuredStart::coldMs)),
                    millis(samples.median(target, MeasuredStart::jvmStartMs)),
                    millis(samples.median(target, MeasuredStart::initMs)),
                    millis(samples.median(target, MeasuredStart::firstInvocationMs)),
                    String.format("%.1f", samples.median(target, MeasuredStart::warmMs)),
                    String.format("%.2f", ratio), target.equals(ColdStartRun.FLOOR) ? "-" : ratio <= GOAL_RATIO ? "yes" : "NO");
        }
        return table.render();
    }

    private static ObjectNode json(ColdStartRun.Result result, double loadBefore) {
        ObjectNode json = ResultFile.mapper().createObjectNode();
        ChoiceSamples headline = result.choices().get(0);
        json.put("floor_ms", round(headline.median(ColdStartRun.FLOOR, MeasuredStart::coldMs)));
        ObjectNode functions = json.putObject("functions");
        for (String function : ColdStartRun.FUNCTIONS) {
            functions.putObject(function)
                    .put("cold_ms", round(headline.median(function, MeasuredStart::coldMs)))
                    .put("warm_ms", round(headline.median(function, MeasuredStart::warmMs)));
        }
        json.put("choice", headline.choice().key());
        json.put("runs", RUNS);
        json.put("goal_ratio", GOAL_RATIO);
        json.put("java", System.getProperty("java.version"));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("load_average_before", round(loadBefore));
        json.put("database", result.database());
        var common = json.putArray("jvm_options_every_run");
        common.add("-XX:+UseSerialGC").add("-XX:MaxRAM=<function memory>m");
        ObjectNode choices = json.putObject("choices");
        for (ChoiceSamples samples : result.choices()) {
            ObjectNode node = choices.putObject(samples.choice().key());
            node.put("description", samples.choice().description());
            var options = node.putArray("jvm_options");
            samples.choice().jvmOptions().forEach(options::add);
            if (samples.choice().classDataSharing()) {
                options.add("-XX:SharedArchiveFile=<target>.jsa");
            }
            node.put("floor_ms", round(samples.median(ColdStartRun.FLOOR, MeasuredStart::coldMs)));
            ObjectNode byTarget = node.putObject("targets");
            for (String target : targets()) {
                byTarget.putObject(target)
                        .put("cold_ms", round(samples.median(target, MeasuredStart::coldMs)))
                        .put("warm_ms", round(samples.median(target, MeasuredStart::warmMs)))
                        .put("jvm_start_ms", round(samples.median(target, MeasuredStart::jvmStartMs)))
                        .put("init_ms", round(samples.median(target, MeasuredStart::initMs)))
                        .put("first_invocation_ms", round(samples.median(target, MeasuredStart::firstInvocationMs)))
                        .put("ratio_to_floor", Math.round(samples.ratioToFloor(target) * 100) / 100.0);
            }
        }
        return json;
    }

    private static List<String> targets() {
        List<String> targets = new ArrayList<>();
        targets.add(ColdStartRun.FLOOR);
        targets.addAll(ColdStartRun.FUNCTIONS);
        return targets;
    }

    private static String millis(double value) {
        return String.format("%,.0f", value);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
