package dev.campaigndialer.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.campaigndialer.core.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on stdout (CloudWatch Logs reads it as structured data). Context
 * fields ({@code requestId}, {@code campaignId}, {@code taskId}) are per thread, set by the batch
 * template for each message. Free text is passed through {@link PhoneMask#maskAll} so a full
 * phone number never reaches the log; callers must never pass secrets. An exception is logged as
 * {@link ErrorText} renders it: a database error by its SQLState and a short message, never the
 * statement's arguments.
 * Thread-safe.
 */
public final class JsonLog {

    private static final ThreadLocal<Map<String, String>> CONTEXT = ThreadLocal.withInitial(LinkedHashMap::new);
    private static volatile PrintStream out = System.out;

    private final String logger;

    private JsonLog(String logger) {
        this.logger = logger;
    }

    public static JsonLog forClass(Class<?> type) {
        return new JsonLog(type.getSimpleName());
    }

    /** Redirects every logger (the local stack sends function logs to a file). */
    public static void redirect(PrintStream target) {
        out = target;
    }

    public static void put(String key, String value) {
        if (value == null) {
            CONTEXT.get().remove(key);
        } else {
            CONTEXT.get().put(key, value);
        }
    }

    public static void clearContext() {
        CONTEXT.get().clear();
    }

    /**
     * Writes a document as one line, as it is: no timestamp, level or context added and no
     * masking (CloudWatch's embedded metric format wants exactly its own members). Callers must
     * never put a phone number or a secret in it.
     */
    public static void emit(Map<String, ?> document) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unserializable document", e);
        }
        out.println(json);
    }

    public void info(String message, Object... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        write("WARN", message, null, keyValues);
    }

    public void error(String message, Throwable error, Object... keyValues) {
        write("ERROR", message, error, keyValues);
    }

    private void write(String level, String message, Throwable error, Object... keyValues) {
        var line = new LinkedHashMap<String, Object>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("message", PhoneMask.maskAll(message));
        line.putAll(CONTEXT.get());
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            line.put(String.valueOf(keyValues[i]), value instanceof String text ? PhoneMask.maskAll(text) : value);
        }
        if (error != null) {
            line.put("error", PhoneMask.maskAll(ErrorText.summary(error)));
            line.put("stackTrace", PhoneMask.maskAll(ErrorText.stackTrace(error)));
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(line);
        } catch (JsonProcessingException e) {
            json = "{\"level\":\"ERROR\",\"message\":\"unserializable log line\"}";
        }
        out.println(json);
    }
}
