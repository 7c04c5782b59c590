package dev.campaigndialer.testkit;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.migrate.ApplicationRole;
import dev.campaigndialer.db.migrate.Migrations;
import dev.campaigndialer.localaws.PgBouncer;
import dev.campaigndialer.localaws.PostgresServer;
import dev.campaigndialer.localaws.SecretsManagerEndpoint;
import dev.campaigndialer.localaws.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, migrated database that functions reach exactly as in AWS: through the local RDS Proxy
 * (PgBouncer, transaction pooling, TLS verify-full) as the application role (DML only, owns
 * nothing), with its credentials from the Secrets Manager endpoint. The admin owns the tables and
 * runs the migrations, over a direct connection. One per test class.
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

    /** Shared server and proxy, a new database, migrated directly by its admin (as the migrate task would). */
    public static ProxiedDatabase create(String prefix) {
        return create(prefix, PostgresServer.shared(), PgBouncer.shared());
    }

    /**
     * A new database on the given server behind the given proxy (which must front that server):
     * for tests that stop and restart them, so the JVM-shared ones other tests use stay up.
     */
    public static ProxiedDatabase create(String prefix, PostgresServer server, PgBouncer proxy) {
        TestDatabase database = server.createDatabase(prefix);
        Migrations.apply(direct(database), new ApplicationRole(database.applicationUser(), database.applicationPassword()));
        proxy.allow(database);
        SecretsManagerEndpoint secrets = SecretsManagerEndpoint.shared();
        String secretName = "rds-" + database.name();
        String arn = secrets.putDatabaseSecret(secretName, database.applicationUser(), database.applicationPassword());
        return new ProxiedDatabase(database, server, proxy, secrets, secretName, arn);
    }

    /** The environment a deployed function would have (plus the local endpoints). */
    public Env env() {
        Map<String, String> env = new HashMap<>();
        env.put("RDS_PROXY_ENDPOINT", "localhost");
        env.put("DATABASE_PORT", Integer.toString(proxy.port()));
        env.put("DATABASE_NAME", database.name());
        env.put("RDS_SECRET_ARN", secretArn);
        env.put("DB_SSL_ROOT_CERT", proxy.caCertificate().toString());
        env.put("SECRETS_MANAGER_ENDPOINT", secrets.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        return Env.of(env);
    }

    /** A common-db Database through the proxy, as a function container builds it. */
    public Database open() {
        return Database.fromEnvironment(env());
    }

    /** Direct to PostgreSQL as the admin, for arranging and asserting (never for code under test). */
    public DataSource direct() {
        return direct(database);
    }

    /** Direct to PostgreSQL as the application role, with its current password. */
    public DataSource directAsApplication() {
        return dataSource(database, database.applicationUser(), password);
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
