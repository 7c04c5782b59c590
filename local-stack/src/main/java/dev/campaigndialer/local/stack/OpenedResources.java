package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.log.JsonLog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the stack has started, closed in the reverse order: a component is closed before those it
 * was started on (the pollers before the functions, the functions before the database, the log
 * redirection last). A resource that hangs on close is given up on after a while, so the rest
 * still stops.
 */
final class OpenedResources implements AutoCloseable {

    private static final JsonLog LOG = JsonLog.forClass(OpenedResources.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Takes ownership: {@link #close()} closes it. */
    <T extends AutoCloseable> T own(T resource) {
        synchronized (opened) {
            opened.push(resource);
        }
        return resource;
    }

    @Override
    public void close() {
        while (true) {
            AutoCloseable resource;
            synchronized (opened) {
                if (opened.isEmpty()) {
                    return;
                }
                resource = opened.pop();
            }
            closeWithin(resource, CLOSE_TIMEOUT);
        }
    }

    private static void closeWithin(AutoCloseable resource, Duration timeout) {
        Thread closer = new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("a local resource did not stop cleanly", "error", String.valueOf(e));
            }
        }, "local-stack-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("a local resource did not stop in time; leaving it", "resource", String.valueOf(resource),
                    "seconds", timeout.toSeconds());
        }
    }
}
