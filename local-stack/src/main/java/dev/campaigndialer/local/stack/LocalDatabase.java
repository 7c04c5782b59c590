package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.db.migrate.ApplicationRole;
import dev.campaigndialer.db.migrate.Migrations;
import dev.campaigndialer.localaws.CertificateAuthority;
import dev.campaigndialer.localaws.PgBouncer;
import dev.campaigndialer.localaws.PostgresServer;
import dev.campaigndialer.localaws.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database as the functions reach it in AWS: PostgreSQL (embedded by default, or
 * {@code DATABASE_URL}) with the schema migrated directly by the admin (the owner of every table),
 * behind PgBouncer with TLS required (the local RDS Proxy). The functions connect to
 * {@code localhost} with {@code sslmode=verify-full} against the proxy's CA, as the application role
 * (DML only, owns nothing), whose password every start sets anew.
 *
 * <p>Without {@code pgbouncer} the functions connect to PostgreSQL directly; since common-db only
 * ever connects with verify-full, the embedded server then serves TLS itself with a certificate
 * for localhost from a generated CA.
 */
public final class LocalDatabase implements AutoCloseable {

    /** How the functions reach the database. */
    public record Endpoint(String host, int port, String database, String user, String password, Path caCertificate,
            boolean throughProxy, String description) {
    }

    private static final JsonLog LOG = JsonLog.forClass(LocalDatabase.class);
    static final String DATABASE = "campaigndialer";
    /** The admin: owns the database and its tables, runs the migrations. */
    static final String ROLE = "campaigndialer";
    /** The functions' role (migration V6 creates it): what the secret and the proxy hold. */
    static final String APPLICATION_ROLE = "campaigndialer_app";

    private final PostgresServer server;
    private final AutoCloseable proxy;
    private volatile Endpoint endpoint;
    private final DataSource direct;

    private LocalDatabase(PostgresServer server, AutoCloseable proxy, Endpoint endpoint, DataSource direct) {
        this.server = server;
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.direct = direct;
    }

    /**
     * @param dataDirectory PostgreSQL's data directory to keep between runs, or empty for a
     *                      temporary one removed at exit
     * @param workDirectory certificates and other per-run files
     * @param warn          where a warning for the user goes (the terminal)
     */
    public static LocalDatabase start(Optional<Path> dataDirectory, Optional<String> databaseUrl, Path workDirectory,
            Consumer<String> warn) {
        return start(dataDirectory, databaseUrl, workDirectory, warn, pgbouncer());
    }

    /** Where pgbouncer is installed, if it is. */
    public static Optional<Path> pgbouncer() {
        return Programs.find("pgbouncer", "/usr/sbin", "/usr/local/sbin", "/opt/homebrew/bin");
    }

    /** @param pgbouncer the proxy's executable; empty: no proxy, the functions connect directly over TLS */
    public static LocalDatabase start(Optional<Path> dataDirectory, Optional<String> databaseUrl, Path workDirectory,
            Consumer<String> warn, Optional<Path> pgbouncer) {
        if (pgbouncer.isEmpty()) {
            warn.accept("pgbouncer is not installed, so there is no local stand-in for RDS Proxy: the functions "
                    + "connect to PostgreSQL directly over TLS (verify-full). Install it for the real picture: "
                    + "apt-get install -y pgbouncer (or brew install pgbouncer).");
        }
        if (databaseUrl.isPresent()) {
            return external(parse(databaseUrl.get()), pgbouncer);
        }
        return embedded(dataDirectory, pgbouncer, workDirectory);
    }

