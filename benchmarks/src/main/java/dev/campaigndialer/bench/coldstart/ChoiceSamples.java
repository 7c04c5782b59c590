package dev.campaigndialer.bench.coldstart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Every measured start of one start-up choice, by target, and their medians. Not thread-safe. */
public final class ChoiceSamples {

    private final StartupChoice choice;
    private final Map<String, List<MeasuredStart>> byTarget = new LinkedHashMap<>();

    public ChoiceSamples(StartupChoice choice) {
        this.choice = choice;
    }

    public StartupChoice choice() {
        return choice;
    }

    void add(Map<String, MeasuredStart> pass) {
        pass.forEach((target, figures) -> byTarget.computeIfAbsent(target, name -> new ArrayList<>()).add(figures));
    }

    public int runs(String target) {
        return byTarget.getOrDefault(target, List.of()).size();
    }

    /** The median of one figure over the runs (of each figure on its own: medians of phases need not add up). */
    public double median(String target, ToDoubleFunction<MeasuredStart> figure) {
        double[] values = byTarget.getOrDefault(target, List.of()).stream().mapToDouble(figure).sorted().toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("no runs of " + target);
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** A target's median cold start over the floor's. */
    public double ratioToFloor(String target) {
        return median(target, MeasuredStart::coldMs) / median(PipelinePass.FLOOR, MeasuredStart::coldMs);
    }
}
