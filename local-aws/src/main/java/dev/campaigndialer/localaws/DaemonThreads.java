package dev.campaigndialer.localaws;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools for the local endpoints' HTTP servers: daemons, so a stand-in never keeps a JVM alive. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ExecutorService fixedPool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
