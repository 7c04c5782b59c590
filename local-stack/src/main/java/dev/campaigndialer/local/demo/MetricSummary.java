package dev.campaigndialer.local.demo;

import dev.campaigndialer.core.metrics.EmfDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What CloudWatch would publish from a run: the embedded-metric-format lines the functions wrote
 * to the log, read back ({@link EmfDocument}, which checks each as CloudWatch would) and totalled
 * per metric and dimension values. Counts are summed; durations summarised (values, median, max).
 */
public final class MetricSummary {

    /** One metric with one set of dimension values, over the run. */
    public record Series(String namespace, String metric, Map<String, String> dimensions, String unit, List<Double> values) {

        public double total() {
            return values.stream().mapToDouble(Double::doubleValue).sum();
        }

        String dimensionText() {
            return dimensions.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    private final List<Series> series;
    private final int lines;
    private final List<String> invalid;

    private MetricSummary(List<Series> series, int lines, List<String> invalid) {
        this.series = series;
        this.lines = lines;
        this.invalid = invalid;
    }

    /** Reads the log from {@code offset} (where this run started writing) to its end. */
    public static MetricSummary read(Path log, long offset) {
        Map<String, Series> byKey = new TreeMap<>();
        List<String> invalid = new ArrayList<>();
        int[] count = {0};
        RunLog.forEachLine(log, offset, line -> {
            EmfDocument document;
            try {
                var parsed = EmfDocument.parse(line);
                if (parsed.isEmpty()) {
                    return;
                }
                document = parsed.get();
            } catch (EmfDocument.InvalidEmfException e) {
                invalid.add(e.getMessage());
                return;
            }
            count[0]++;
            document.metrics().forEach((name, metric) -> {
                String key = name + " " + new TreeMap<>(document.dimensions());
                byKey.computeIfAbsent(key, ignored -> new Series(document.namespace(), name,
                        new TreeMap<>(document.dimensions()), metric.unit(), new ArrayList<>())).values().addAll(metric.values());
            });
        });
        return new MetricSummary(List.copyOf(byKey.values()), count[0], invalid);
    }

    public List<Series> series() {
        return series;
    }

    /** The total of a count over every series with these dimension values (all of them given). */
    public double total(String metric, Map<String, String> dimensions) {
        return series.stream().filter(one -> one.metric().equals(metric))
                .filter(one -> one.dimensions().entrySet().containsAll(dimensions.entrySet()))
                .mapToDouble(Series::total).sum();
    }

    public List<String> invalidLines() {
        return invalid;
    }

    /** The summary as printed at the end of the demo. */
    public String render() {
        var text = new StringBuilder();
        String namespace = series.isEmpty() ? "CampaignDialer" : series.get(0).namespace();
        text.append(String.format(Locale.ROOT, "Metrics: %d EMF lines in the function log, namespace %s (what CloudWatch "
                + "would publish; dimensions after the name)%n", lines, namespace));
        int width = series.stream().mapToInt(one -> one.metric().length() + one.dimensionText().length() + 3).max().orElse(20);
        for (Series one : series) {
            String name = one.metric() + " [" + one.dimensionText() + "]";
            text.append("  ").append(name).append(" ".repeat(Math.max(1, width - name.length() + 2)));
            if (one.unit().equals("Count")) {
                text.append(String.format(Locale.US, "%,10.0f", one.total()));
            } else {
                List<Double> sorted = one.values().stream().sorted().toList();
                double median = sorted.get((int) Math.ceil(sorted.size() * 0.5) - 1);
                text.append(String.format(Locale.US, "%,10d values, median %,.0f, max %,.0f %s", sorted.size(), median,
                        sorted.get(sorted.size() - 1), one.unit().toLowerCase(Locale.ROOT)));
            }
            text.append(System.lineSeparator());
        }
        if (!invalid.isEmpty()) {
            text.append("  ").append(invalid.size()).append(" lines CloudWatch would reject, e.g. ").append(invalid.get(0))
                    .append(System.lineSeparator());
        }
        return text.toString().stripTrailing();
    }
}