    private static LocalDatabase embedded(Optional<Path> dataDirectory, Optional<Path> pgbouncer, Path work) {
        Map<String, String> settings = new HashMap<>();
        Path caFile = work.resolve("database-ca.crt");
        if (pgbouncer.isPresent()) {
            settings.put("max_connections", "300");
        } else {
            // Every container holds one connection of its own when nothing pools them.
            settings.put("max_connections", "500");
            settings.putAll(serverTls(work, caFile));
        }
        dataDirectory.ifPresent(LocalDatabase::createDirectories);
        PostgresServer server = PostgresServer.startEmbedded(settings, dataDirectory.orElse(null));
        try {
            String password = randomPassword();
            prepareRoleAndDatabase(server, password);
            DataSource direct = dataSource(server.host(), server.port(), DATABASE, ROLE, password);
            ApplicationRole application = new ApplicationRole(APPLICATION_ROLE, randomPassword());
            Migrations.apply(direct, application);
            if (pgbouncer.isPresent()) {
                PgBouncer proxy = PgBouncer.start(pgbouncer.get(), server, PgBouncer.Settings.defaults());
                proxy.allow(application.name(), application.password());
                return new LocalDatabase(server, proxy, new Endpoint("localhost", proxy.port(), DATABASE, application.name(),
                        application.password(), proxy.caCertificate(), true, "PostgreSQL 16 (embedded, port "
                                + server.port() + ") behind PgBouncer (TLS required, port " + proxy.port() + ")"),
                        direct);
            }
            return new LocalDatabase(server, null, new Endpoint("localhost", server.port(), DATABASE, application.name(),
                    application.password(), caFile, false, "PostgreSQL 16 (embedded, TLS, port " + server.port()
                            + "), no proxy"), direct);
        } catch (RuntimeException e) {
            closeQuietly(server);
            throw e;
        }
    }

    private record Url(String host, int port, String database, String user, String password) {
    }

    private static LocalDatabase external(Url url, Optional<Path> pgbouncer) {
        if (pgbouncer.isEmpty()) {
            throw new IllegalStateException("DATABASE_URL is set but pgbouncer is not installed: the functions only "
                    + "connect with TLS verify-full, which needs the local proxy's certificate in front of an external "
                    + "server. Install pgbouncer, or unset DATABASE_URL to use the embedded PostgreSQL.");
        }
        // DATABASE_URL names the admin (it must be allowed to create roles, as the RDS master user is);
        // the functions' role is named after the database, since roles are shared by a whole server.
        DataSource direct = dataSource(url.host(), url.port(), url.database(), url.user(), url.password());
        ApplicationRole application = new ApplicationRole(applicationRoleFor(url.database()), randomPassword());
        Migrations.apply(direct, application);
        ExternalDatabaseProxy proxy = ExternalDatabaseProxy.start(pgbouncer.get(), url.host(), url.port(),
                application.name(), application.password());
        return new LocalDatabase(null, proxy, new Endpoint("localhost", proxy.port(), url.database(), application.name(),
                application.password(), proxy.caCertificate(), true, "PostgreSQL at " + url.host() + ":" + url.port()
                        + "/" + url.database() + " (DATABASE_URL) behind PgBouncer (TLS required, port " + proxy.port()
                        + ")"),
                direct);
    }

    /** {@code <database>_app}, as a PostgreSQL identifier of at most 63 characters. */
    static String applicationRoleFor(String database) {
        String base = database.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (!base.matches("[a-z_].*")) {
            base = "_" + base;
        }
        return (base.length() > 59 ? base.substring(0, 59) : base) + "_app";
    }

    /** ssl=on with a server certificate for localhost/127.0.0.1 from a fresh CA written to {@code caFile}. */
    private static Map<String, String> serverTls(Path work, Path caFile) {
        CertificateAuthority ca = CertificateAuthority.create("campaign-dialer local database CA");
        ca.writeCertificate(caFile);
        Path cert = work.resolve("database-server.crt");
        Path key = work.resolve("database-server.key");
        ca.issueServerCertificate(cert, key);
        try {
            // PostgreSQL refuses a private key that others can read.
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot restrict the database key's permissions", "error", String.valueOf(e));
        }
        return Map.of("ssl", "on", "ssl_cert_file", cert.toAbsolutePath().toString(),
                "ssl_key_file", key.toAbsolutePath().toString());
    }

