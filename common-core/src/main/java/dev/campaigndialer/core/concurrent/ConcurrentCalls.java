package dev.campaigndialer.core.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one blocking remote call per item of a batch (a carrier request, an SQS send) at the same
 * time, so a batch of ten costs about its slowest call instead of the sum of ten. Each item gets its
 * own result or failure; one failing call does not affect the others. The threads are daemons from
 * a cached pool: created on first use, reused, gone when idle. Thread-safe.
 */
public final class ConcurrentCalls {

    /** One item's call: its value, or the exception it threw. */
    public record Result<R>(R value, RuntimeException error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final ExecutorService executor;

    public ConcurrentCalls(String name) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Calls {@code call} for every item concurrently and waits for all; results are in the items' order. */
    public <T, R> List<Result<R>> map(List<T> items, Function<T, R> call) {
        if (items.size() == 1) {
            return List.of(invoke(call, items.get(0)));
        }
        List<CompletableFuture<Result<R>>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(CompletableFuture.supplyAsync(() -> invoke(call, item), executor));
        }
        List<Result<R>> results = new ArrayList<>();
        for (CompletableFuture<Result<R>> future : futures) {
            try {
                results.add(future.join());
            } catch (CompletionException e) {
                // invoke() catches RuntimeExceptions; only an Error reaches here.
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        return results;
    }

    private static <T, R> Result<R> invoke(Function<T, R> call, T item) {
        try {
            return new Result<>(call.apply(item), null);
        } catch (RuntimeException e) {
            return new Result<>(null, e);
        }
    }
}
