package dev.campaigndialer.local.lambda;

import dev.campaigndialer.core.log.JsonLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A poller that behaves like Lambda's SQS event source mapping with {@code ReportBatchItemFailures}:
 * it receives up to {@code batchSize} messages, invokes the function with at most
 * {@code maximumConcurrency} invocations in flight (one container each), deletes the messages the
 * function did not report as failed, and leaves the rest to reappear after the visibility timeout.
 * A function error, a timeout or an invalid response fails the whole batch. Redrive to the DLQ after
 * {@code maxReceiveCount} is the queue's own RedrivePolicy (ElasticMQ applies it on receive), and
 * delayed messages become visible when SQS says so. {@link Faults} given at construction inject
 * duplicates and crashes into received batches for the fault tests; a new one injects nothing.
 * Thread-safe.
 */
public final class SqsEventSource implements AutoCloseable {

    /** What the mapping did, for tests and progress displays. */
    public interface Listener {
        /** A batch was received and is about to be delivered. */
        default void delivered(String queue, List<Message> batch) {
        }

        /** A batch was settled: {@code deleted} were removed, the rest return to the queue. */
        default void settled(String queue, List<Message> batch, List<Message> deleted, Optional<FunctionException> error) {
        }
    }

    private static final JsonLog LOG = JsonLog.forClass(SqsEventSource.class);
    private static final int MAX_POLLERS = 5;
    private static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String queue;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final FunctionRuntime function;
    private final Listener listener;
    private final ExecutorService settler;
    private final Faults faults;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param function a runtime whose container maximum is the mapping's maximum concurrency
     * @param settler  runs the deletes after each invocation
     */
    public SqsEventSource(SqsClient sqs, String queue, String queueUrl, String queueArn, int batchSize,
            FunctionRuntime function, Listener listener, ExecutorService settler) {
        this(sqs, queue, queueUrl, queueArn, batchSize, function, listener, settler, new Faults());
    }

    /** @param faults what to inject into received batches (nothing, unless a fault test configures it) */
    public SqsEventSource(SqsClient sqs, String queue, String queueUrl, String queueArn, int batchSize,
            FunctionRuntime function, Listener listener, ExecutorService settler, Faults faults) {
        if (batchSize < 1 || batchSize > 10) {
            throw new IllegalArgumentException("batch size must be 1..10 for a standard queue here, was " + batchSize);
        }
        this.sqs = sqs;
        this.queue = queue;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = batchSize;
        this.function = function;
        this.listener = listener;
        this.settler = settler;
        this.faults = faults;
    }

    public synchronized void start(int maximumConcurrency) {
        if (running) {
            return;
        }
        running = true;
        int count = Math.max(1, Math.min(MAX_POLLERS, maximumConcurrency));
        for (int i = 1; i <= count; i++) {
            Thread poller = new Thread(this::poll, "esm-" + queue + "-" + i);
            poller.setDaemon(true);
            pollers.add(poller);
            poller.start();
        }
    }

    public String queue() {
        return queue;
    }

    public FunctionRuntime function() {
        return function;
    }

