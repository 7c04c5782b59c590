package dev.campaigndialer.local.stack;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A component started on another thread. Whatever it started is owned by the stack's resources
 * (so a failed start closes it too), once {@link #settle()} has waited for it.
 */
final class Background<T extends AutoCloseable> {

    private final CompletableFuture<T> started;
    private final OpenedResources resources;
    private boolean settled;

    private Background(CompletableFuture<T> started, OpenedResources resources) {
        this.started = started;
        this.resources = resources;
    }

    static <T extends AutoCloseable> Background<T> start(Supplier<T> component, OpenedResources resources) {
        ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreadFactory.named("local-stack-start"));
        try {
            return new Background<>(CompletableFuture.supplyAsync(component, thread), resources);
        } finally {
            thread.shutdown();
        }
    }

    /** The started component, or what its start threw. */
    T join() {
        settle();
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Waits for the start to end, failed or not; hands what it started to the resources, once. */
    synchronized void settle() {
        T component = started.handle((done, failure) -> done).join();
        if (component != null && !settled) {
            settled = true;
            resources.own(component);
        }
    }
}
