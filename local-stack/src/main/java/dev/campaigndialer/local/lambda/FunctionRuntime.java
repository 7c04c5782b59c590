package dev.campaigndialer.local.lambda;

import dev.campaigndialer.core.log.JsonLog;
import java.io.PrintStream;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Lambda function, run the way the Lambda Java runtime runs it: its code isolated in its own
 * class loader ({@link FunctionCode}), events and responses as JSON through the runtime's
 * serializer ({@link EventCodec}), execution environments ("containers") from a {@link ContainerPool}.
 *
 * <p>Each container has its own handler instance (constructed on its first invocation: the cold
 * start) and its own thread, and runs one invocation at a time. An invocation that outlives the
 * function timeout fails with {@link FunctionException.Kind#TIMEOUT} and its container is thrown
 * away, as Lambda does. Thread-safe.
 */
public final class FunctionRuntime implements AutoCloseable {

    private static final JsonLog LOG = JsonLog.forClass(FunctionRuntime.class);

    /**
     * Environment a new container gets on top of the shared one (common-core's {@code Env.system()}
     * reads {@code campaigndialer.env.<NAME>} system properties); {@code AWS_LAMBDA_FUNCTION_NAME}
     * is always the function's name.
     */
    @FunctionalInterface
    public interface ContainerEnvironment {
        Map<String, String> forNewContainer(FunctionSpec function);

        static ContainerEnvironment none() {
            return function -> Map.of();
        }
    }

    private final FunctionSpec spec;
    private final FunctionCode code;
    private final EventCodec codec;
    private final ContainerPool<Container> containers;
    private final ScheduledExecutorService watchdog;
    private final ContainerEnvironment containerEnvironment;
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private FunctionRuntime(FunctionSpec spec, FunctionCode code, int maxContainers, ScheduledExecutorService watchdog,
            ContainerEnvironment containerEnvironment) {
        this.spec = spec;
        this.code = code;
        this.codec = new EventCodec(spec, code);
        this.containers = new ContainerPool<>(spec.name(), maxContainers, Container::new);
        this.watchdog = watchdog;
        this.containerEnvironment = containerEnvironment;
    }

    /**
     * Loads a function from its code (its Lambda jar; tests may add directories) without running
     * any of it yet: the handler class is resolved and its {@code handleRequest} found, but nothing
     * is constructed until the first invocation.
     *
     * @param maxContainers at most this many concurrent invocations (the event source mapping's
     *                      maximum concurrency, or the API's)
     * @param log           where {@code context.getLogger()} writes
     * @param watchdog      enforces the function timeout
     * @param environment   what each new container's environment adds to the shared one
     */
    public static FunctionRuntime load(FunctionSpec spec, List<URL> code, int maxContainers, PrintStream log,
            ScheduledExecutorService watchdog, ContainerEnvironment environment) throws FunctionException {
        FunctionCode loaded = FunctionCode.load(spec, code, log);
        try {
            return new FunctionRuntime(spec, loaded, maxContainers, watchdog, environment);
        } catch (RuntimeException | LinkageError e) {
            loaded.close();
            throw new FunctionException(spec.name(), FunctionException.Kind.INIT, "cannot load " + spec.handlerClass()
                    + ": " + e, e);
        }
    }

    public FunctionSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** Takes an idle container, or starts a new one (cold) when fewer than the maximum exist; blocks otherwise. */
    public Container acquire() throws InterruptedException {
        return containers.acquire();
    }

    /** Returns a container after its invocation; a discarded one (timed out, failed init) is not reused. */
    public void release(Container container) {
        containers.release(container);
    }

    /** Containers started so far (each a cold start), discarded ones included. */
    public int containersStarted() {
        return containers.started();
    }

    public long invocations() {
        return invocations.get();
    }

    public long failures() {
        return failures.get();
    }

    /**
     * Invokes the function in {@code container} with an event given as JSON; completes with the
     * response JSON, or exceptionally with a {@link FunctionException}. The caller releases the
     * container when the future completes.
     */
    public CompletableFuture<String> invoke(Container container, String eventJson) {
        var result = new CompletableFuture<String>();
        try {
            container.thread.execute(() -> container.run(eventJson, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new FunctionException(spec.name(), FunctionException.Kind.INIT,
                    "container is shut down", e));
        }
        return result;
    }

    /** Acquire, invoke, wait, release: how API Gateway and EventBridge invoke (synchronously). */
    public String invokeSync(String eventJson) throws FunctionException, InterruptedException {
        Container container = acquire();
        try {
            return invoke(container, eventJson).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FunctionException failure) {
                throw failure;
            }
            throw new FunctionException(spec.name(), FunctionException.Kind.HANDLER, String.valueOf(e.getCause()),
                    e.getCause());
        } finally {
            release(container);
        }
    }

    @Override
    public void close() {
        List<Container> all = containers.close();
        all.forEach(container -> container.thread.shutdownNow());
        for (Container container : all) {
            try {
                container.thread.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        codec.close();
        code.close();
    }

    /** One execution environment: a handler instance and the thread that runs it. */
    public final class Container {
        private final int id;
        private final ExecutorService thread;
        private Object handler;

        private Container(int id) {
            this.id = id;
            this.thread = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, spec.name() + "-" + id);
                t.setDaemon(true);
                t.setContextClassLoader(code.loader());
                return t;
            });
        }

        public int id() {
            return id;
        }

        private void run(String eventJson, CompletableFuture<String> result) {
            Thread current = Thread.currentThread();
            ClassLoader previous = current.getContextClassLoader();
            current.setContextClassLoader(code.loader());
            ScheduledFuture<?> timer = null;
            String requestId = UUID.randomUUID().toString();
            invocations.incrementAndGet();
            long initMillis = -1;
            long started = System.nanoTime();
            String status = "ok";
            try {
                if (handler == null) {
                    Map<String, String> environment = new HashMap<>(containerEnvironment.forNewContainer(spec));
                    environment.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
                    handler = code.newHandler(environment);
                    initMillis = (System.nanoTime() - started) / 1_000_000;
                    started = System.nanoTime();
                }
                Object event = codec.read(eventJson);
                long timeoutMillis = spec.timeoutSeconds() * 1000L;
                Object context = code.context(requestId, id, System.currentTimeMillis() + timeoutMillis);
                timer = watchdog.schedule(() -> timeOut(result, requestId), timeoutMillis, TimeUnit.MILLISECONDS);
                result.complete(codec.write(code.call(handler, event, context)));
            } catch (FunctionException e) {
                status = e.kind().name().toLowerCase(Locale.ROOT) + " error";
                failures.incrementAndGet();
                if (e.kind() == FunctionException.Kind.INIT) {
                    discard();
                }
                result.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                status = "handler error";
                failures.incrementAndGet();
                result.completeExceptionally(new FunctionException(spec.name(), FunctionException.Kind.HANDLER,
                        String.valueOf(e), e));
            } finally {
                if (timer != null) {
                    timer.cancel(false);
                }
                current.setContextClassLoader(previous);
                report(requestId, (System.nanoTime() - started) / 1_000_000, initMillis, status);
            }
        }

        /** Lambda's REPORT line, with the init duration on a cold start. */
        private void report(String requestId, long millis, long initMillis, String status) {
            if (initMillis >= 0) {
                LOG.info("REPORT", "function", spec.name(), "requestId", requestId, "container", id,
                        "durationMs", millis, "initDurationMs", initMillis, "status", status);
            } else {
                LOG.info("REPORT", "function", spec.name(), "requestId", requestId, "container", id,
                        "durationMs", millis, "status", status);
            }
        }

        private void timeOut(CompletableFuture<String> result, String requestId) {
            if (result.completeExceptionally(new FunctionException(spec.name(), FunctionException.Kind.TIMEOUT,
                    "Task timed out after " + spec.timeoutSeconds() + ".00 seconds (request " + requestId + ")", null))) {
                failures.incrementAndGet();
                LOG.warn("invocation timed out; its container is discarded", "function", spec.name(),
                        "container", id, "requestId", requestId);
                discard();
            }
        }

        private void discard() {
            containers.discard(this);
            thread.shutdownNow();
        }
    }
}
