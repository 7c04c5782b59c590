package dev.campaigndialer.system.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Collects what each fault test measured and writes {@code target/reliability.md} (the README's
 * Reliability table) after every test, so the file always shows the figures of this run: a test
 * records its row with {@link #row}, adds figures as it measures them, and the row's result is the
 * test's own outcome. Scenarios covered by other modules' tests are listed as such, never with
 * figures from this run.
 */
public final class ReliabilityTable implements BeforeEachCallback, AfterEachCallback, TestWatcher {

    static final Path FILE = Path.of(System.getProperty("basedir", "."), "target", "reliability.md");
    static final String COMMAND = "./mvnw -B -pl system-tests -am verify -Dtest='*Fault*' "
            + "-Dsurefire.failIfNoSpecifiedTests=false";

    /** One line of the table. */
    public static final class Row {
        private final String order;
        private final String scenario;
        private final String checked;
        private final Map<String, Object> figures = new LinkedHashMap<>();
        private final Instant started = Instant.now();
        private volatile String result = "running";
        private volatile Duration took;

        private Row(String order, String scenario, String checked) {
            this.order = order;
            this.scenario = scenario;
            this.checked = checked;
        }

        /** A measured figure, shown as {@code name: value}. */
        public synchronized Row figure(String name, Object value) {
            figures.put(name, value);
            return this;
        }

        private synchronized String cells() {
            var text = new StringBuilder();
            figures.forEach((name, value) -> text.append(text.isEmpty() ? "" : "; ").append(name).append(": ").append(value));
            String time = took == null ? "" : " (" + took.toSeconds() + " s)";
            return "| " + scenario + " | " + checked + " | " + (text.isEmpty() ? "—" : text) + " | " + result + time + " |";
        }
    }

    private static final List<String[]> PLANNED = List.of(
            new String[] {"1a", "Duplicate delivery: clean run"},
            new String[] {"1b", "Duplicate delivery: random 10 %"},
            new String[] {"1c", "Duplicate delivery: every message twice"},
            new String[] {"2", "Poison messages"},
            new String[] {"3a", "Crash mid-batch: exception escapes"},
            new String[] {"3b", "Crash mid-batch: invocation abandoned"},
            new String[] {"4", "Database outage"},
            new String[] {"5", "Credential rotation"});

    private static final String ELSEWHERE = String.join("\n",
            "| Hostile API input | 235 hostile requests in one table: bytes that are not UTF-8 (overlong, "
                    + "surrogates, truncated, UTF-16), JSON that does not parse, duplicated keys, a second document, "
                    + "missing, unknown and mistyped fields, every limit at and past its edge (name 200/201, window "
                    + "08:00-21:00, maxAttempts 1/10 vs 0/11, backoff 0/86,400 vs -1/86,401, maxConcurrentCalls 1/1,000 vs "
                    + "0/1,001, 100,000 vs 100,001 contacts and CSV rows, 6 MB vs 6 MB + 1 byte, 2 KB attributes, 10,001 "
                    + "DNC numbers, 128/129-character Idempotency-Key), control characters and lone surrogates in names "
                    + "and attributes, CSV dialects, content types, methods, paths, identities on every route, foreign and "
                    + "malformed ids, illegal transitions (erasing an unfinished campaign included), Idempotency-Key "
                    + "misuse; 13 more on the report route → API.md "
                    + "status as problem+json naming the field or the problem, no answer over 40,000 characters (a "
                    + "rejected value is echoed as its first 100), row counts of every table unchanged after each | 235 + "
                    + "13 cases, 0 rows changed, 0 answers of 500 (those tests' figures, not measured by this command) | "
                    + "see `HostileApiInputTest` (validate-campaign), `ReportRouteHostileInputTest` (report-generator) |",
            "| Owner isolation | a second owner gets 404 on every campaign route, report and control, and sees no "
                    + "foreign DNC list | not measured by this command | see `CampaignIntakeApiTest`, "
                    + "`ReportsAndControlsTest` |",
            "| Nothing secret in logs | a whole campaign's logs: JSON lines, no password, secret JSON or full number; "
                    + "a failed statement logged by SQLState, without its bound arguments or the server's detail; ids "
                    + "kept whole by the phone mask | not measured by this command | see "
                    + "`LogsNeverRevealSecretsOrNumbersTest` (system-tests), `DatabaseErrorsAreLoggedWithoutArgumentsTest` "
                    + "(common-db), `PhoneMaskMasksPhonesNotIdsTest` (common-core) |");

    private static final Map<String, Row> ROWS = new ConcurrentHashMap<>();
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** The row of the running test for scenario {@code order} (e.g. "3a"). */
    public static Row row(String order, String scenario, String checked) {
        String test = CURRENT.get();
        if (test == null) {
            throw new IllegalStateException("ReliabilityTable.row outside a test extended with ReliabilityTable");
        }
        Row row = new Row(order, scenario, checked);
        ROWS.put(test, row);
        return row;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        CURRENT.set(context.getUniqueId());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CURRENT.remove();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        finish(context, "pass");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String message = Optional.ofNullable(cause.getMessage()).orElse(cause.getClass().getSimpleName()).strip();
        message = message.lines().findFirst().orElse("").replace("|", "\\|");
        finish(context, "**FAIL**: " + (message.length() > 160 ? message.substring(0, 160) + "…" : message));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        finish(context, "skipped: " + cause.getMessage());
    }

    private static void finish(ExtensionContext context, String result) {
        Row row = ROWS.computeIfAbsent(context.getUniqueId(),
                id -> new Row("9", context.getDisplayName(), "(failed before measuring)"));
        row.result = result;
        row.took = Duration.between(row.started, Instant.now()).truncatedTo(ChronoUnit.SECONDS);
        write();
    }

    private static synchronized void write() {
        List<Row> rows = new ArrayList<>(ROWS.values());
        rows.sort(Comparator.comparing(row -> row.order));
        var text = new StringBuilder();
        text.append("## Reliability\n\n")
                .append("Produced by the fault suite in `system-tests/src/test/java/dev/campaigndialer/system/fault/` "
                        + "on ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(". Every scenario runs a "
                        + "campaign of 104 entries (100 accepted numbers, ten per last digit 0–9 in five US zones; 2 "
                        + "invalid, 2 duplicates) through the local stack: every function from its own Lambda jar "
                        + "in an isolated class loader with only its declared environment, two containers per "
                        + "queue-driven function, real PostgreSQL behind PgBouncer (TLS, transaction pooling), real "
                        + "ElasticMQ queues with their DLQs, the stack's event source mappings (partial batch deletes), "
                        + "which inject the faults, the carrier behind the local Connect endpoint, the minute sweep on "
                        + "a timer. Expected: ").append(new ExpectedOutcomes("555").totalCalls())
                .append(" calls; the report is compared field by field with an independent computation from the "
                        + "carrier table.\n\n")
                .append("*Lost* = accepted contacts whose last task is not the carrier table's outcome; *extra calls* "
                        + "= calls beyond the expected ones per number (a number dialled twice); *real messages "
                        + "DLQ'd* = non-poison messages found in a dead-letter queue.\n\n")
                .append("Reproduce: `").append(COMMAND).append("`\n\n")
                .append("| scenario | what was checked | measured in this run | result |\n")
                .append("|---|---|---|---|\n");
        for (Row row : rows) {
            text.append(row.cells()).append('\n');
        }
        for (String[] planned : PLANNED) {
            if (rows.stream().noneMatch(row -> row.order.equals(planned[0]))) {
                text.append("| ").append(planned[1]).append(" | — | — | not run in this invocation |\n");
            }
        }
        text.append(ELSEWHERE).append('\n');
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE.toAbsolutePath(), e);
        }
    }
}
