package dev.campaigndialer.bench.coldstart.launcher;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

/**
 * The main class of every JVM the coldstart benchmark starts: what the Lambda Java runtime does in
 * a new execution environment, cut down to the part that costs time. It loads the handler class,
 * constructs the handler (Lambda's init phase), deserializes the first event through the Lambda
 * runtime's serializer ({@code aws-lambda-java-serialization}), invokes, serializes the response,
 * then does the same for a second event (a warm invocation) and writes the timings and both
 * responses to a result file.
 *
 * <p>It uses nothing but the JDK, so the class path of the JVM it runs in is the function's own
 * jar, the serializer and these few classes: everything the handler touches comes from the
 * function's jar, as in AWS. Event classes, {@code Context} and the serializer are reached by
 * reflection for the same reason.
 *
 * <p>Arguments: handler class, function name, timeout seconds, memory MB, first event file, second
 * event file, result file.
 */
public final class FirstInvocationLauncher {

    private static final String SERIALIZERS =
            "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers";
    private static final String POJO_SERIALIZER = "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer";
    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    private static final String LOGGER = "com.amazonaws.services.lambda.runtime.LambdaLogger";

    private FirstInvocationLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Instant mainStarted = Instant.now();
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: FirstInvocationLauncher HANDLER FUNCTION TIMEOUT_S MEMORY_MB "
                    + "FIRST_EVENT SECOND_EVENT RESULT");
        }
        String function = args[1];
        int timeoutSeconds = Integer.parseInt(args[2]);
        int memoryMb = Integer.parseInt(args[3]);
        String firstEvent = Files.readString(Path.of(args[4]));
        String secondEvent = Files.readString(Path.of(args[5]));
        ClassLoader loader = FirstInvocationLauncher.class.getClassLoader();

        Class<?> handlerClass = Class.forName(args[0], true, loader);
        Class<?> contextType = Class.forName(CONTEXT, false, loader);
        Method handleRequest = handleRequest(handlerClass, contextType);
        Object handler = handlerClass.getConstructor().newInstance();
        Instant constructed = Instant.now();

        Method serializerFor = Class.forName(SERIALIZERS, true, loader).getMethod("serializerFor", Class.class,
                ClassLoader.class);
        Class<?> pojoSerializer = Class.forName(POJO_SERIALIZER, false, loader);
        var invocation = new Invocation(handler, handleRequest,
                serializerFor.invoke(null, handleRequest.getParameterTypes()[0], loader),
                serializerFor.invoke(null, handleRequest.getReturnType(), loader),
                pojoSerializer.getMethod("fromJson", String.class),
                pojoSerializer.getMethod("toJson", Object.class, OutputStream.class),
                new Contexts(contextType, loader, function, timeoutSeconds, memoryMb));

        String firstResponse = invocation.invoke(firstEvent);
        Instant firstReturned = Instant.now();
        long warmStarted = System.nanoTime();
        String secondResponse = invocation.invoke(secondEvent);
        long warmNanos = System.nanoTime() - warmStarted;

        var result = new Properties();
        result.setProperty("mainStartedMicros", Long.toString(micros(mainStarted)));
        result.setProperty("constructedMicros", Long.toString(micros(constructed)));
        result.setProperty("firstReturnedMicros", Long.toString(micros(firstReturned)));
        result.setProperty("warmNanos", Long.toString(warmNanos));
        result.setProperty("firstResponse", firstResponse);
        result.setProperty("secondResponse", secondResponse);
        try (Writer out = Files.newBufferedWriter(Path.of(args[6]), StandardCharsets.UTF_8)) {
            result.store(out, "coldstart: " + function);
        }
        // The SDK's and HikariCP's threads would otherwise keep the JVM up; Lambda freezes it instead.
        System.exit(0);
    }

    /** One invocation as the runtime makes it: event JSON in, handler called, response JSON out. */
    private record Invocation(Object handler, Method handleRequest, Object input, Object output, Method fromJson,
            Method toJson, Contexts contexts) {

        String invoke(String eventJson) throws ReflectiveOperationException {
            Object event = fromJson.invoke(input, eventJson);
            Object response;
            try {
                response = handleRequest.invoke(handler, event, contexts.next());
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the handler failed", e.getCause());
            }
            var json = new ByteArrayOutputStream();
            toJson.invoke(output, response, json);
            return json.toString(StandardCharsets.UTF_8);
        }
    }

    private static Method handleRequest(Class<?> handlerClass, Class<?> contextType) {
        for (Method method : handlerClass.getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2 && !method.isBridge()
                    && method.getParameterTypes()[1] == contextType) {
                return method;
            }
        }
        throw new IllegalArgumentException(handlerClass.getName() + " has no handleRequest(I, Context)");
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    /** Lambda {@code Context}s as proxies of the function jar's own interface. */
    private static final class Contexts {
        private final Class<?> contextType;
        private final ClassLoader loader;
        private final String function;
        private final int timeoutSeconds;
        private final int memoryMb;
        private final Object logger;

        Contexts(Class<?> contextType, ClassLoader loader, String function, int timeoutSeconds, int memoryMb)
                throws ClassNotFoundException {
            this.contextType = contextType;
            this.loader = loader;
            this.function = function;
            this.timeoutSeconds = timeoutSeconds;
            this.memoryMb = memoryMb;
            this.logger = Proxy.newProxyInstance(loader, new Class<?>[] {Class.forName(LOGGER, false, loader)},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "log" -> {
                            System.out.print(args[0] instanceof byte[] bytes
                                    ? new String(bytes, StandardCharsets.UTF_8) : args[0]);
                            yield null;
                        }
                        default -> defaultOrFail(proxy, method, args);
                    });
        }

        Object next() {
            String requestId = UUID.randomUUID().toString();
            long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
            return Proxy.newProxyInstance(loader, new Class<?>[] {contextType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getAwsRequestId" -> requestId;
                        case "getFunctionName", "getLogGroupName", "getLogStreamName" -> function;
                        case "getFunctionVersion" -> "$LATEST";
                        case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:000000000000:function:" + function;
                        case "getIdentity", "getClientContext" -> null;
                        case "getRemainingTimeInMillis" -> (int) Math.max(0, deadline - System.currentTimeMillis());
                        case "getMemoryLimitInMB" -> memoryMb;
                        case "getLogger" -> logger;
                        default -> defaultOrFail(proxy, method, args);
                    });
        }

        private static Object defaultOrFail(Object proxy, Method method, Object[] args) throws Throwable {
            return switch (method.getName()) {
                case "toString" -> "ColdStartContext";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> {
                    if (method.isDefault()) {
                        yield InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.toString());
                }
            };
        }
    }
}