    private void poll() {
        while (running) {
            FunctionRuntime.Container container;
            try {
                container = function.acquire(); // only receive what a free container can take
            } catch (InterruptedException e) {
                return;
            }
            if (faults.held(queue)) {
                function.release(container);
                sleep(50);
                continue;
            }
            List<Message> batch;
            try {
                batch = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                        .maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(WAIT_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
            } catch (SdkException | IllegalStateException e) {
                function.release(container);
                if (running) {
                    LOG.warn("receive failed; retrying", "queue", queue, "error", String.valueOf(e));
                    sleep(500);
                }
                continue;
            }
            if (batch.isEmpty()) {
                function.release(container);
                continue;
            }
            listener.delivered(queue, batch);
            Faults.Plan plan = faults.plan(queue, batch);
            plan.lateCopies().forEach(this::sendAgain);
            if (!plan.twins().isEmpty()) {
                invokeDetached(plan.twins());
            }
            List<Message> invoked = plan.crash().map(crash -> batch.subList(0, crash.after())).orElse(batch);
            CompletableFuture<String> invocation = invoked.isEmpty() ? CompletableFuture.completedFuture(null)
                    : function.invoke(container, SqsEvents.event(invoked, queueArn));
            invocation.whenCompleteAsync((response, error) -> {
                try {
                    if (plan.crash().isPresent()) {
                        crashed(batch, plan.crash().get());
                    } else {
                        settle(batch, response, error);
                    }
                } finally {
                    function.release(container);
                }
            }, settler);
        }
    }

    /**
     * An injected crash: the messages before it ran, and the invocation then failed (an exception
     * escaped, or it was abandoned with the next message left running), so nothing is deleted.
     */
    private void crashed(List<Message> batch, Faults.CrashEvent crash) {
        boolean abandoned = crash.crash() == Faults.Crash.INVOCATION_ABANDONED;
        if (abandoned && crash.after() < batch.size()) {
            invokeDetached(List.of(batch.get(crash.after())));
        }
        var failure = new FunctionException(function.name(), abandoned ? FunctionException.Kind.TIMEOUT
                : FunctionException.Kind.HANDLER, "injected crash after " + crash.after() + " of " + batch.size()
                + " messages (" + crash.crash() + ")", null);
        LOG.warn("injected crash: the whole batch returns to the queue after the visibility timeout", "queue", queue,
                "function", function.name(), "crash", crash.crash().name(), "after", crash.after(),
                "messages", batch.size());
        listener.settled(queue, batch, List.of(), Optional.of(failure));
    }

    /** A second delivery of these messages in an invocation nobody waits for; it deletes nothing. */
    private void invokeDetached(List<Message> messages) {
        String event = SqsEvents.event(messages, queueArn);
        settler.execute(() -> {
            try {
                function.invokeSync(event);
            } catch (FunctionException e) {
                LOG.warn("a second delivery failed", "queue", queue, "function", function.name(), "error", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The same body sent to the queue again: a duplicate that is received later, with its own id. */
    private void sendAgain(Message message) {
        try {
            sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(message.body())
                    .messageAttributes(message.messageAttributes()));
        } catch (SdkException e) {
            LOG.warn("could not send a duplicate", "queue", queue, "error", String.valueOf(e));
        }
    }

    private void settle(List<Message> batch, String response, Throwable error) {
        if (error != null) {
            FunctionException failure = error instanceof FunctionException f ? f
                    : new FunctionException(function.name(), FunctionException.Kind.HANDLER, String.valueOf(error), error);
            LOG.error("invocation failed: the whole batch returns to the queue after the visibility timeout", failure,
                    "queue", queue, "function", function.name(), "kind", failure.kind().name(),
                    "messages", batch.size());
            listener.settled(queue, batch, List.of(), Optional.of(failure));
            return;
        }
        Optional<Set<String>> failed = SqsEvents.failedMessageIds(response, batch);
        if (failed.isEmpty()) {
            LOG.warn("invalid partial batch response: the whole batch returns to the queue", "queue", queue,
                    "function", function.name(), "response", abbreviate(response));
            listener.settled(queue, batch, List.of(), Optional.empty());
            return;
        }
        List<Message> succeeded = SqsEvents.succeeded(batch, failed.get());
        if (!failed.get().isEmpty()) {
            LOG.info("partial batch failure: reported messages return to the queue", "queue", queue,
                    "function", function.name(), "failed", failed.get().size(), "messages", batch.size());
        }
        List<Message> removed = delete(succeeded);
        listener.settled(queue, batch, removed, Optional.empty());
    }

    private List<Message> delete(List<Message> messages) {
        List<Message> removed = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += 10) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            try {
                DeleteMessageBatchResponse response = sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl)
                        .entries(entries));
                response.successful().forEach(ok -> removed.add(chunk.get(Integer.parseInt(ok.id()))));
                response.failed().forEach(failure -> LOG.warn("delete failed: the message will be delivered again",
                        "queue", queue, "code", failure.code(), "error", failure.message()));
            } catch (SdkException e) {
                LOG.error("delete failed: the messages will be delivered again", e, "queue", queue);
            }
        }
        return removed;
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
        }
        pollers.forEach(Thread::interrupt);
        for (Thread poller : pollers) {
            try {
                poller.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS + 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
