package dev.campaigndialer.testkit;

import dev.campaigndialer.localaws.PgBouncer;
import dev.campaigndialer.localaws.PostgresServer;
import dev.campaigndialer.localaws.SecretsManagerEndpoint;
import dev.campaigndialer.localaws.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, migrated database that functions reach exactly as in AWS: through the local RDS Proxy
 * (PgBouncer, transaction pooling, TLS verify-full) as the application role (DML only, owns
 * nothing), with its credentials from the Secrets Manager endpoint. The admin owns the tables and
 * runs the migrations, over a direct connection. One per test class (or {@link ProxiedDatabaseExtension}).
 *
 * <p>testkit sits below common-db in the reactor (common-db's own tests use this class), so it cannot
 * call common-db's {@code Migrations}: it runs what {@code Migrations.apply} runs with the same two
 * inputs, Flyway over the migrations on the test's class path (common-db's {@code db/migration},
 * there whenever a module's tests reach the database) with the {@code application_role} placeholder,
 * then sets the application role's password over JDBC. A drift between the two shows at once: V6
 * needs the placeholder, and every test through the proxy logs in with that password. For the same
 * reason {@link #env()} is a plain map, {@code Env.of(proxied.env())} in common-core's terms, and a
 * test opens common-db's {@code Database} itself: {@code Database.fromEnvironment(Env.of(proxied.env()))}.
 */
public final class ProxiedDatabase {

    private final TestDatabase database;
    private final PostgresServer server;
    private final PgBouncer proxy;
    private final SecretsManagerEndpoint secrets;
    private final String secretName;
    private final String secretArn;
    private volatile String password;

    private ProxiedDatabase(TestDatabase database, PostgresServer server, PgBouncer proxy, SecretsManagerEndpoint secrets,
            String secretName, String secretArn) {
        this.database = database;
        this.server = server;
        this.proxy = proxy;
        this.secrets = secrets;
        this.secretName = secretName;
        this.secretArn = secretArn;
        this.password = database.applicationPassword();
    }

    /**
     * Shared server and proxy, a new database, migrated directly by its admin (as the migrate task
     * would). Fails (CI) or skips (elsewhere) without pgbouncer.
     */
    public static ProxiedDatabase create(String prefix) {
        return create(prefix, PostgresServer.shared(), RequiredTool.require(PgBouncer::shared));
    }

    /**
     * A new database on the given server behind the given proxy (which must front that server):
     * for tests that stop and restart them, so the JVM-shared ones other tests use stay up.
     */
    public static ProxiedDatabase create(String prefix, PostgresServer server, PgBouncer proxy) {
        TestDatabase database = server.createDatabase(prefix);
        migrate(direct(database), database.applicationUser(), database.applicationPassword());
        proxy.allow(database);
        SecretsManagerEndpoint secrets = SecretsManagerEndpoint.shared();
        String secretName = "rds-" + database.name();
        String arn = secrets.putDatabaseSecret(secretName, database.applicationUser(), database.applicationPassword());
        return new ProxiedDatabase(database, server, proxy, secrets, secretName, arn);
    }

    /** The environment a deployed function would have (plus the local endpoints). */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("RDS_PROXY_ENDPOINT", "localhost");
        env.put("DATABASE_PORT", Integer.toString(proxy.port()));
        env.put("DATABASE_NAME", database.name());
        env.put("RDS_SECRET_ARN", secretArn);
        env.put("DB_SSL_ROOT_CERT", proxy.caCertificate().toString());
        env.put("SECRETS_MANAGER_ENDPOINT", secrets.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        return Map.copyOf(env);
    }

    /** Direct to PostgreSQL as the admin, for arranging and asserting (never for code under test). */
    public DataSource direct() {
        return direct(database);
    }

    /** Direct to PostgreSQL as the application role, with its current password. */
    public DataSource directAsApplication() {
        return dataSource(database, database.applicationUser(), password);
    }

    /** As common-db's {@code Migrations.apply}: see the class comment. */
    private static void migrate(DataSource admin, String applicationRole, String applicationPassword) {
        Flyway.configure()
                .dataSource(admin)
                .locations("classpath:db/migration")
                .placeholders(Map.of("application_role", applicationRole))
                .load()
                .migrate();
        try (Connection connection = admin.getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(applicationRole, applicationPassword.toCharArray(),
                    "scram-sha-256");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the password of " + applicationRole + ": " + e.getMessage(), e);
        }
    }

    private static DataSource direct(TestDatabase database) {
        return dataSource(database, database.user(), database.password());
    }

    private static DataSource dataSource(TestDatabase database, String user, String password) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.directJdbcUrl());
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /**
     * Rotates the application role's password everywhere a rotation would: the database, the
     * proxy's view, the secret the functions read.
     */
    public void rotatePassword(String newPassword) {
        server.changePassword(database.applicationUser(), newPassword);
        proxy.allow(database.applicationUser(), newPassword);
        secrets.putDatabaseSecret(secretName, database.applicationUser(), newPassword);
        password = newPassword;
    }

    /** The application role's current password (what the secret holds). */
    public String applicationPassword() {
        return password;
    }

    public TestDatabase database() {
        return database;
    }

    public PostgresServer server() {
        return server;
    }

    public PgBouncer proxy() {
        return proxy;
    }

    public SecretsManagerEndpoint secrets() {
        return secrets;
    }

    public String secretArn() {
        return secretArn;
    }
}
