package dev.campaigndialer.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.bench.proxy.ContainerFleet;
import dev.campaigndialer.bench.proxy.FleetResult;
import dev.campaigndialer.bench.proxy.Route;
import dev.campaigndialer.bench.proxy.ServerPriority;
import dev.campaigndialer.bench.proxy.TlsPostgres;
import dev.campaigndialer.localaws.PgBouncer;
import dev.campaigndialer.localaws.Programs;
import dev.campaigndialer.localaws.SecretsManagerEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

/**
 * {@code benchmarks/run.sh proxy}: why the functions reach PostgreSQL only through RDS Proxy.
 *
 * <p>A PostgreSQL the size of a db.t3.micro ({@code max_connections = 87}) and 500 concurrent
 * simulated function containers, each a common-db Database with its one connection, each running
 * the dialer's claim-and-update transaction 20 times: once straight to PostgreSQL, once through
 * PgBouncer (transaction pooling, pool 20, TLS verify-full), the local stand-in for RDS Proxy.
 * Both runs use TLS verify-full and Secrets Manager credentials, so they differ only in the proxy.
 * Writes {@code benchmarks/results/proxy.json}; benchmarks/README.md explains each choice that
 * shapes the figures.
 */
public final class ProxyBenchmark {

    // The figures; each can be changed for an experiment with -Dproxy.NAME=VALUE (run.sh passes JAVA_OPTS).
    private static final int CLIENTS = Integer.getInteger("proxy.clients", 500);
    /** What a db.t3.micro allows; 3 of them are reserved for superusers, so 84 for the application. */
    private static final int MAX_CONNECTIONS = Integer.getInteger("proxy.maxConnections", 87);
    /** The proxy's server pool, as DESIGN.md sizes RDS Proxy for this instance. */
    private static final int POOL_SIZE = Integer.getInteger("proxy.poolSize", 20);
    private static final int MAX_CLIENT_CONNECTIONS = 1000;
    private static final int TRANSACTIONS_EACH = Integer.getInteger("proxy.transactions", 20);
    /**
     * A short run before each measured one, so neither route pays for class loading and JIT
     * compilation (TLS, SCRAM, the SDK) in its figures.
     */
    private static final int WARM_UP_CLIENTS = Integer.getInteger("proxy.warmUpClients", 50);
    /**
     * DB_CONNECT_BUDGET_MS: how long a container keeps retrying for a connection before the
     * transaction counts as failed (in Lambda: the invocation's remaining time). It bounds the
     * direct run, where most attempts fail after waiting this long.
     */
    private static final Duration CONNECT_BUDGET = Duration.ofMillis(Integer.getInteger("proxy.connectBudgetMs", 10_000));

    /** See {@link ServerPriority}: on a small machine the containers would otherwise starve the servers. */
    private static final boolean RAISE_SERVER_PRIORITY =
            Boolean.parseBoolean(System.getProperty("proxy.raiseServerPriority", "true"));

