package dev.campaigndialer.local.lambda;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Execution environments of one function, created on demand up to a maximum (the mapping's or
 * the API's concurrency): an idle one is reused, most recently used first (so warm containers stay
 * warm), a discarded one (timed out, failed init) never again. Thread-safe.
 *
 * @param <C> a container
 */
final class ContainerPool<C> {

    private final String function;
    private final int maximum;
    private final IntFunction<C> create;
    private final Object lock = new Object();
    private final Deque<C> idle = new ArrayDeque<>();
    private final List<C> alive = new ArrayList<>();
    private int started;
    private boolean closed;

    /** @param create makes container number {@code n} (1, 2, ...) */
    ContainerPool(String function, int maximum, IntFunction<C> create) {
        this.function = function;
        this.maximum = maximum;
        this.create = create;
    }

    /** Takes an idle container, or starts a new one (cold) when fewer than the maximum exist; blocks otherwise. */
    C acquire() throws InterruptedException {
        synchronized (lock) {
            while (true) {
                if (closed) {
                    throw new InterruptedException(function + " is shut down");
                }
                C warm = idle.pollFirst();
                if (warm != null) {
                    return warm;
                }
                if (alive.size() < maximum) {
                    C fresh = create.apply(++started);
                    alive.add(fresh);
                    return fresh;
                }
                lock.wait();
            }
        }
    }

    /** Returns a container after its invocation; a discarded one is not reused. */
    void release(C container) {
        synchronized (lock) {
            if (alive.contains(container) && !closed) {
                idle.addFirst(container);
            }
            lock.notifyAll();
        }
    }

    /** Never reuses this container; a new one may take its place. */
    void discard(C container) {
        synchronized (lock) {
            alive.remove(container);
            idle.remove(container);
            lock.notifyAll();
        }
    }

    int started() {
        synchronized (lock) {
            return started;
        }
    }

    /** Refuses every later {@link #acquire}; returns the containers that were alive, for stopping. */
    List<C> close() {
        synchronized (lock) {
            closed = true;
            List<C> all = new ArrayList<>(alive);
            alive.clear();
            idle.clear();
            lock.notifyAll();
            return all;
        }
    }
}
