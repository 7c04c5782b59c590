package dev.campaigndialer.core.metrics;

import dev.campaigndialer.core.log.JsonLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The business metrics of one invocation, written when it ends as CloudWatch Embedded Metric
 * Format (EMF) lines on the function's log, where CloudWatch Logs extracts them into metrics
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 *
 * <p>Each line is one EMF document: {@code _aws.Timestamp} (epoch milliseconds), one
 * {@code MetricDirective} in namespace {@link #NAMESPACE} with one dimension set, the metric
 * values and the dimension values as root members, and the invocation's properties (request id,
 * campaign ids) as further root members, which CloudWatch keeps in the log event but does not
 * turn into dimensions. EMF allows one value per dimension per document, so each distinct
 * combination of dimension values (the function alone; the function and an outcome ...) is a line.
 *
 * <p>Dimensions must stay low-cardinality: a function name, an outcome, a status, a format. Ids
 * belong in properties; {@link #count(String, String, String, long)} refuses a value that looks
 * like a UUID. Written through {@link JsonLog#emit}, so it goes wherever the JSON log goes. This
 * costs no dependency: {@code aws-embedded-metrics} would add about a megabyte to every function
 * jar (benchmarks/README.md, jars).
 *
 * <p>Not thread-safe: one instance per invocation, on the invocation's thread.
 */
public final class Metrics {

    public static final String NAMESPACE = "CampaignDialer";
    /** The dimension every metric carries: the function's name as the code knows it (not the deployed name). */
    public static final String FUNCTION = "FunctionName";

    /** EMF units (the CloudWatch {@code StandardUnit} names). */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    /** EMF: at most 100 metrics per directive and 100 values per metric. */
    static final int MAX_METRICS_PER_DOCUMENT = 100;
    static final int MAX_VALUES_PER_METRIC = 100;
    private static final Pattern UUID_LIKE = Pattern.compile("(?i).*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-.*");

    private record Dimension(String name, String value) {
    }

    private record Series(Unit unit, List<Double> values) {
    }

    private final String function;
    private final Clock clock;
    /** Per extra dimension (null: the function alone), the metrics in recording order. */
    private final Map<Dimension, Map<String, Series>> groups = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private Metrics(String function, Clock clock) {
        this.function = Objects.requireNonNull(function, "function");
        this.clock = clock;
    }

    /** Metrics of one invocation of {@code function} (e.g. {@code dialer-worker}). */
    public static Metrics of(String function) {
        return new Metrics(function, Clock.systemUTC());
    }

    static Metrics of(String function, Clock clock) {
        return new Metrics(function, clock);
    }

    /** Adds {@code value} to a count with the function as its only dimension; zero is not recorded. */
    public Metrics count(String metric, long value) {
        return add(null, metric, Unit.COUNT, value, true);
    }

    /** Adds {@code value} to a count with the function and one more low-cardinality dimension. */
    public Metrics count(String metric, String dimension, String dimensionValue, long value) {
        return add(dimension(dimension, dimensionValue), metric, Unit.COUNT, value, true);
    }

    /** Records one duration (each call is one value: CloudWatch computes the statistics). */
    public Metrics milliseconds(String metric, String dimension, String dimensionValue, long millis) {
        return add(dimension(dimension, dimensionValue), metric, Unit.MILLISECONDS, millis, false);
    }

    /** A searchable member of every line of this invocation, never a dimension (ids go here). */
    public Metrics property(String key, Object value) {
        if (value != null) {
            properties.put(key, value);
        }
        return this;
    }

    /** Adds the ids to a list property (distinct, in order of arrival). */
    public Metrics propertyIds(String key, Iterable<?> ids) {
        @SuppressWarnings("unchecked")
        Set<String> values = (Set<String>) properties.computeIfAbsent(key, ignored -> new LinkedHashSet<String>());
        ids.forEach(id -> values.add(String.valueOf(id)));
        return this;
    }

    /** How many items got each result (a batch's result map, counted per enum value). */
    public static <E extends Enum<E>> Map<E, Long> tally(Map<?, E> results) {
        Map<E, Long> counts = new LinkedHashMap<>();
        results.values().forEach(result -> counts.merge(result, 1L, Long::sum));
        return counts;
    }

    /** True when nothing was recorded since the last flush. */
    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /** The EMF documents for what was recorded, one per dimension combination. */
    public List<Map<String, Object>> documents() {
        long timestamp = clock.millis();
        List<Map<String, Object>> documents = new ArrayList<>();
        groups.forEach((dimension, series) -> {
            List<String> dimensionSet = new ArrayList<>(List.of(FUNCTION));
            if (dimension != null) {
                dimensionSet.add(dimension.name());
            }
            List<Map<String, String>> definitions = new ArrayList<>();
            series.forEach((name, values) -> definitions.add(Map.of("Name", name, "Unit", values.unit().cloudWatchName())));
            var document = new LinkedHashMap<String, Object>();
            document.put("_aws", Map.of("Timestamp", timestamp, "CloudWatchMetrics", List.of(Map.of(
                    "Namespace", NAMESPACE, "Dimensions", List.of(dimensionSet), "Metrics", definitions))));
            document.put(FUNCTION, function);
            if (dimension != null) {
                document.put(dimension.name(), dimension.value());
            }
            series.forEach((name, values) -> document.put(name, values.values().size() == 1 ? number(values.values().get(0))
                    : values.values().stream().map(Metrics::number).toList()));
            properties.forEach((key, value) -> document.putIfAbsent(key, value instanceof Set<?> set ? List.copyOf(set) : value));
            documents.add(document);
        });
        return documents;
    }

    /** Writes the EMF lines and forgets them. Never throws: metrics must not fail the work they measure. */
    public void flush() {
        try {
            documents().forEach(JsonLog::emit);
        } catch (RuntimeException e) {
            JsonLog.forClass(Metrics.class).error("metrics not written", e);
        } finally {
            groups.clear();
        }
    }

    private Metrics add(Dimension dimension, String metric, Unit unit, long value, boolean sum) {
        if (sum && value == 0) {
            return this;
        }
        Map<String, Series> series = groups.computeIfAbsent(dimension, ignored -> new LinkedHashMap<>());
        if (!series.containsKey(metric) && series.size() == MAX_METRICS_PER_DOCUMENT) {
            throw new IllegalStateException("more than " + MAX_METRICS_PER_DOCUMENT + " metrics in one EMF document");
        }
        Series current = series.computeIfAbsent(metric, ignored -> new Series(unit, new ArrayList<>()));
        if (current.unit() != unit) {
            throw new IllegalArgumentException(metric + " is recorded in " + current.unit() + ", not " + unit);
        }
        if (sum && !current.values().isEmpty()) {
            current.values().set(0, current.values().get(0) + value);
        } else if (current.values().size() < MAX_VALUES_PER_METRIC) {
            current.values().add((double) value);
        }
        return this;
    }

    private static Dimension dimension(String name, String value) {
        if (name == null || name.isBlank() || name.equals(FUNCTION) || value == null || value.isBlank()) {
            throw new IllegalArgumentException("a dimension needs a name other than " + FUNCTION + " and a value");
        }
        if (UUID_LIKE.matcher(value).matches()) {
            throw new IllegalArgumentException("dimension " + name + " must be low-cardinality; an id belongs in a property");
        }
        return new Dimension(name, value);
    }

    private static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
    }
}
