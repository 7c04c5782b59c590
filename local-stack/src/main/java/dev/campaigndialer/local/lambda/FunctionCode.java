package dev.campaigndialer.local.lambda;

import dev.campaigndialer.core.config.Env;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's code, isolated as the Lambda Java runtime isolates it: only its own jar, in a
 * {@link URLClassLoader} whose parent is the platform class loader (so a class the jar misses
 * fails here as in AWS). Resolves the handler class and its {@code handleRequest} without running
 * anything; {@link #newHandler} runs the constructor (the init phase) with a container's
 * environment. Thread-safe.
 */
final class FunctionCode implements AutoCloseable {

    private static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";

    private final FunctionSpec spec;
    private final URLClassLoader loader;
    private final Constructor<?> constructor;
    private final Method handleRequest;
    private final LambdaContexts contexts;

    private FunctionCode(FunctionSpec spec, URLClassLoader loader, Constructor<?> constructor, Method handleRequest,
            LambdaContexts contexts) {
        this.spec = spec;
        this.loader = loader;
        this.constructor = constructor;
        this.handleRequest = handleRequest;
        this.contexts = contexts;
    }

    /** @param log where {@code context.getLogger()} writes */
    static FunctionCode load(FunctionSpec spec, List<URL> code, PrintStream log) throws FunctionException {
        URLClassLoader loader = new URLClassLoader("lambda:" + spec.name(), code.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        try {
            allowEnvironmentOverrides(loader);
            Class<?> handlerClass = Class.forName(spec.handlerClass(), false, loader);
            LambdaContexts contexts = new LambdaContexts(spec, loader, log);
            Method method = findHandleRequest(handlerClass, contexts.contextType());
            return new FunctionCode(spec, loader, handlerClass.getConstructor(), method, contexts);
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

    ClassLoader loader() {
        return loader;
    }

    Class<?> eventType() {
        return handleRequest.getParameterTypes()[0];
    }

    Class<?> responseType() {
        return handleRequest.getReturnType();
    }

    /**
     * Constructs a handler (a container's init phase) while {@code environment} is set on top of
     * the shared one. All functions share one JVM and so one set of environment overrides; what
     * Lambda gives each function (or container) differently is set while the handler reads its
     * environment, in its constructor. Constructions take turns for that.
     */
    Object newHandler(Map<String, String> environment) throws FunctionException {
        synchronized (FunctionCode.class) {
            Map<String, String> previous = new HashMap<>();
            environment.forEach((name, value) -> {
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

    /** A {@code Context} of the function's own loader for one invocation. */
    Object context(String requestId, int containerId, long deadlineMillis) {
        return contexts.create(requestId, containerId, deadlineMillis);
    }

    /** {@code handler.handleRequest(event, context)}; what the handler throws is a {@link FunctionException.Kind#HANDLER} error. */
    Object call(Object handler, Object event, Object context) throws FunctionException {
        try {
            return handleRequest.invoke(handler, event, context);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new FunctionException(spec.name(), FunctionException.Kind.HANDLER, String.valueOf(cause), cause);
        } catch (IllegalAccessException e) {
            throw new FunctionException(spec.name(), FunctionException.Kind.INIT, "handleRequest is not accessible", e);
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

    @Override
    public void close() {
        closeQuietly(loader);
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing to do: the jar file handle goes with the JVM
        }
    }
}
