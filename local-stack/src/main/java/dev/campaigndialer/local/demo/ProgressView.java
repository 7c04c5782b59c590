package dev.campaigndialer.local.demo;

import dev.campaigndialer.local.stack.LocalQueues;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Live progress on stderr: on a terminal one line redrawn in place (a bar, the campaign status,
 * counts per task state, busy queues); otherwise a plain line every few seconds, so a CI log stays
 * readable. Not thread-safe: one demo loop drives it.
 */
final class ProgressView {

    /** What the demo saw at one moment. */
    record Snapshot(String status, int accepted, int finished, double percent, Map<String, Integer> tasks,
            List<LocalQueues.Depth> queues, int callsPlaced, Duration elapsed) {
    }

    static final Map<String, String> SHORT_NAMES = new LinkedHashMap<>();

    static {
        SHORT_NAMES.put("PENDING", "pending");
        SHORT_NAMES.put("READY", "ready");
        SHORT_NAMES.put("SCHEDULED", "scheduled");
        SHORT_NAMES.put("DIALING", "dialing");
        SHORT_NAMES.put("ANSWERED", "answered");
        SHORT_NAMES.put("VOICEMAIL", "voicemail");
        SHORT_NAMES.put("BUSY", "busy");
        SHORT_NAMES.put("NO_ANSWER", "no-answer");
        SHORT_NAMES.put("FAILED", "failed");
        SHORT_NAMES.put("CANCELLED", "cancelled");
    }

    private static final int BAR = 24;
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final PrintStream err;
    private final boolean interactive;
    private final int width;
    private Duration lastPlain = Duration.ofSeconds(-100);
    private String lastStatus = "";
    private boolean drawn;

    ProgressView(PrintStream err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
        this.width = interactive ? terminalWidth() : Integer.MAX_VALUE;
    }

    /** The terminal's columns ({@code stty size}), or 120 when that cannot be read. */
    private static int terminalWidth() {
        try {
            Process stty = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            String[] size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .trim().split("\\s+");
            if (stty.waitFor() == 0 && size.length == 2) {
                return Math.max(40, Integer.parseInt(size[1]));
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not a Unix terminal: the default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 120;
    }

    void update(Snapshot snapshot) {
        if (interactive) {
            // One screen line, or the carriage return would redraw only the last wrapped part.
            String line = render(snapshot, true);
            if (line.length() >= width) {
                line = line.substring(0, Math.max(10, width - 4)) + "...";
            }
            err.print("\r\033[2K" + line);
            err.flush();
            drawn = true;
            return;
        }
        boolean statusChanged = !snapshot.status().equals(lastStatus);
        if (statusChanged || snapshot.elapsed().minus(lastPlain).compareTo(PLAIN_EVERY) >= 0) {
            err.println(render(snapshot, false));
            lastPlain = snapshot.elapsed();
            lastStatus = snapshot.status();
        }
    }

    /** A message between progress updates. */
    void line(String text) {
        finish();
        err.println(text);
    }

    /** Ends the redrawn line. */
    void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }

    static String render(Snapshot snapshot, boolean withBar) {
        var line = new StringBuilder();
        if (withBar) {
            int filled = (int) Math.round(Math.max(0, Math.min(100, snapshot.percent())) / 100.0 * BAR);
            line.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
        } else {
            line.append("[demo ").append(clock(snapshot.elapsed())).append("] ");
        }
        line.append(String.format("%5.1f%%  %d/%d contacts  %s", snapshot.percent(), snapshot.finished(),
                snapshot.accepted(), snapshot.status()));
        String tasks = SHORT_NAMES.entrySet().stream()
                .filter(name -> snapshot.tasks().getOrDefault(name.getKey(), 0) > 0)
                .map(name -> name.getValue() + " " + snapshot.tasks().get(name.getKey()))
                .collect(Collectors.joining(" "));
        if (!tasks.isEmpty()) {
            line.append(" | tasks: ").append(tasks);
        }
        line.append(" | calls ").append(snapshot.callsPlaced());
        String queues = snapshot.queues().stream().filter(depth -> depth.total() > 0)
                .map(depth -> depth.queue() + " " + depth.total())
                .collect(Collectors.joining(" "));
        if (!queues.isEmpty()) {
            line.append(" | queued: ").append(queues);
        }
        if (withBar) {
            line.append(" | ").append(clock(snapshot.elapsed()));
        }
        return line.toString();
    }

    static String clock(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
