package dev.campaigndialer.localaws;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * AWS-shaped event JSON turned into event objects by the Lambda Java runtime's own serializer, so a
 * caller sees exactly what a deployed handler would (and an event that would not deserialize in AWS
 * fails here too).
 */
public final class LambdaEventJson {

    private LambdaEventJson() {
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    public static <T> T fromJson(InputStream json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    public static <T> String toJson(T event, Class<T> type) {
        var out = new ByteArrayOutputStream();
        serializer(type).toJson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaEventJson.class.getClassLoader());
    }
}