    /**
     * The admin role and the database; on a kept data directory they exist and the admin gets a new
     * password. The admin may create roles (as the RDS master user may): V6 creates the functions' role.
     */
    private static void prepareRoleAndDatabase(PostgresServer server, String password) {
        try (Connection admin = server.admin("postgres")) {
            boolean roleExists = exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", ROLE);
            String verb = roleExists ? "ALTER" : "CREATE";
            admin.createStatement().execute(verb + " ROLE " + ROLE + " LOGIN CREATEROLE PASSWORD '" + password + "'");
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                admin.createStatement().execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the " + DATABASE + " database: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, value);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /**
     * {@code postgresql://user:password@host:port/database} (also {@code postgres://}) or
     * {@code jdbc:postgresql://host:port/database?user=...&password=...}.
     */
    static Url parse(String databaseUrl) {
        String text = databaseUrl.startsWith("jdbc:") ? databaseUrl.substring(5) : databaseUrl;
        URI uri = URI.create(text);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must look like postgresql://user:password@host:5432/database");
        }
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
            }
        }
        String user = query.get("user");
        String password = query.get("password");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : password;
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? null : uri.getPath().substring(1);
        if (uri.getHost() == null || user == null || password == null || database == null) {
            throw new IllegalArgumentException("DATABASE_URL needs a host, a user, a password and a database name, "
                    + "e.g. postgresql://user:password@host:5432/database");
        }
        return new Url(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static DataSource dataSource(String host, int port, String database, String user, String password) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {host});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "local-" + HexFormat.of().formatHex(bytes);
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Direct to PostgreSQL as the admin: for reading progress, never for the functions. */
    public DataSource direct() {
        return direct;
    }

    /** Stops the proxy (a fault test's outage): the functions' connections fail until {@link #startProxy}. */
    public void stopProxy() {
        pgbouncer("stopped").stop();
    }

    /** Starts a {@linkplain #stopProxy stopped} proxy again on the same port. */
    public void startProxy() {
        pgbouncer("started").start();
    }

    /**
     * Stops PostgreSQL itself (a fault test's outage), keeping its port and data: only an embedded
     * server with a kept data directory ({@code --data-dir}) can; see {@link #restartServer}.
     */
    public void stopServer() {
        embeddedServer().stop();
    }

    public void restartServer() {
        embeddedServer().restart();
    }

    /**
     * Changes the functions' password in PostgreSQL and in the proxy's user list (the secret is the
     * stack's: {@code LocalStack.rotateDatabasePassword}). Open connections keep working.
     */
    public void rotatePassword(String newPassword) {
        Endpoint current = endpoint;
        try (Connection admin = direct.getConnection()) {
            admin.createStatement().execute("ALTER ROLE " + current.user() + " PASSWORD '" + newPassword + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the password of " + current.user() + ": " + e.getMessage(), e);
        }
        if (proxy instanceof PgBouncer pgbouncer) {
            pgbouncer.allow(current.user(), newPassword);
        }
        endpoint = new Endpoint(current.host(), current.port(), current.database(), current.user(), newPassword,
                current.caCertificate(), current.throughProxy(), current.description());
    }

    private PgBouncer pgbouncer(String verb) {
        if (proxy instanceof PgBouncer pgbouncer) {
            return pgbouncer;
        }
        throw new UnsupportedOperationException("only the embedded server's PgBouncer can be " + verb + " here");
    }

    private PostgresServer embeddedServer() {
        if (server == null) {
            throw new UnsupportedOperationException("DATABASE_URL's server is not this stack's to stop");
        }
        return server;
    }

    @Override
    public void close() {
        if (proxy != null) {
            try {
                proxy.close();
            } catch (Exception e) {
                LOG.warn("pgbouncer did not stop cleanly", "error", String.valueOf(e));
            }
        }
        if (server != null) {
            closeQuietly(server);
        }
    }

    private static void closeQuietly(PostgresServer server) {
        try {
            server.close();
        } catch (Exception e) {
            LOG.warn("PostgreSQL did not stop cleanly", "error", String.valueOf(e));
        }
    }
}
