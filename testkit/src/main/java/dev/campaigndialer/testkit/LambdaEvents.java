package dev.campaigndialer.testkit;

import dev.campaigndialer.localaws.LambdaEventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Event fixtures in AWS's shapes ({@code /events/<name>} on the test's class path), read by the
 * Lambda Java runtime's own serializer (local-aws's {@link LambdaEventJson}), so a test sees exactly
 * what a deployed handler would.
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return LambdaEventJson.fromJson(json, type);
    }

    /** Loads {@code /events/<name>} from the test's class path. */
    public static <T> T fromResource(String name, Class<T> type) {
        String path = name.startsWith("/") ? name : "/events/" + name;
        try (InputStream in = LambdaEvents.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no event resource " + path);
            }
            return LambdaEventJson.fromJson(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> String toJson(T event, Class<T> type) {
        return LambdaEventJson.toJson(event, type);
    }
}
