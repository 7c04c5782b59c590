package dev.campaigndialer.localaws;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL server: a Testcontainers container when a Docker engine is reachable,
 * otherwise embedded binaries from Maven. One shared server per test JVM ({@link #shared()}),
 * a fresh database per test class ({@link #createDatabase}). Client authentication is by
 * password (scram-sha-256) for every role except the admin, so rotation tests are real.
 */
public final class PostgresServer implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;
    private final Path dataDirectory;
    // Embedded servers only: what a restart needs to come back on the same port and data directory.
    private final Map<String, String> embeddedSettings;
    private AutoCloseable handle;
    private boolean running = true;

    private PostgresServer(String host, int port, String adminUser, String adminPassword,
            AutoCloseable handle, Path dataDirectory, Map<String, String> embeddedSettings) {
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.handle = handle;
        this.dataDirectory = dataDirectory;
        this.embeddedSettings = embeddedSettings;
    }

    /** The JVM-wide server, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start(Map.of("max_connections", "300"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::closeQuietly));
        }
        return shared;
    }

    /** A dedicated server with the given settings (e.g. {@code max_connections=87}). */
    public static PostgresServer start(Map<String, String> settings) {
        if (dockerAvailable()) {
            return startContainer(settings);
        }
        return startEmbedded(settings, null);
    }

    /**
     * An embedded server whose data survives restarts when {@code dataDirectory} is given; such a
     * server can also be {@linkplain #stop() stopped} and {@linkplain #restart() restarted} in place.
     */
    public static PostgresServer startEmbedded(Map<String, String> settings, Path dataDirectory) {
        try {
            Path directory = dataDirectory != null ? dataDirectory : Files.createTempDirectory("pg-data");
            boolean fresh = !Files.exists(directory.resolve("PG_VERSION"));
            EmbeddedPostgres postgres = embedded(settings, directory, dataDirectory == null, 0);
            var server = new PostgresServer("127.0.0.1", postgres.getPort(), "postgres", "", postgres, directory,
                    dataDirectory == null ? null : Map.copyOf(settings));
            server.requirePasswords(fresh || dataDirectory == null);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    private static EmbeddedPostgres embedded(Map<String, String> settings, Path directory, boolean clean, int port)
            throws IOException {
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(clean)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("password_encryption", "scram-sha-256");
        if (port > 0) {
            builder.setPort(port);
        }
        settings.forEach(builder::setServerConfig);
        return builder.start();
    }

    private static PostgresServer startContainer(Map<String, String> settings) {
        var container = new PostgreSQLContainer<>("postgres:16-alpine");
        var command = new java.util.ArrayList<String>();
        command.add("postgres");
        settings.forEach((key, value) -> {
            command.add("-c");
            command.add(key + "=" + value);
        });
        container.setCommand(command.toArray(String[]::new));
        container.start();
        return new PostgresServer(container.getHost(), container.getMappedPort(5432),
                container.getUsername(), container.getPassword(), container::stop, null, null);
    }

    /** False also without Testcontainers on the class path (optional here: the local stack, the benchmarks). */
    private static boolean dockerAvailable() {
        if ("false".equals(System.getenv("TESTKIT_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    // Embedded initdb trusts everyone; a proxy stand-in and rotation tests need real passwords.
    private void requirePasswords(boolean rewrite) throws IOException {
        if (!rewrite) {
            return;
        }
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all postgres ::1/128 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256",
                ""));
        try (Connection connection = admin("postgres")) {
            connection.createStatement().execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reload pg_hba.conf", e);
        }
    }

    /**
     * Creates a database owned by a new admin role with a random password, and names (but does not
     * create) the application role the functions will log in as: the migrations create it, as in
     * AWS. The owner may create roles, as the RDS master user may; it is not a superuser.
     */
    public TestDatabase createDatabase(String prefix) {
        String suffix = DATABASES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
        String name = (prefix.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_" + suffix);
        if (name.length() > 60) {
            name = name.substring(name.length() - 60).replaceFirst("^_+", "");
        }
        String user = "u_" + suffix;
        String password = "pw-" + UUID.randomUUID();
        try (Connection connection = admin("postgres")) {
            connection.createStatement().execute("CREATE ROLE " + user + " LOGIN CREATEROLE PASSWORD '" + password + "'");
            connection.createStatement().execute("CREATE DATABASE " + name + " OWNER " + user);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(host, port, name, user, password, "a_" + suffix, "app-" + UUID.randomUUID());
    }

    /** Changes a role's password, as a Secrets Manager rotation does. */
    public void changePassword(String user, String newPassword) {
        try (Connection connection = admin("postgres")) {
            connection.createStatement().execute("ALTER ROLE " + user + " PASSWORD '" + newPassword + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change password of " + user, e);
        }
    }

    /** A superuser connection for setup and assertions (never used by code under test). */
    public Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/" + database, adminUser, adminPassword);
    }

    /** Server backends currently connected to a database, as {@code pg_stat_activity} shows them. */
    public int backendCount(String database) {
        try (Connection connection = admin("postgres");
                var statement = connection.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND backend_type = 'client backend'")) {
            statement.setString(1, database);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count backends", e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Stops an embedded server that was started with its own data directory, keeping the directory
     * and the port: clients get connection errors until {@link #restart()} (an outage).
     */
    public synchronized void stop() {
        requireRestartable();
        if (!running) {
            return;
        }
        try {
            handle.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop PostgreSQL on port " + port, e);
        }
        running = false;
    }

    /** Starts a {@linkplain #stop() stopped} embedded server again on the same port and data directory. */
    public synchronized void restart() {
        requireRestartable();
        if (running) {
            return;
        }
        try {
            handle = embedded(embeddedSettings, dataDirectory, false, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart embedded PostgreSQL on port " + port, e);
        }
        running = true;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    private void requireRestartable() {
        if (embeddedSettings == null) {
            throw new UnsupportedOperationException("only an embedded server started with its own data directory "
                    + "(startEmbedded(settings, dataDirectory)) can be stopped and restarted in place");
        }
    }

    /** Stops the server for good; a restartable server keeps its data directory. */
    @Override
    public synchronized void close() throws Exception {
        running = false;
        handle.close();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }
}
