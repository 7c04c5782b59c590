package dev.campaigndialer.bench.coldstart;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.campaigndialer.bench.coldstart.launcher.SqsClientOnlyHandler;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.local.lambda.FunctionSpec;
import dev.campaigndialer.local.lambda.LocalFunctions;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The measurement: warm services once, an unmeasured pass first (it writes the AppCDS archives and
 * brings the jars into the page cache), then {@code runs} passes per start-up choice. The choices
 * take turns within each run, in an order rotated from run to run, so a change in the machine's
 * load lands on all of them rather than on one.
 */
public final class ColdStartRun {

    public static final String FLOOR = PipelinePass.FLOOR;
    public static final List<String> FUNCTIONS = PipelinePass.FUNCTIONS;
    /** The floor runs on this function's jar: the smallest, and its SDK classes are the functions'. */
    private static final String FLOOR_JAR_OF = LocalFunctions.DISPATCHER;

    /** What was measured, and against what. */
    public record Result(String database, String functionLog, List<ChoiceSamples> choices) {
    }

    private ColdStartRun() {
    }

    public static Result measure(Path root, int runs, List<StartupChoice> choices, Consumer<String> progress) {
        Path work = root.resolve("benchmarks/target/coldstart");
        Path log = root.resolve("benchmarks/target/coldstart-functions.log");
        recreate(work);
        Path archives = directory(work.resolve("archives"));
        Map<String, FreshJvm.Target> targets = targets(root, directory(work.resolve("jars")));
        var jvm = new FreshJvm(LauncherClasses.writeJar(work.resolve("launcher.jar")), serializerJar(),
                directory(work.resolve("events")), log);

        PrintStream logStream = open(log);
        JsonLog.redirect(logStream);
        try (WarmServices services = WarmServices.start(work.resolve("services"), warning -> progress.accept("warning: " + warning))) {
            progress.accept("services: " + services.databaseDescription() + ", ElasticMQ, Secrets Manager, "
                    + "simulated carrier behind Connect");
            var pass = new PipelinePass(services, jvm, targets);

            progress.accept("warm-up pass (unmeasured; writes each target's AppCDS archive)");
            pass.run(target -> StartupChoice.trainingOptionsFor(target, archives));

            Map<StartupChoice, ChoiceSamples> samples = new LinkedHashMap<>();
            choices.forEach(choice -> samples.put(choice, new ChoiceSamples(choice)));
            for (int run = 1; run <= runs; run++) {
                List<StartupChoice> order = new ArrayList<>(choices);
                Collections.rotate(order, run - 1);
                for (StartupChoice choice : order) {
                    Map<String, MeasuredStart> figures = pass.run(target -> choice.optionsFor(target, archives));
                    samples.get(choice).add(figures);
                    progress.accept(String.format("run %d/%d %-10s cold ms: %s", run, runs, choice.key(),
                            figures.entrySet().stream().map(entry -> entry.getKey() + " "
                                    + Math.round(entry.getValue().coldMs())).collect(Collectors.joining(", "))));
                }
            }
            return new Result(services.databaseDescription(), root.relativize(log).toString(),
                    List.copyOf(samples.values()));
        } finally {
            JsonLog.redirect(System.out);
            logStream.close();
        }
    }

    /** Each function's jar (a copy: a rebuild during the run must not change what an archive maps) and the floor. */
    private static Map<String, FreshJvm.Target> targets(Path root, Path jars) {
        Map<String, FreshJvm.Target> targets = new LinkedHashMap<>();
        for (String name : FUNCTIONS) {
            FunctionSpec spec = LocalFunctions.named(name);
            Path built = LocalFunctions.jar(root, spec);
            if (!Files.isRegularFile(built)) {
                throw new IllegalStateException(built + " does not exist: build it (benchmarks/run.sh coldstart does)");
            }
            Path copy = jars.resolve(built.getFileName());
            try {
                if (!Files.exists(copy)) {
                    Files.copy(built, copy);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + built, e);
            }
            targets.put(name, new FreshJvm.Target(name, copy, spec.handlerClass(), spec.timeoutSeconds(), spec.memoryMb()));
        }
        FreshJvm.Target floorJar = targets.get(FLOOR_JAR_OF);
        targets.put(FLOOR, new FreshJvm.Target(FLOOR, floorJar.jar(), SqsClientOnlyHandler.class.getName(),
                floorJar.timeoutSeconds(), floorJar.memoryMb()));
        return targets;
    }

    private static Path serializerJar() {
        try {
            return Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrintStream open(Path log) {
        try {
            Files.deleteIfExists(log);
            return new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + log, e);
        }
    }

    private static void recreate(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> paths = Files.walk(directory)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recreate " + directory, e);
        }
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
