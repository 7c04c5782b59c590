package dev.campaigndialer.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.local.demo.OwnerClient;
import dev.campaigndialer.local.lambda.Faults;
import dev.campaigndialer.local.lambda.FunctionException;
import dev.campaigndialer.local.lambda.SqsEventSource;
import dev.campaigndialer.local.stack.LocalStack;
import dev.campaigndialer.local.stack.StackSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole system on the local stack, as the end-to-end and fault tests use it: every function
 * from its own Lambda jar with only its declared environment, PostgreSQL behind PgBouncer, ElasticMQ
 * queues with their DLQs, the simulated carrier behind the local Connect endpoint, the minute sweep
 * on a timer. The clock starts at {@link #IN_WINDOW} and runs in real time. Campaigns go in through
 * the owner API; what the tests read (tasks, reports) they read with SQL as the admin. One stack is
 * meant to serve a whole test class: each campaign uses its own numbers.
 */
public final class SystemStack implements AutoCloseable {

    /** 14:00 in New York, 09:00 in Honolulu: inside a 09:00-20:00 window in every US zone. */
    public static final Instant IN_WINDOW = Instant.parse("2026-11-23T19:00:00Z");

    /** One received batch, once its invocation returned or failed: which of its messages were deleted. */
    public record Batch(String queue, List<Message> messages, List<Message> deleted, Optional<FunctionException> error) {
        public boolean deleted(Message message) {
            return deleted.stream().anyMatch(done -> done.messageId().equals(message.messageId()));
        }
    }

    /** How to start one. */
    public record Options(int visibilityTimeoutSeconds, long carrierLatencyMillis, int containersPerFunction,
            boolean keepData) {

        /** Two-second visibility (crashed batches come back fast), 10 ms carrier latency, 2 containers a function. */
        public static Options defaults() {
            return new Options(2, 10, 2, false);
        }

        public Options visibilityTimeoutSeconds(int seconds) {
            return new Options(seconds, carrierLatencyMillis, containersPerFunction, keepData);
        }

        public Options carrierLatencyMillis(long millis) {
            return new Options(visibilityTimeoutSeconds, millis, containersPerFunction, keepData);
        }

        public Options containersPerFunction(int containers) {
            return new Options(visibilityTimeoutSeconds, carrierLatencyMillis, containers, keepData);
        }

        /** PostgreSQL on a data directory of its own, so that it can be stopped and restarted in place. */
        public Options restartableDatabase() {
            return new Options(visibilityTimeoutSeconds, carrierLatencyMillis, containersPerFunction, true);
        }
    }

    private static final PrintStream ORIGINAL_ERR = Terminal.ERR;
    private static SystemStack shared;

    public final LocalStack stack;
    private final Jdbi admin;
    private final Optional<Path> dataDirectory;
    private final Map<String, AtomicInteger> receives = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Batch> batches = new ConcurrentLinkedQueue<>();

    private SystemStack(LocalStack stack, Optional<Path> dataDirectory) {
        this.stack = stack;
        this.dataDirectory = dataDirectory;
        this.admin = Jdbi.create(stack.directDatabase()).installPlugin(new SqlObjectPlugin());
        stack.addListener(new SqsEventSource.Listener() {
            @Override
            public void delivered(String queue, List<Message> batch) {
                batch.forEach(message -> receives.computeIfAbsent(message.messageId(), id -> new AtomicInteger())
                        .incrementAndGet());
            }

            @Override
            public void settled(String queue, List<Message> batch, List<Message> deleted,
                    Optional<FunctionException> error) {
                batches.add(new Batch(queue, List.copyOf(batch), List.copyOf(deleted), error));
            }
        });
    }

    public static SystemStack start(String name, Options options) {
        try {
            Path repoRoot = Path.of(System.getProperty("campaigndialer.repoRoot", "..")).toAbsolutePath().normalize();
            Path log = Files.createTempFile("system-" + name + "-", ".log");
            Optional<Path> data = options.keepData() ? Optional.of(Files.createTempDirectory("system-" + name + "-pg"))
                    : Optional.empty();
            var settings = new StackSettings(repoRoot, data, Optional.empty(), IN_WINDOW, 1,
                    options.carrierLatencyMillis(), Duration.ofSeconds(1), 0, true, log,
                    Optional.of(options.visibilityTimeoutSeconds()), 1, true, options.containersPerFunction(),
                    StackSettings.ConnectSettings.defaults(), false);
            return new SystemStack(LocalStack.start(settings, line -> ORIGINAL_ERR.println("[" + name + "] " + line),
                    line -> ORIGINAL_ERR.println("[" + name + "] WARNING " + line)), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The stack most test classes share (they run one after another in one JVM, each campaign with
     * its own numbers and owner): started on first use with {@link Options#defaults()} and four
     * containers per function, stopped when the JVM exits. Tests that stop parts of it for good or
     * need other settings start their own.
     */
    public static synchronized SystemStack shared() {
        if (shared == null) {
            SystemStack started = start("shared", Options.defaults().containersPerFunction(4));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "system-stack-close"));
            shared = started;
        }
        return shared;
    }

    public OwnerClient owner(String owner) {
        return new OwnerClient(stack.apiBaseUrl(), owner);
    }

    /** Submits a campaign through the owner API; returns its id. */
    public UUID submit(String owner, String body) {
        OwnerClient.Response response = owner(owner).post("/campaigns", body);
        assertThat(response.status()).as("POST /campaigns: %s", response.body()).isEqualTo(201);
        return UUID.fromString(response.json().path("campaignId").asText());
    }

    /**
     * Holds the queues' event source mappings and waits out a receive already in flight (a long
     * poll of up to a second), so that nothing sent from now on is delivered until released.
     */
    public void hold(String... queues) throws InterruptedException {
        faults().hold(queues);
        Thread.sleep(1_500);
    }

    /** The database as its admin (the functions' role cannot be used from here): for reading and seeding. */
    public Jdbi admin() {
        return admin;
    }

    public SimulatedCarrier carrier() {
        return stack.carrier();
    }

    public Faults faults() {
        return stack.faults();
    }

    public CampaignStatus status(UUID campaign) {
        return CampaignStatus.valueOf(admin.withHandle(handle -> handle.createQuery(
                "SELECT status FROM campaigns WHERE id = :id").bind("id", campaign).mapTo(String.class).one()));
    }

    /** Each contact's latest task: phone → "STATUS/attempt". */
    public Map<String, String> finalOutcomes(UUID campaign) {
        Map<String, String> outcomes = new HashMap<>();
        admin.useHandle(handle -> handle.createQuery("""
                SELECT DISTINCT ON (c.id) c.phone_e164, t.status, t.attempt FROM contacts c
                JOIN dial_tasks t ON t.contact_id = c.id WHERE c.campaign_id = :id
                ORDER BY c.id, t.attempt DESC""").bind("id", campaign)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2) + "/" + rs.getInt(3)))
                .forEach(entry -> outcomes.put(entry.getKey(), entry.getValue())));
        return outcomes;
    }

    public <T> List<T> query(String sql, Class<T> type) {
        return admin.withHandle(handle -> handle.createQuery(sql).mapTo(type).list());
    }

    /** True once the report-generator function stored the campaign's report. */
    public boolean reportStored(UUID campaign) {
        return query("SELECT count(*)::int FROM reports WHERE campaign_id = '" + campaign + "'", Integer.class).get(0) == 1;
    }

    /** Waits until every campaign is COMPLETED and its report stored, then until every queue is empty. */
    public void awaitFinished(List<UUID> campaigns, Duration timeout) throws InterruptedException {
        await("campaigns COMPLETED with their reports stored", timeout, () -> campaigns.stream()
                .allMatch(id -> status(id) == CampaignStatus.COMPLETED && reportStored(id)));
        awaitQueuesEmpty(timeout);
    }

    /** Nothing visible, in flight or delayed on any queue: every redelivery, late duplicate and poison message dealt with. */
    public void awaitQueuesEmpty(Duration timeout) throws InterruptedException {
        await("every queue empty", timeout, () -> QueueTopology.all().stream()
                .allMatch(queue -> stack.queues().depth(queue.name()).total() == 0));
    }

    /** Waits until the condition holds (an exception while checking counts as not yet, e.g. during an outage). */
    public void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!quietly(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; delivered "
                        + stack.deliveredMessages() + "; log " + stack.logFile());
            }
            Thread.sleep(100);
        }
    }

    private static boolean quietly(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Receives and deletes everything in every dead-letter queue, by queue. */
    public Map<String, List<Message>> takeDeadLetters() {
        Map<String, List<Message>> all = new HashMap<>();
        for (QueueSettings queue : QueueTopology.all()) {
            String url = stack.queues().queue(queue.name()).dlqUrl();
            List<Message> messages = new ArrayList<>();
            while (true) {
                List<Message> received = stack.sqs().receiveMessage(request -> request.queueUrl(url)
                        .maxNumberOfMessages(10).visibilityTimeout(60)).messages();
                if (received.isEmpty()) {
                    break;
                }
                received.forEach(message -> stack.sqs().deleteMessage(request -> request.queueUrl(url)
                        .receiptHandle(message.receiptHandle())));
                messages.addAll(received);
            }
            all.put(queue.name(), messages);
        }
        return all;
    }

    /** How many times the event source mappings received a message (by SQS message id). */
    public int receiveCount(String messageId) {
        AtomicInteger count = receives.get(messageId);
        return count == null ? 0 : count.get();
    }

    /** The most times any one message was received. */
    public int mostReceives() {
        return receives.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    /** Every batch settled so far (invocations that returned, failed or were crashed on purpose). */
    public List<Batch> batches() {
        return List.copyOf(batches);
    }

    /** Forgets the receive counts and batches so far (between campaigns on one stack). */
    public void resetCounts() {
        receives.clear();
        batches.clear();
    }

    /** Messages delivered to functions so far, summed over the queues (redeliveries and duplicates included). */
    public long deliveredMessages() {
        return stack.deliveredMessages().values().stream().mapToLong(Long::longValue).sum();
    }

    /** A line on the terminal (System.err goes to the stack's log while it runs). */
    public static void summary(String line) {
        ORIGINAL_ERR.println(line);
    }

    @Override
    public void close() {
        stack.close();
        dataDirectory.ifPresent(SystemStack::deleteRecursively);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