    private ProxyBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(args, root -> BenchmarkMain.withFunctionLog(root, "proxy", functionLog -> {
            measure(root, functionLog);
            return 0;
        }));
    }

    private static void measure(Path root, Path functionLog) throws Exception {
        Path pgbouncer = Programs.find("pgbouncer", "/usr/sbin").orElseThrow(() -> new IllegalStateException(
                "pgbouncer is not installed: apt-get install -y pgbouncer (it stands in for RDS Proxy)"));
        System.out.printf("proxy: %d containers x %d claim-and-update transactions; PostgreSQL max_connections=%d; "
                        + "PgBouncer pool %d; connect budget %d ms; %d cores, Java %s%n", CLIENTS, TRANSACTIONS_EACH,
                MAX_CONNECTIONS, POOL_SIZE, CONNECT_BUDGET.toMillis(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (TlsPostgres postgres = TlsPostgres.start(MAX_CONNECTIONS);
                PgBouncer proxy = PgBouncer.start(pgbouncer, postgres.server(),
                        new PgBouncer.Settings(POOL_SIZE, MAX_CLIENT_CONNECTIONS));
                SecretsManagerEndpoint secrets = SecretsManagerEndpoint.start()) {
            boolean prioritised = RAISE_SERVER_PRIORITY && ServerPriority.raise(postgres, proxy);
            System.out.printf("servers ahead of the containers for CPU (renice -10): %s; load average before: %s%n",
                    prioritised ? "yes" : "no", loadAverage());
            Route direct = Route.direct(postgres, secrets, CONNECT_BUDGET);
            Route viaProxy = Route.viaProxy(postgres, proxy, POOL_SIZE, secrets, CONNECT_BUDGET);

            // Direct first: its leftover backends are awaited before the proxy's run, while the
            // proxy's pool, once open, would stay open and take slots from a direct run after it.
            FleetResult directResult = warmUpAndMeasure(postgres, direct);
            FleetResult proxyResult = warmUpAndMeasure(postgres, viaProxy);

            System.out.println();
            System.out.print(table(directResult, proxyResult));
            printErrorCauses(directResult);
            printErrorCauses(proxyResult);
            Path written = ResultFile.write(root, "proxy", json(directResult, proxyResult));
            System.out.println();
            System.out.println("wrote " + root.relativize(written) + "; function logs in " + root.relativize(functionLog));
        }
    }

    private static FleetResult warmUpAndMeasure(TlsPostgres postgres, Route route) throws Exception {
        System.out.printf("%s: warming up (%d containers), then %d containers...%n", route.name(), WARM_UP_CLIENTS,
                CLIENTS);
        var warmUp = new ContainerFleet(postgres, WARM_UP_CLIENTS, TRANSACTIONS_EACH);
        FleetResult warm = warmUp.run(route);
        warmUp.awaitServerConnectionsReleased(route);

        var fleet = new ContainerFleet(postgres, CLIENTS, TRANSACTIONS_EACH);
        FleetResult result = fleet.run(route);
        fleet.awaitServerConnectionsReleased(route);

        // Every committed claim left exactly one claimed row: the figures count real work.
        long rows = route.claimedRows();
        if (rows != warm.committed() + result.committed()) {
            System.out.printf("WARNING %s: %d claimed rows but %d committed transactions%n", route.name(), rows,
                    warm.committed() + result.committed());
        }
        return result;
    }

    private static String table(FleetResult... results) {
        var table = new TextTable("route", "committed", "errors", "server conns peak", "p50 ms", "p99 ms", "tx/s",
                "first tx p50 ms", "first tx max ms", "wall s");
        for (FleetResult result : results) {
            table.row(result.route(), result.committed(), result.errors(), result.serverConnectionsPeak(),
                    format(result.p50Millis()), format(result.p99Millis()), format(result.transactionsPerSecond()),
                    format(result.firstP50Millis()), format(result.firstMaxMillis()),
                    format(result.wall().toMillis() / 1000.0));
        }
        return table.render() + "(first tx: each container's first committed transaction, which opened its connection)\n";
    }

    private static void printErrorCauses(FleetResult result) {
        if (result.errors() == 0) {
            return;
        }
        System.out.printf("%n%s: failed transaction attempts by cause%n", result.route());
        result.errorCauses().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(entry -> System.out.printf("  %6d  %s%n", entry.getValue(), entry.getKey()));
    }

    /** Exactly the shape issue 8 asks for. */
    private static ObjectNode json(FleetResult direct, FleetResult viaProxy) {
        ObjectNode json = ResultFile.mapper().createObjectNode()
                .put("clients", CLIENTS)
                .put("max_connections", MAX_CONNECTIONS)
                .put("pool_size", POOL_SIZE);
        json.set("direct", json(direct));
        json.set("via_proxy", json(viaProxy));
        return json;
    }

    private static ObjectNode json(FleetResult result) {
        ObjectNode json = ResultFile.mapper().createObjectNode()
                .put("errors", result.errors())
                .put("server_connections_peak", result.serverConnectionsPeak());
        putRounded(json, "p50_ms", result.p50Millis());
        putRounded(json, "p99_ms", result.p99Millis());
        putRounded(json, "tx_per_s", result.transactionsPerSecond());
        return json;
    }

    private static void putRounded(ObjectNode json, String field, double value) {
        if (Double.isNaN(value)) {
            json.putNull(field);
        } else {
            json.put(field, Math.round(value * 10) / 10.0);
        }
    }

    /** The 1-minute load average: other work on the machine shows in the figures, so say how busy it was. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.1f", value);
    }
}
