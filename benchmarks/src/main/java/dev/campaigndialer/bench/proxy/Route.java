package dev.campaigndialer.bench.proxy;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.db.migrate.ApplicationRole;
import dev.campaigndialer.db.migrate.Migrations;
import dev.campaigndialer.localaws.PgBouncer;
import dev.campaigndialer.localaws.SecretsManagerEndpoint;
import dev.campaigndialer.localaws.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One way for the simulated containers to reach a freshly migrated database of their own: the
 * environment a deployed function would get, pointing either straight at PostgreSQL or at the
 * local RDS Proxy. Either way common-db connects with TLS verify-full and takes its credentials
 * from the Secrets Manager endpoint.
 *
 * @param name     {@code direct} or {@code via_proxy}, as in the JSON
 * @param database the database this route's containers write to (its own, so runs don't mix)
 * @param env      what {@code Database.fromEnvironment} reads
 * @param keptServerConnections server connections that legitimately stay open after a run: none
 *                 directly, up to the pool size through the proxy (PgBouncer keeps its pool warm)
 */
public record Route(String name, TestDatabase database, Env env, int keptServerConnections) {

    public static Route direct(TlsPostgres postgres, SecretsManagerEndpoint secrets, Duration connectBudget) {
        TestDatabase database = migratedDatabase(postgres, "bench_direct");
        return new Route("direct", database,
                env(database, postgres.server().port(), postgres.caCertificate(), secrets, connectBudget, "bench-direct"),
                0);
    }

    public static Route viaProxy(TlsPostgres postgres, PgBouncer proxy, int poolSize, SecretsManagerEndpoint secrets,
            Duration connectBudget) {
        TestDatabase database = migratedDatabase(postgres, "bench_via_proxy");
        proxy.allow(database.applicationUser(), scramVerifier(postgres, database.applicationUser()));
        return new Route("via_proxy", database,
                env(database, proxy.port(), proxy.caCertificate(), secrets, connectBudget, "bench-via-proxy"),
                poolSize);
    }

    /**
     * The role's SCRAM verifier as PostgreSQL stores it. Given the plaintext password, PgBouncer
     * derives the SCRAM keys (PBKDF2, 4096 iterations) again on every client login: about 4.5 ms of
     * its single thread per login here, against 1 ms with the verifier. PostgreSQL only ever holds
     * the verifier, so with it both routes pay the same server-side price for a login. PgBouncer
     * logs in to PostgreSQL with the client's SCRAM keys, which works because the verifiers match.
     */
    private static String scramVerifier(TlsPostgres postgres, String role) {
        try (Connection connection = postgres.server().admin("postgres");
                PreparedStatement query = connection.prepareStatement(
                        "SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet result = query.executeQuery()) {
                if (!result.next() || !result.getString(1).startsWith("SCRAM-SHA-256$")) {
                    throw new IllegalStateException("role " + role + " has no SCRAM verifier");
                }
                return result.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the SCRAM verifier of " + role, e);
        }
    }

    /** Rows the claim has marked sent: every committed transaction leaves exactly one. */
    public long claimedRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.directJdbcUrl(), database.user(),
                        database.password());
                ResultSet result = connection.createStatement()
                        .executeQuery("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL")) {
            result.next();
            return result.getLong(1);
        }
    }

    // Migrations are an admin task over a direct connection, as in AWS; not part of what is measured.
    private static TestDatabase migratedDatabase(TlsPostgres postgres, String prefix) {
        TestDatabase database = postgres.server().createDatabase(prefix);
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.directJdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        Migrations.apply(dataSource, new ApplicationRole(database.applicationUser(), database.applicationPassword()));
        return database;
    }

    private static Env env(TestDatabase database, int port, Path caCertificate, SecretsManagerEndpoint secrets,
            Duration connectBudget, String applicationName) {
        // The functions' role (DML only), as in AWS; the admin only migrates.
        String secretArn = secrets.putDatabaseSecret("rds-" + database.name(), database.applicationUser(),
                database.applicationPassword());
        return Env.of(Map.of(
                // The certificates are issued for localhost; verify-full checks the name.
                "RDS_PROXY_ENDPOINT", "localhost",
                "DATABASE_PORT", Integer.toString(port),
                "DATABASE_NAME", database.name(),
                "RDS_SECRET_ARN", secretArn,
                "DB_SSL_ROOT_CERT", caCertificate.toString(),
                "SECRETS_MANAGER_ENDPOINT", secrets.endpoint().toString(),
                "AWS_REGION", "us-east-1",
                "DB_CONNECT_BUDGET_MS", Long.toString(connectBudget.toMillis()),
                // Shown as application_name in pg_stat_activity (for the direct run).
                "AWS_LAMBDA_FUNCTION_NAME", applicationName));
    }
}
