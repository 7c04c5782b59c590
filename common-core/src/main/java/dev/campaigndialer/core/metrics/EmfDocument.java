package dev.campaigndialer.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One log line read back as an embedded-metric-format document, checked against the rules
 * CloudWatch applies before it extracts anything
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * {@code _aws.Timestamp} a number, {@code CloudWatchMetrics} directives each with a
 * {@code Namespace}, {@code Dimensions} (sets of at most 30 names, each a string member of the
 * root) and {@code Metrics} (at most 100, each a {@code Name} whose root member is a number or
 * an array of at most 100 numbers). Used by the local stack's metric summary and by tests.
 *
 * @param dimensions the dimension values of the (single) directive's dimension set
 * @param metrics    metric name → its unit and values
 * @param root       the whole document, properties included
 */
public record EmfDocument(String namespace, long timestamp, Map<String, String> dimensions,
        Map<String, Metric> metrics, JsonNode root) {

    /** A metric of the document: its unit and its values. */
    public record Metric(String unit, List<Double> values) {
        public double sum() {
            return values.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Thrown for a line that has {@code _aws} but would be rejected by CloudWatch. */
    public static final class InvalidEmfException extends IllegalArgumentException {
        InvalidEmfException(String message) {
            super(message);
        }
    }

    /**
     * The document on this line; empty for a line that is not a JSON object with {@code _aws}
     * (an ordinary log line).
     *
     * @throws InvalidEmfException when the line claims to be EMF but breaks a rule
     */
    public static Optional<EmfDocument> parse(String line) {
        if (line == null || !line.startsWith("{") || !line.contains("\"_aws\"")) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(line);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!root.isObject() || !root.has("_aws")) {
            return Optional.empty();
        }
        JsonNode aws = root.get("_aws");
        require(aws.path("Timestamp").isIntegralNumber(), "_aws.Timestamp must be a number (epoch milliseconds)");
        JsonNode directives = aws.path("CloudWatchMetrics");
        require(directives.isArray() && directives.size() == 1,
                "_aws.CloudWatchMetrics must hold exactly one directive here (one dimension set per line)");
        JsonNode directive = directives.get(0);
        require(directive.path("Namespace").isTextual() && !directive.path("Namespace").asText().isBlank(),
                "a directive needs a Namespace");
        JsonNode dimensionSets = directive.path("Dimensions");
        require(dimensionSets.isArray() && dimensionSets.size() == 1 && dimensionSets.get(0).isArray(),
                "Dimensions must be an array holding one dimension set");
        Map<String, String> dimensions = new LinkedHashMap<>();
        JsonNode set = dimensionSets.get(0);
        require(set.size() <= 30, "a dimension set has at most 30 dimensions");
        for (JsonNode name : set) {
            JsonNode value = root.path(name.asText());
            require(value.isTextual(), "dimension " + name.asText() + " must be a string member of the root");
            dimensions.put(name.asText(), value.asText());
        }
        JsonNode definitions = directive.path("Metrics");
        require(definitions.isArray() && !definitions.isEmpty() && definitions.size() <= 100,
                "Metrics must hold 1 to 100 metric definitions");
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (JsonNode definition : definitions) {
            String name = definition.path("Name").asText("");
            require(!name.isBlank(), "a metric definition needs a Name");
            JsonNode value = root.path(name);
            List<Double> values = new ArrayList<>();
            if (value.isNumber()) {
                values.add(value.asDouble());
            } else if (value.isArray() && value.size() <= 100) {
                value.forEach(element -> {
                    require(element.isNumber(), "metric " + name + " has a value that is not a number");
                    values.add(element.asDouble());
                });
            } else {
                throw new InvalidEmfException("metric " + name + " must be a number or an array of at most 100 numbers");
            }
            metrics.put(name, new Metric(definition.path("Unit").asText("None"), values));
        }
        return Optional.of(new EmfDocument(directive.get("Namespace").asText(), aws.get("Timestamp").asLong(),
                dimensions, metrics, root));
    }

    private static void require(boolean condition, String rule) {
        if (!condition) {
            throw new InvalidEmfException("not valid EMF: " + rule);
        }
    }
}
