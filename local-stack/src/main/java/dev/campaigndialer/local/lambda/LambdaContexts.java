package dev.campaigndialer.local.lambda;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Lambda {@code Context} objects for one function. The {@code Context} interface lives inside the
 * function's own shaded jar (every function carries its copy of aws-lambda-java-core), so the
 * context is a {@link Proxy} implementing the interface as the function's class loader sees it;
 * a Context class from this module's class path would not be assignable there.
 *
 * <p>{@code getRemainingTimeInMillis} counts down from the function timeout, and {@code getLogger}
 * writes to the function log, as in AWS. Thread-safe.
 */
final class LambdaContexts {

    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";

    private final FunctionSpec function;
    private final ClassLoader loader;
    private final Class<?> contextType;
    private final Object logger;

    LambdaContexts(FunctionSpec function, ClassLoader loader, PrintStream log) throws ClassNotFoundException {
        this.function = function;
        this.loader = loader;
        this.contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
        Class<?> loggerType = Class.forName("com.amazonaws.services.lambda.runtime.LambdaLogger", false, loader);
        this.logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, new LoggerHandler(log));
    }

    Class<?> contextType() {
        return contextType;
    }

    /** A context for one invocation ending at {@code deadlineMillis} (epoch millis). */
    Object create(String requestId, int containerId, long deadlineMillis) {
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType},
                new ContextHandler(requestId, containerId, deadlineMillis));
    }

    private final class ContextHandler implements InvocationHandler {
        private final String requestId;
        private final int containerId;
        private final long deadlineMillis;

        ContextHandler(String requestId, int containerId, long deadlineMillis) {
            this.requestId = requestId;
            this.containerId = containerId;
            this.deadlineMillis = deadlineMillis;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return switch (method.getName()) {
                case "getAwsRequestId" -> requestId;
                case "getLogGroupName" -> "/aws/lambda/" + function.name();
                case "getLogStreamName" -> LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/')
                        + "/[$LATEST]local" + containerId;
                case "getFunctionName" -> function.name();
                case "getFunctionVersion" -> "$LATEST";
                case "getInvokedFunctionArn" -> "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function.name();
                case "getIdentity", "getClientContext" -> null;
                case "getRemainingTimeInMillis" -> (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
                case "getMemoryLimitInMB" -> function.memoryMb();
                case "getLogger" -> logger;
                case "toString" -> "LocalLambdaContext[" + function.name() + ", " + requestId + "]";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> {
                    if (method.isDefault()) {
                        yield InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new IllegalStateException("the local Lambda context does not implement " + method);
                }
            };
        }
    }

    /** LambdaLogger: Lambda writes what it is given, as is, to the function's log stream. */
    private static final class LoggerHandler implements InvocationHandler {
        private final PrintStream log;

        LoggerHandler(PrintStream log) {
            this.log = log;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "log" -> {
                    Object message = args[0];
                    if (message instanceof byte[] bytes) {
                        log.print(new String(bytes, StandardCharsets.UTF_8));
                    } else {
                        log.print(message);
                    }
                    log.flush();
                    return null;
                }
                case "toString" -> {
                    return "LocalLambdaLogger";
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                default -> {
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new IllegalStateException("the local LambdaLogger does not implement " + method);
                }
            }
        }
    }
}
