package dev.campaigndialer.local;

import dev.campaigndialer.local.demo.Demo;
import dev.campaigndialer.local.http.ApiRoutes;
import dev.campaigndialer.local.stack.LocalStack;
import dev.campaigndialer.local.stack.MissingFunctionsException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-stack/target/local-stack.jar demo|serve [options]}: the whole system on
 * this machine (see {@link LocalStack}); {@code demo} runs a generated campaign end to end,
 * {@code serve} serves the owner API until interrupted.
 */
public final class Main {

    public static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(Terminal.capture(), args);
        System.exit(code);
    }

    /** Runs a command; returns the process exit code. */
    public static int run(Terminal terminal, String... args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                terminal.err().println("error: " + e.getMessage());
                terminal.err().println();
            }
            terminal.err().println(Options.USAGE);
            return e.getMessage().isEmpty() ? 0 : EXIT_USAGE;
        }
        Path logFile = options.logFile().orElseGet(Main::newLogFile);
        boolean demo = options.command().equals("demo");
        var settings = options.stackSettings(logFile);
        terminal.err().println("campaign-dialer local stack: starting" + (demo ? " the demo (" + options.contacts()
                + " contacts, seed " + options.seed() + ")" : "") + ". Function logs: " + logFile);
        LocalStack stack;
        try {
            stack = LocalStack.start(settings, line -> terminal.err().println("  " + line),
                    warning -> terminal.err().println("  WARNING: " + warning));
        } catch (MissingFunctionsException e) {
            terminal.err().println("error: " + e.getMessage());
            return Demo.EXIT_FAILED;
        } catch (RuntimeException e) {
            terminal.err().println("error: the local stack did not start: " + e.getMessage());
            terminal.err().println("Function logs: " + logFile);
            return Demo.EXIT_FAILED;
        }
        Thread closer = new Thread(stack::close, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(closer);
        try {
            if (demo) {
                return new Demo(stack, options, terminal).run();
            }
            return serve(stack, terminal);
        } finally {
            stack.close();
            try {
                Runtime.getRuntime().removeShutdownHook(closer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the stack too, harmlessly
            }
        }
    }

    private static int serve(LocalStack stack, Terminal terminal) {
        String base = stack.apiBaseUrl().toString();
        var err = terminal.err();
        err.println();
        err.println("The owner API of shared/API.md is up at " + base);
        err.println("  Dev tokens: 'Authorization: Bearer dev-alice' and 'Authorization: Bearer dev-bob'"
                + " (any dev-<owner>, owner matching [a-z0-9-]{1,64})");
        err.println("  Routes: " + String.join(", ", ApiRoutes.keys()));
        err.println("  Reference: " + base + "/docs (the OpenAPI document: " + base + "/openapi.yaml)");
        err.println("  Try:");
        err.println("    curl -s -H 'Authorization: Bearer dev-alice' " + base + "/campaigns");
        err.println("    curl -s -H 'Authorization: Bearer dev-alice' -H 'Content-Type: application/json' " + base
                + "/campaigns -d '{\"name\":\"Try it\",\"callerId\":\"+14155550100\",\"retry\":{\"backoffSeconds\":0},"
                + "\"contacts\":[{\"phone\":\"(212) 555-0101\"},{\"phone\":\"(212) 555-0106\"}]}'");
        err.println("  Function logs: " + stack.logFile());
        err.println("Ctrl-C stops everything.");
        terminal.out().println(base);
        terminal.out().flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static Path newLogFile() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(System.getProperty("java.io.tmpdir"), "campaign-dialer", "local-stack-" + stamp + "-"
                + ProcessHandle.current().pid() + ".log");
    }
}
