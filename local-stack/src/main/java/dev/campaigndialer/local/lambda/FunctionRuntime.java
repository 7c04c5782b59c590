package dev.campaigndialer.local.lambda;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Lambda function, run the way the Lambda Java runtime runs it: its code comes only from its
 * own shaded jar, in an isolated {@link URLClassLoader} whose parent is the platform class loader
 * (so a class the jar misses fails here as in AWS); events arrive as JSON and go through
 * {@code LambdaEventSerializers.serializerFor} with the event class loaded from the function's own
 * loader (see {@link LambdaSerialization}); results go back to JSON the same way.
 *
 * <p>Execution environments ("containers") are created on demand up to a maximum, each with its
 * own handler instance (constructed on its first invocation: the cold start) and its own thread, and
 * each runs one invocation at a time. An invocation that outlives the function timeout fails with
 * {@link FunctionException.Kind#TIMEOUT} and its container is thrown away, as Lambda does.
 * Thread-safe.
 */
public final class FunctionRuntime implements AutoCloseable {

    private static final JsonLog LOG = JsonLog.forClass(FunctionRuntime.class);
    private static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";

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
    private final URLClassLoader loader;
    private final Constructor<?> constructor;
    private final Method handleRequest;
    private final LambdaSerialization serialization;
    private final LambdaSerialization.Serializer input;
    private final LambdaSerialization.Serializer output;
    private final LambdaContexts contexts;
    private final int maxContainers;
    private final ScheduledExecutorService watchdog;
    private final ContainerEnvironment containerEnvironment;

    private final Object lock = new Object();
    private final Deque<Container> idle = new ArrayDeque<>();
    private final List<Container> alive = new ArrayList<>();
    private final AtomicInteger containerIds = new AtomicInteger();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;

    private FunctionRuntime(FunctionSpec spec, URLClassLoader loader, Class<?> handlerClass, Method handleRequest,
            LambdaContexts contexts, int maxContainers, ScheduledExecutorService watchdog,
            ContainerEnvironment containerEnvironment) throws NoSuchMethodException {
        this.spec = spec;
        this.loader = loader;
        this.constructor = handlerClass.getConstructor();
        this.handleRequest = handleRequest;
        this.serialization = new LambdaSerialization(spec.name());
        this.input = serialization.serializerFor(handleRequest.getParameterTypes()[0], loader);
        Class<?> returnType = handleRequest.getReturnType();
        this.output = returnType == void.class ? null : serialization.serializerFor(returnType, loader);
        this.contexts = contexts;
        this.maxContainers = maxContainers;
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
        URLClassLoader loader = new URLClassLoader("lambda:" + spec.name(), code.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        try {
            allowEnvironmentOverrides(loader);
            Class<?> handlerClass = Class.forName(spec.handlerClass(), false, loader);
            LambdaContexts contexts = new LambdaContexts(spec, loader, log);
            Method method = findHandleRequest(handlerClass, contexts.contextType());
            return new FunctionRuntime(spec, loader, handlerClass, method, contexts, maxContainers, watchdog, environment);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            closeQuietly(loader);
            throw new FunctionException(spec.name(), FunctionException.Kind.INIT, "class not found in " + code + ": "
                    + e.getMessage() + " (is it in the function's shaded jar?)", e);
        } catch (NoSuchMethodException e) {
            closeQuietly(loader);
            throw new FunctionException(spec.name(), FunctionException.Kind.INIT, spec.handlerClass()
                    + " needs a public no-argument constructor, as Lambda requires", e);
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(loader);
            throw new FunctionException(spec.name(), FunctionException.Kind.INIT, "cannot load " + spec.handlerClass()
                    + ": " + e, e);
        }
    }

    /**
     * The functions read their environment through common-core's {@code Env.system()}, which
     * honours the {@code campaigndialer.env.*} system properties this stack sets only once asked,
     * in each class loader (each function has its own copy of the class): a deployed function is
     * never asked, so no JVM option can reach around its environment. A jar without common-core
     * (a test fixture) has nothing to ask.
     */
    private static void allowEnvironmentOverrides(ClassLoader loader) {
        Class<?> env;
        try {
            env = Class.forName(Env.class.getName(), true, loader);
        } catch (ClassNotFoundException e) {
            return;
        }
        try {
            env.getMethod("allowSystemPropertyOverrides").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the jar's Env cannot take the local stack's environment ("
                    + e + "); rebuild the function jars", e);
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
        synchronized (lock) {
            while (true) {
                if (closed) {
                    throw new InterruptedException(spec.name() + " is shut down");
                }
                Container warm = idle.pollFirst();
                if (warm != null) {
                    return warm;
                }
                if (alive.size() < maxContainers) {
                    Container fresh = new Container(containerIds.incrementAndGet());
                    alive.add(fresh);
                    return fresh;
                }
                lock.wait();
            }
        }
    }

    /** Returns a container after its invocation; a discarded one (timed out, failed init) is not reused. */
    public void release(Container container) {
        synchronized (lock) {
            if (!container.discarded && !closed) {
                idle.addFirst(container); // most recently used first: warm containers are reused
            }
            lock.notifyAll();
        }
    }

    private void discard(Container container) {
        synchronized (lock) {
            container.discarded = true;
            alive.remove(container);
            idle.remove(container);
            lock.notifyAll();
        }
        container.thread.shutdownNow();
    }

    /** Containers started so far (each a cold start), discarded ones included. */
    public int containersStarted() {
        return containerIds.get();
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
        } catch (java.util.concurrent.RejectedExecutionException e) {
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
        List<Container> all;
        synchronized (lock) {
            closed = true;
            all = new ArrayList<>(alive);
            alive.clear();
            idle.clear();
            lock.notifyAll();
        }
        all.forEach(container -> container.thread.shutdownNow());
        for (Container container : all) {
            try {
                container.thread.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        serialization.close();
        closeQuietly(loader);
    }

    /** One execution environment: a handler instance and the thread that runs it. */
    public final class Container {
        private final int id;
        private final ExecutorService thread;
        private Object handler;
        private volatile boolean discarded;

        private Container(int id) {
            this.id = id;
            this.thread = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, spec.name() + "-" + id);
                t.setDaemon(true);
                t.setContextClassLoader(loader);
                return t;
            });
        }

        public int id() {
            return id;
        }

        private void run(String eventJson, CompletableFuture<String> result) {
            Thread current = Thread.currentThread();
            ClassLoader previous = current.getContextClassLoader();
            current.setContextClassLoader(loader);
            ScheduledFuture<?> timer = null;
            String requestId = UUID.randomUUID().toString();
            invocations.incrementAndGet();
            long initMillis = -1;
            long started = System.nanoTime();
            String status = "ok";
            try {
                if (handler == null) {
                    handler = construct();
                    initMillis = (System.nanoTime() - started) / 1_000_000;
                    started = System.nanoTime();
                }
                Object event = deserialize(eventJson);
                long deadline = System.currentTimeMillis() + spec.timeoutSeconds() * 1000L;
                Object context = contexts.create(requestId, id, deadline);
                timer = watchdog.schedule(() -> timeOut(result, requestId), spec.timeoutSeconds() * 1000L,
                        TimeUnit.MILLISECONDS);
                Object response = call(event, context);
                result.complete(serialize(response));
            } catch (FunctionException e) {
                status = e.kind().name().toLowerCase(java.util.Locale.ROOT) + " error";
                failures.incrementAndGet();
                if (e.kind() == FunctionException.Kind.INIT) {
                    discard(this);
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
                // Lambda's REPORT line, with the init duration on a cold start.
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (initMillis >= 0) {
                    LOG.info("REPORT", "function", spec.name(), "requestId", requestId, "container", id,
                            "durationMs", millis, "initDurationMs", initMillis, "status", status);
                } else {
                    LOG.info("REPORT", "function", spec.name(), "requestId", requestId, "container", id,
                            "durationMs", millis, "status", status);
                }
            }
        }

        private void timeOut(CompletableFuture<String> result, String requestId) {
            if (result.completeExceptionally(new FunctionException(spec.name(), FunctionException.Kind.TIMEOUT,
                    "Task timed out after " + spec.timeoutSeconds() + ".00 seconds (request " + requestId + ")", null))) {
                failures.incrementAndGet();
                LOG.warn("invocation timed out; its container is discarded", "function", spec.name(),
                        "container", id, "requestId", requestId);
                discard(this);
            }
        }

        private Object construct() throws FunctionException {
            // All functions share one JVM and so one set of environment overrides; what Lambda
            // gives each function (or container) differently is set while the handler reads its
            // environment, in its constructor (the init phase). Constructions take turns for that.
            synchronized (FunctionRuntime.class) {
                Map<String, String> previous = new HashMap<>();
                Map<String, String> own = new HashMap<>(containerEnvironment.forNewContainer(spec));
                own.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
                own.forEach((name, value) -> {
                    String property = Env.OVERRIDE_PREFIX + name;
                    previous.put(property, System.getProperty(property));
                    System.setProperty(property, value);
                });
                try {
                    return constructor.newInstance();
                } catch (InvocationTargetException e) {
                    throw new FunctionException(spec.name(), FunctionException.Kind.INIT, "init failed in "
                            + spec.handlerClass() + ": " + e.getCause(), e.getCause());
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new FunctionException(spec.name(), FunctionException.Kind.INIT, "cannot construct "
                            + spec.handlerClass() + ": " + e, e);
                } finally {
                    previous.forEach((property, value) -> {
                        if (value == null) {
                            System.clearProperty(property);
                        } else {
                            System.setProperty(property, value);
                        }
                    });
                }
            }
        }

        private Object deserialize(String eventJson) throws FunctionException {
            try {
                return input.fromJson(eventJson);
            } catch (RuntimeException | LinkageError e) {
                throw new FunctionException(spec.name(), FunctionException.Kind.EVENT, "the event does not deserialize into "
                        + handleRequest.getParameterTypes()[0].getName() + ": " + e, e);
            }
        }

        private Object call(Object event, Object context) throws FunctionException {
            try {
                return handleRequest.invoke(handler, event, context);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw new FunctionException(spec.name(), FunctionException.Kind.HANDLER, String.valueOf(cause), cause);
            } catch (IllegalAccessException e) {
                throw new FunctionException(spec.name(), FunctionException.Kind.INIT, "handleRequest is not accessible", e);
            }
        }

        private String serialize(Object response) throws FunctionException {
            if (response == null || output == null) {
                return "null";
            }
            try {
                var bytes = new ByteArrayOutputStream();
                output.toJson(response, bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (RuntimeException | LinkageError e) {
                throw new FunctionException(spec.name(), FunctionException.Kind.RESPONSE, "the response does not serialize: "
                        + e, e);
            }
        }
    }

    private static Method findHandleRequest(Class<?> handlerClass, Class<?> contextType) throws NoSuchMethodException {
        boolean isRequestHandler = false;
        for (Class<?> type = handlerClass; type != null && !isRequestHandler; type = type.getSuperclass()) {
            for (Class<?> implemented : type.getInterfaces()) {
                isRequestHandler |= implemented.getName().equals(REQUEST_HANDLER);
            }
        }
        Method found = null;
        for (Method method : handlerClass.getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2 && !method.isBridge()
                    && method.getParameterTypes()[1] == contextType) {
                found = method;
            }
        }
        if (found == null || !isRequestHandler) {
            throw new IllegalStateException(handlerClass.getName() + " must implement " + REQUEST_HANDLER
                    + "<I, O> with handleRequest(I, Context)");
        }
        return found;
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing to do: the jar file handle goes with the JVM
        }
    }
}
