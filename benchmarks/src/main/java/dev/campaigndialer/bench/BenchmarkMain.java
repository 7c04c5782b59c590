package dev.campaigndialer.bench;

import dev.campaigndialer.core.log.JsonLog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmarks that start the local stand-ins share around their own work. */
final class BenchmarkMain {

    /** A benchmark's work, given the repository root; returns the process's exit code. */
    @FunctionalInterface
    interface Body {
        int run(Path root) throws Exception;
    }

    /** Work done while the functions' JSON log lines go to a file instead of the console. */
    @FunctionalInterface
    interface Logged {
        int run(Path functionLog) throws Exception;
    }

    private BenchmarkMain() {
    }

    /**
     * Runs the benchmark and ends the JVM with its exit code (1 with the stack trace when it
     * throws). The exit is explicit: stand-ins such as ElasticMQ's actor system may keep
     * non-daemon threads alive.
     */
    static void runAndExit(String[] args, Body body) {
        int exit;
        try {
            exit = body.run(ResultFile.repositoryRoot(args));
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    /**
     * Sends common-db's and the functions' JSON log lines to {@code benchmarks/target/NAME-functions.log}
     * (thousands of them: connect retries, every invocation) while {@code work} runs, so the console
     * shows the benchmark's own output.
     */
    static int withFunctionLog(Path root, String name, Logged work) throws Exception {
        Path functionLog = root.resolve("benchmarks/target/" + name + "-functions.log");
        Files.createDirectories(functionLog.getParent());
        try (var log = new PrintStream(Files.newOutputStream(functionLog), true)) {
            JsonLog.redirect(log);
            return work.run(functionLog);
        } finally {
            JsonLog.redirect(System.out);
        }
    }
}
