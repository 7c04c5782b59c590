package dev.campaigndialer.bench.coldstart;

import dev.campaigndialer.bench.coldstart.launcher.FirstInvocationLauncher;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Starts one JVM for one target (a function, or the floor) with {@link FirstInvocationLauncher} as
 * its main class, two events, and the target's environment; waits for it and reads its figures.
 * One at a time: the JVMs never overlap, so each has the machine's two cores to itself (shared with
 * whatever else runs on it).
 *
 * <p>Every JVM gets {@code -XX:+UseSerialGC -XX:MaxRAM=<the function's memory>}: what the JVM's
 * own ergonomics choose inside a Lambda execution environment of that size (less than 1,792 MB, so
 * not a "server-class machine": the serial collector, a quarter of the memory as heap). Left to
 * itself on this 24 GB machine it would pick G1 and a 6 GB heap, which is not what runs in AWS.
 */
final class FreshJvm {

    private static final int TIMEOUT_SECONDS = 180;

    /** What runs: a handler class from a jar, with the function's Lambda settings. */
    record Target(String name, Path jar, String handlerClass, int timeoutSeconds, int memoryMb) {
    }

    /** The figures and the two responses (JSON, as the runtime would return them). */
    record Outcome(MeasuredStart figures, String firstResponse, String secondResponse) {
    }

    private final Path launcherClasses;
    private final Path serializerJar;
    private final Path work;
    private final Path log;
    private int started;

    /**
     * @param launcherClasses a jar holding only the launcher's classes
     * @param serializerJar   aws-lambda-java-serialization, the Lambda runtime's serializer
     * @param work            where the events and results go
     * @param log             the JVMs' stdout and stderr (the functions' logs), appended
     */
    FreshJvm(Path launcherClasses, Path serializerJar, Path work, Path log) {
        this.launcherClasses = launcherClasses;
        this.serializerJar = serializerJar;
        this.work = work;
        this.log = log;
    }

    Outcome run(Target target, List<String> options, String firstEvent, String secondEvent,
            Map<String, String> environment) {
        int id = ++started;
        try {
            Path first = Files.writeString(work.resolve(id + "-" + target.name() + "-1.json"), firstEvent);
            Path second = Files.writeString(work.resolve(id + "-" + target.name() + "-2.json"), secondEvent);
            Path result = work.resolve(id + "-" + target.name() + "-result.properties");

            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-XX:+UseSerialGC");
            command.add("-XX:MaxRAM=" + target.memoryMb() + "m");
            command.addAll(options);
            command.add("-cp");
            command.add(String.join(File.pathSeparator, target.jar().toString(), launcherClasses.toString(),
                    serializerJar.toString()));
            command.add(FirstInvocationLauncher.class.getName());
            command.addAll(List.of(target.handlerClass(), target.name(), Integer.toString(target.timeoutSeconds()),
                    Integer.toString(target.memoryMb()), first.toString(), second.toString(), result.toString()));

            var builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // Only what Lambda would set: nothing of this JVM's own options (JAVA_TOOL_OPTIONS and
            // friends) reaches the measured one.
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> !List.of("PATH", "HOME", "LANG", "TMPDIR", "TZ").contains(name));
            env.putAll(environment);

            Instant launched = Instant.now();
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(target.name() + " did not finish within " + TIMEOUT_SECONDS
                        + " s; its log: " + log);
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(result)) {
                throw new IllegalStateException(target.name() + " failed (exit " + process.exitValue() + ") with "
                        + options + "; its log: " + log);
            }
            return outcome(launched, result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + target.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Outcome outcome(Instant launched, Path result) throws IOException {
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        long launchedMicros = launched.getEpochSecond() * 1_000_000 + launched.getNano() / 1_000;
        long main = micros(properties, "mainStartedMicros");
        long constructed = micros(properties, "constructedMicros");
        long firstReturned = micros(properties, "firstReturnedMicros");
        var figures = new MeasuredStart((main - launchedMicros) / 1000.0, (constructed - main) / 1000.0,
                (firstReturned - constructed) / 1000.0, Long.parseLong(properties.getProperty("warmNanos")) / 1e6);
        return new Outcome(figures, properties.getProperty("firstResponse"), properties.getProperty("secondResponse"));
    }

    private static long micros(Properties properties, String name) {
        return Long.parseLong(properties.getProperty(name));
    }
}
