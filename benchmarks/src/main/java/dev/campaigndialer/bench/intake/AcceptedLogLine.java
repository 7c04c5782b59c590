package dev.campaigndialer.bench.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The phase timings validate-campaign itself logs with "campaign accepted" (validateMs, storeMs,
 * relayMs), read back from the function log: the split comes from the service, not from a copy
 * of its steps in the benchmark.
 */
public record AcceptedLogLine(long validateMs, long storeMs, long relayMs) {

    public static AcceptedLogLine find(Path functionLog, String campaignId) {
        List<String> lines;
        try {
            lines = Files.readAllLines(functionLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + functionLog, e);
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode line = Json.read(lines.get(i), JsonNode.class);
            if ("campaign accepted".equals(line.path("message").asText())
                    && campaignId.equals(line.path("campaignId").asText())) {
                return new AcceptedLogLine(line.path("validateMs").asLong(), line.path("storeMs").asLong(),
                        line.path("relayMs").asLong());
            }
        }
        throw new IllegalStateException("no \"campaign accepted\" line for campaign " + campaignId + " in " + functionLog);
    }
}
