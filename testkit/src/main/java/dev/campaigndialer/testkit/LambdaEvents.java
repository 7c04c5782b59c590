package dev.campaigndialer.testkit;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * AWS-shaped event JSON turned into event objects by the Lambda Java runtime's own serializer, so a
 * test sees exactly what a deployed handler would (and an event that would not deserialize in AWS
 * fails here too).
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    /** Loads {@code /events/<name>} from the test's class path. */
    public static <T> T fromResource(String name, Class<T> type) {
        String path = name.startsWith("/") ? name : "/events/" + name;
        try (InputStream in = LambdaEvents.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no event resource " + path);
            }
            return serializer(type).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> String toJson(T event, Class<T> type) {
        var out = new ByteArrayOutputStream();
        serializer(type).toJson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaEvents.class.getClassLoader());
    }
}
