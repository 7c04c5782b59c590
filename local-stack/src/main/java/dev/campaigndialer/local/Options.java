package dev.campaigndialer.local;

import dev.campaigndialer.local.demo.DemoCampaign;
import dev.campaigndialer.local.stack.StackSettings;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line: {@code demo [--contacts N] [--seed S] [--json]} or {@code serve [--port P]},
 * with {@code --clock-start}, {@code --carrier-latency-ms}, {@code --data-dir}, {@code --sweep-seconds}
 * for both. Plain parsing, no framework.
 */
public record Options(
        String command,
        int contacts,
        long seed,
        boolean json,
        int port,
        Instant clockStart,
        double clockRate,
        long carrierLatencyMillis,
        Optional<Path> dataDirectory,
        Duration sweepInterval,
        Duration stallTimeout,
        Path repoRoot,
        Optional<Path> logFile,
        boolean useProxy,
        int maxConcurrentCalls,
        int statusPollSeconds,
        int maxContainers,
        StackSettings.ConnectSettings connect) {

    /**
     * Containers per queue-driven function. In AWS each container has its own CPU; here they all
     * share this machine's cores, and past a few per core more of them only add start-up work and
     * contention (measured: 100 dialer containers on 2 cores spent 780 s starting up).
     */
    public static final int DEFAULT_MAX_CONTAINERS = 8;

    /** 20:00 UTC: 15:00/16:00 in New York, 10:00 in Honolulu, 11:00/12:00 in Anchorage. */
    public static final LocalTime DEFAULT_CLOCK_START_UTC = LocalTime.of(20, 0);

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar local-stack/target/local-stack.jar <command> [options]",
            "",
            "Commands:",
            "  demo    start everything, run a generated campaign end to end, print its report",
            "            --contacts N       contacts in the campaign (default 1000, at most 100000)",
            "            --seed S           makes a different, still deterministic campaign (default 42)",
            "            --json             the last line of stdout is the report JSON",
            "            --max-concurrent-calls M  the campaign's maxConcurrentCalls (default 200)",
            "  serve   start everything and serve the owner API on 127.0.0.1 until Ctrl-C",
            "            --port P           default 8080 (0: any free port)",
            "",
            "Options for both:",
            "  --clock-start T          the functions' clock starts at this ISO-8601 instant and runs forward",
            "                           (default: today 20:00 UTC, inside the 09:00-20:00 window in every US zone)",
            "  --clock-rate R           the functions' clock runs R times faster than real time (default 1, at most",
            "                           100000); SQS delays, the sweep and the status polls follow it, so a run",
            "                           crosses a window's close and the next morning's opening in seconds",
            "  --carrier-latency-ms MS  simulated carrier latency per request (default 0)",
            "  --data-dir DIR           keep the database in DIR between runs (default: a temporary one)",
            "  --sweep-seconds S        run the minute sweep every S seconds (default 2)",
            "  --status-poll-seconds S  first status check S seconds after a call is placed (default 1; AWS: 10)",
            "  --max-containers N       at most N containers per queue-driven function (default 8; 0: Terraform's",
            "                           maximum concurrency, up to 100, which on a small machine only adds start-up work)",
            "  --connect-rps R          the local Amazon Connect's quota per API, requests/s (default 500; AWS's default: 2);",
            "                           the functions' fleet budget (CONNECT_START_RPS, ...) is set to the same",
            "  --connect-burst B        that quota's burst (default 1000; AWS's default: 5)",
            "  --drop-events P          drop P percent of the contact events (default 0), to see the polling fallback",
            "  --stall-seconds S        demo: give up after S seconds without progress (default 60)",
            "  --log-file FILE          where function logs go (default: a new file under the temp directory)",
            "  --repo-root DIR          where <module>/target/<module>.jar are (default: found from this jar)",
            "  --no-proxy               run without PgBouncer even when it is installed (functions use TLS directly)",
            "",
            "Environment: DATABASE_URL=postgresql://user:password@host:5432/db uses that PostgreSQL instead of",
            "the embedded one.");

    private static final java.util.Set<String> KNOWN = java.util.Set.of("--contacts", "--seed", "--json", "--port",
            "--clock-start", "--clock-rate", "--carrier-latency-ms", "--data-dir", "--sweep-seconds", "--stall-seconds", "--log-file",
            "--repo-root", "--no-proxy", "--max-concurrent-calls", "--status-poll-seconds", "--max-containers", "--connect-rps", "--connect-burst", "--drop-events", "-h",
            "--help");

    /** A command line that cannot be run; the message says why. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static Options parse(String... args) throws UsageException {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.isEmpty() || rest.get(0).equals("-h") || rest.get(0).equals("--help") || rest.get(0).equals("help")) {
            throw new UsageException("");
        }
        String command = rest.remove(0);
        if (!command.equals("demo") && !command.equals("serve")) {
            throw new UsageException("unknown command '" + command + "'");
        }
        int contacts = 1000;
        long seed = 42;
        boolean json = false;
        int port = 8080;
        Instant clockStart = LocalDate.now(ZoneOffset.UTC).atTime(DEFAULT_CLOCK_START_UTC).toInstant(ZoneOffset.UTC);
        double clockRate = 1;
        long latency = 0;
        Optional<Path> dataDirectory = Optional.empty();
        Duration sweep = Duration.ofSeconds(2);
        Duration stall = Duration.ofSeconds(60);
        Optional<Path> repoRoot = Optional.empty();
        Optional<Path> logFile = Optional.empty();
        boolean useProxy = true;
        int maxConcurrentCalls = DemoCampaign.MAX_CONCURRENT_CALLS;
        int statusPollSeconds = 1;
        int maxContainers = DEFAULT_MAX_CONTAINERS;
        StackSettings.ConnectSettings connect = StackSettings.ConnectSettings.defaults();
        double connectRps = connect.requestsPerSecond();
        double connectBurst = connect.burst();
        for (int i = 0; i < rest.size(); i++) {
            String option = rest.get(i);
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (!KNOWN.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
            boolean demoOnly = name.equals("--contacts") || name.equals("--seed") || name.equals("--json")
                    || name.equals("--stall-seconds") || name.equals("--max-concurrent-calls");
            if (demoOnly && !command.equals("demo") || name.equals("--port") && !command.equals("serve")) {
                throw new UsageException(name + " is not an option of " + command);
            }
            if (name.equals("--json")) {
                json = true;
                continue;
            }
            if (name.equals("--no-proxy")) {
                useProxy = false;
                continue;
            }
            if (name.equals("-h") || name.equals("--help")) {
                throw new UsageException("");
            }
            String value;
            if (option.contains("=")) {
                value = option.substring(option.indexOf('=') + 1);
            } else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            } else {
                throw new UsageException(name + " needs a value");
            }
            switch (name) {
                case "--contacts" -> contacts = (int) number(name, value, 1, 100_000);
                case "--seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--port" -> port = (int) number(name, value, 0, 65_535);
                case "--clock-start" -> clockStart = instant(value);
                case "--clock-rate" -> clockRate = number(name, value, 1, 100_000);
                case "--carrier-latency-ms" -> latency = number(name, value, 0, 60_000);
                case "--data-dir" -> dataDirectory = Optional.of(Path.of(value).toAbsolutePath());
                case "--sweep-seconds" -> sweep = Duration.ofSeconds(number(name, value, 1, 3600));
                case "--stall-seconds" -> stall = Duration.ofSeconds(number(name, value, 5, 86_400));
                case "--log-file" -> logFile = Optional.of(Path.of(value).toAbsolutePath());
                case "--repo-root" -> repoRoot = Optional.of(Path.of(value).toAbsolutePath());
                case "--max-concurrent-calls" -> maxConcurrentCalls = (int) number(name, value, 1, 1000);
                case "--status-poll-seconds" -> statusPollSeconds = (int) number(name, value, 0, 900);
                case "--max-containers" -> maxContainers = (int) number(name, value, 0, 1000);
                case "--connect-rps" -> connectRps = number(name, value, 1, 100_000);
                case "--connect-burst" -> connectBurst = number(name, value, 1, 100_000);
                case "--drop-events" -> connect = connect.withDroppedEvents(number(name, value, 0, 100));
                default -> throw new UsageException("unknown option " + name);
            }
        }
        return new Options(command, contacts, seed, json, port, clockStart, clockRate, latency, dataDirectory, sweep, stall,
                repoRoot.orElseGet(Options::findRepoRoot), logFile, useProxy, maxConcurrentCalls, statusPollSeconds,
                maxContainers, connect.withRate(connectRps, connectBurst));
    }

    /** How to start the stack for this command line; function logs go to {@code logFile}. */
    public StackSettings stackSettings(Path logFile) {
        boolean demo = command.equals("demo");
        return new StackSettings(repoRoot, dataDirectory,
                Optional.ofNullable(System.getenv("DATABASE_URL")).filter(url -> !url.isBlank()), clockStart,
                clockRate, carrierLatencyMillis, sweepInterval, demo ? 0 : port, demo, logFile, Optional.empty(), statusPollSeconds,
                useProxy, maxContainers, connect, false);
    }

    private static long number(String name, String value, long min, long max) throws UsageException {
        try {
            long number = Long.parseLong(value.replace("_", ""));
            if (number < min || number > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", was " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static Instant instant(String value) throws UsageException {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--clock-start must be an ISO-8601 instant such as 2026-11-23T20:00:00Z, was '"
                    + value + "'");
        }
    }

    /**
     * Where the function modules are: the {@code campaigndialer.repoRoot} system property (tests),
     * else the directory above {@code local-stack/target/local-stack.jar} when running from it,
     * else the working directory (or its parent, from inside local-stack/).
     */
    static Path findRepoRoot() {
        String property = System.getProperty("campaigndialer.repoRoot");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        try {
            var source = Options.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path location = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
                // .../local-stack/target/local-stack.jar or .../local-stack/target/classes
                Path target = location.getParent();
                if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                        && target.getParent() != null && target.getParent().getParent() != null) {
                    return target.getParent().getParent();
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall through to the working directory
        }
        Path working = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(working.resolve("local-stack")) && working.getFileName() != null
                && working.getFileName().toString().equals("local-stack") && working.getParent() != null) {
            return working.getParent();
        }
        return working;
    }
}
