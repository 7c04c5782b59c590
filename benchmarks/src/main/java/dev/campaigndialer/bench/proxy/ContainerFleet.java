package dev.campaigndialer.bench.proxy;

import dev.campaigndialer.db.Database;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;

/**
 * Many simulated function containers released at once on one route, the way a campaign's burst
 * of SQS messages scales Lambda out. Each container is a platform thread with its own common-db
 * Database; they are built before the start signal (a container's init phase is not what is
 * measured), then all start together.
 */
public final class ContainerFleet {

    private final TlsPostgres postgres;
    private final int containers;
    private final int transactionsEach;

    public ContainerFleet(TlsPostgres postgres, int containers, int transactionsEach) {
        this.postgres = postgres;
        this.containers = containers;
        this.transactionsEach = transactionsEach;
    }

    public FleetResult run(Route route) throws InterruptedException, SQLException {
        var go = new CountDownLatch(1);
        var finished = new CountDownLatch(containers);
        var release = new CountDownLatch(1);
        List<SimulatedContainer> fleet = new ArrayList<>();
        for (int i = 0; i < containers; i++) {
            fleet.add(new SimulatedContainer(Database.fromEnvironment(route.env()), transactionsEach, go, finished,
                    release));
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < containers; i++) {
            Thread thread = new Thread(fleet.get(i), route.name() + "-container-" + i);
            thread.start();
            threads.add(thread);
        }

        int peak;
        Duration wall;
        try (var sampler = BackendSampler.start(postgres.server(), route.database().name())) {
            long start = System.nanoTime();
            go.countDown();
            finished.await();
            wall = Duration.ofNanos(System.nanoTime() - start);
            peak = sampler.peak();
        } finally {
            release.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
        }

        Map<String, Integer> errors = new HashMap<>();
        fleet.forEach(container -> container.errors().forEach((cause, count) -> errors.merge(cause, count, Integer::sum)));
        long[] latencies = fleet.stream().flatMapToLong(container -> LongStream.of(container.latenciesNanos())).toArray();
        long[] first = fleet.stream().mapToLong(SimulatedContainer::firstCommitNanos).filter(nanos -> nanos >= 0)
                .toArray();
        return FleetResult.of(route.name(), containers, transactionsEach, latencies, first, errors, peak, wall);
    }

    /**
     * Waits until the connections this fleet closed have left the server, so that the next run
     * starts with every slot it is entitled to.
     */
    public void awaitServerConnectionsReleased(Route route) throws SQLException {
        BackendSampler.awaitAtMost(postgres.server(), route.database().name(), route.keptServerConnections(),
                Duration.ofSeconds(30));
    }
}
