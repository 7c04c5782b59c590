package dev.campaigndialer.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The functions' log of one run: the stack's log file from the offset where the run began. The
 * functions write a JSON object per line (with other lines between, e.g. a library's warnings).
 */
final class RunLog {

    private RunLog() {
    }

    /**
     * Each line from {@code offset} to the end, streamed (a 10,000-contact run's log is far larger
     * than what is read from it); nothing when the file does not exist.
     */
    static void forEachLine(Path log, long offset, Consumer<String> action) {
        if (!Files.isRegularFile(log)) {
            return;
        }
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(offset, Files.size(log)));
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().forEach(action);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function log " + log, e);
        }
    }

    /**
     * The run's last ERROR line as "logger: message (error)": a stall's likeliest cause. A batch
     * that failed whole is logged, not counted as a failed invocation, and its messages only come
     * back after the queue's visibility timeout: without this line a stalled demo hides why.
     */
    static Optional<String> lastError(Path log, long offset) {
        String[] last = {null};
        forEachLine(log, offset, line -> {
            if (line.startsWith("{") && line.contains("\"level\":\"ERROR\"")) {
                last[0] = line;
            }
        });
        if (last[0] == null) {
            return Optional.empty();
        }
        try {
            JsonNode error = Json.mapper().readTree(last[0]);
            String cause = error.path("error").asText("");
            return Optional.of(error.path("logger").asText("?") + ": " + error.path("message").asText("")
                    + (cause.isEmpty() ? "" : " (" + cause + ")"));
        } catch (IOException e) {
            return Optional.of(last[0].length() > 300 ? last[0].substring(0, 300) + "..." : last[0]);
        }
    }
}
