package dev.campaigndialer.core.queue;

import java.util.List;

/** Every queue of the pipeline, in flow order. The local stack builds its queues from this list. */
public final class QueueTopology {

    public static final String DISPATCH = "dispatch";
    public static final String ENRICH = "enrich";
    public static final String DIAL = "dial";
    public static final String STATUS = "status";
    public static final String REPORT = "report";

    private static final List<QueueSettings> ALL = List.of(
            new QueueSettings(DISPATCH, "dispatcher", 300, 1800, 5, 1, 5),
            new QueueSettings(ENRICH, "enrich-dial-task", 60, 360, 5, 10, 20),
            new QueueSettings(DIAL, "dialer-worker", 60, 360, 5, 10, 100),
            new QueueSettings(STATUS, "status-checker", 60, 360, 5, 10, 50),
            new QueueSettings(REPORT, "report-generator", 120, 720, 5, 1, 10));

    private QueueTopology() {
    }

    public static List<QueueSettings> all() {
        return ALL;
    }

    public static QueueSettings of(String name) {
        return ALL.stream()
                .filter(queue -> queue.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no queue named " + name));
    }
}
