package dev.campaigndialer.bench.proxy;

import dev.campaigndialer.localaws.PgBouncer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Puts the server processes (PostgreSQL, PgBouncer) ahead of the simulated containers for CPU.
 *
 * <p>Why: in AWS the database and RDS Proxy run on their own machines. Here 500 container threads
 * share two cores with them, and the kernel's fair scheduler gives a single-threaded PgBouncer
 * about 1/500 of the CPU while every container is doing its TLS handshake at once: the proxy
 * would be measured starving, not multiplexing. Both servers get the same boost, so the two runs
 * stay comparable. Needs root (this machine runs as root); without it the runs go on unchanged
 * and the console says so.
 */
public final class ServerPriority {

    private static final int NICENESS = -10;

    private ServerPriority() {
    }

    /**
     * Raises PostgreSQL's postmaster (the backends it forks from now on inherit the priority) and
     * PgBouncer. False when either could not be raised.
     */
    public static boolean raise(TlsPostgres postgres, PgBouncer proxy) {
        boolean postgresRaised = raise("PostgreSQL", postgres.server().dataDirectory().resolve("postmaster.pid"));
        // PgBouncer writes its pidfile next to its log (local-aws's configuration).
        boolean proxyRaised = raise("PgBouncer", proxy.logFile().resolveSibling("pgbouncer.pid"));
        return postgresRaised && proxyRaised;
    }

    /** Raises the priority of the process whose PID is the first line of {@code pidFile}. */
    private static boolean raise(String what, Path pidFile) {
        try {
            String pid = Files.readAllLines(pidFile).get(0).trim();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(NICENESS), "-p", pid)
                    .redirectErrorStream(true).start();
            String output = new String(renice.getInputStream().readAllBytes()).trim();
            if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                System.out.printf("note: could not raise %s's CPU priority (%s); it competes with the containers%n",
                        what, output);
                return false;
            }
            return true;
        } catch (IOException | IndexOutOfBoundsException e) {
            System.out.printf("note: could not raise %s's CPU priority (%s)%n", what, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
