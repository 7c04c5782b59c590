package dev.campaigndialer.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * The Lambda Java runtime's serializer (aws-lambda-java-serialization), one copy per function.
 *
 * <p>In AWS every function has a runtime process of its own. Here they share a JVM, and the
 * serializer keeps JVM-wide state: its Jackson factory is a singleton on which
 * {@code serializerFor} registers the Joda {@code DateTime} support once, bound to the class
 * loader of the first function that asked (Jackson ignores a second registration of the same
 * module). A second function's {@code ScheduledEvent.time} would then not deserialize. So each
 * function gets the serializer classes from a class loader of its own, as it would in AWS.
 * Thread-safe.
 */
final class LambdaSerialization implements AutoCloseable {

    /** One event or response type's serializer, as the function's runtime would use it. */
    interface Serializer {
        Object fromJson(String json);

        void toJson(Object value, OutputStream out);
    }

    private final URLClassLoader runtime;
    private final Method serializerFor;
    private final Method fromJson;
    private final Method toJson;

    LambdaSerialization(String functionName) {
        URL code = LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();
        this.runtime = new URLClassLoader("lambda-runtime:" + functionName, new URL[] {code},
                ClassLoader.getPlatformClassLoader());
        try {
            Class<?> serializers = Class.forName(LambdaEventSerializers.class.getName(), true, runtime);
            Class<?> pojoSerializer = Class.forName(
                    "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer", true, runtime);
            this.serializerFor = serializers.getMethod("serializerFor", Class.class, ClassLoader.class);
            this.fromJson = pojoSerializer.getMethod("fromJson", String.class);
            this.toJson = pojoSerializer.getMethod("toJson", Object.class, OutputStream.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the Lambda serializer from " + code, e);
        }
    }

    /** {@code LambdaEventSerializers.serializerFor(type, functionLoader)}. */
    Serializer serializerFor(Class<?> type, ClassLoader functionLoader) {
        Object serializer = call(serializerFor, null, type, functionLoader);
        return new Serializer() {
            @Override
            public Object fromJson(String json) {
                return call(fromJson, serializer, json);
            }

            @Override
            public void toJson(Object value, OutputStream out) {
                call(toJson, serializer, value, out);
            }
        };
    }

    private static Object call(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            runtime.close();
        } catch (IOException ignored) {
            // nothing held that matters
        }
    }
}
