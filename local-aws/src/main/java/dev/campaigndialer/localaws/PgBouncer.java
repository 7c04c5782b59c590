package dev.campaigndialer.localaws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * PgBouncer as the local RDS Proxy: transaction pooling (which breaks on exactly what makes RDS
 * Proxy pin a session), TLS required with a certificate for {@code localhost} from a generated CA,
 * scram-sha-256 authentication against its own user list, and a bounded server pool.
 *
 * <p>Debian's pgbouncer refuses to run as root, so as root it is started with {@code -u nobody}
 * and every file it reads is world-readable inside a directory owned by {@code nobody}.
 */
public final class PgBouncer implements AutoCloseable {

    /**
     * Pool settings; the defaults mirror the RDS Proxy sizing in DESIGN.md.
     *
     * @param serverLoginRetrySeconds after failing to reach PostgreSQL, how long the proxy answers
     *                                new clients with an error before trying the server again
     *                                (pgbouncer's {@code server_login_retry}, default 15)
     */
    public record Settings(int defaultPoolSize, int maxClientConnections, int serverLoginRetrySeconds) {

        public Settings(int defaultPoolSize, int maxClientConnections) {
            this(defaultPoolSize, maxClientConnections, 15);
        }

        public static Settings defaults() {
            return new Settings(20, 1000);
        }

        public Settings withServerLoginRetrySeconds(int seconds) {
            return new Settings(defaultPoolSize, maxClientConnections, seconds);
        }
    }

    private static PgBouncer shared;

    private final Path executable;
    private final Path directory;
    private final PostgresServer postgres;
    private final Settings settings;
    private final int port;
    private final Path caCertificate;
    private final Map<String, String> users = new LinkedHashMap<>();
    private Process process;

    private PgBouncer(Path executable, Path directory, PostgresServer postgres, Settings settings, int port) {
        this.executable = executable;
        this.directory = directory;
        this.postgres = postgres;
        this.settings = settings;
        this.port = port;
        this.caCertificate = directory.resolve("ca.crt");
    }

    /** The JVM-wide proxy in front of {@link PostgresServer#shared()}. {@link MissingToolException} without pgbouncer. */
    public static synchronized PgBouncer shared() {
        if (shared == null) {
            shared = start(PostgresServer.shared(), Settings.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static PgBouncer start(PostgresServer postgres, Settings settings) {
        return start(executable(), postgres, settings);
    }

    /** Starts pgbouncer from a known path (the local stack checks for it itself). */
    public static PgBouncer start(Path executable, PostgresServer postgres, Settings settings) {
        PgBouncer bouncer = prepare(executable, postgres, settings);
        bouncer.start();
        return bouncer;
    }

    /** Configures a proxy on a reserved port without starting it (cold-start tests start it later). */
    public static PgBouncer prepare(Path executable, PostgresServer postgres, Settings settings) {
        try {
            Path directory = Files.createTempDirectory("pgbouncer");
            var bouncer = new PgBouncer(executable, directory, postgres, settings, FreePort.find());
            bouncer.writeConfiguration();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare pgbouncer", e);
        }
    }

    /** The pgbouncer executable; {@link MissingToolException} when it is not installed. */
    public static Path executable() {
        return Programs.require("pgbouncer",
                "install it with 'apt-get install -y pgbouncer' (it stands in for RDS Proxy)", "/usr/sbin");
    }

    public int port() {
        return port;
    }

    /** PEM of the CA that signed the proxy's certificate: the local {@code DB_SSL_ROOT_CERT}. */
    public Path caCertificate() {
        return caCertificate;
    }

    public Path logFile() {
        return directory.resolve("pgbouncer.log");
    }

    /** Lets a role log in through the proxy (the proxy authenticates clients, like RDS Proxy). */
    public synchronized void allow(String user, String password) {
        users.put(user, password);
        writeUserList();
        reload();
    }

    /**
     * Lets both of a database's roles log in, as RDS Proxy holds both secrets: the application role
     * (the functions) and the admin (the migrations).
     */
    public synchronized void allow(TestDatabase database) {
        users.put(database.user(), database.password());
        users.put(database.applicationUser(), database.applicationPassword());
        writeUserList();
        reload();
    }

    /** Starts (or restarts, after {@link #stop()}) the process on the same port. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        var command = new java.util.ArrayList<String>();
        command.add(executable.toString());
        if (runningAsRoot()) {
            command.add("-u");
            command.add("nobody");
        }
        command.add(directory.resolve("pgbouncer.ini").toString());
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start pgbouncer", e);
        }
        try {
            FreePort.awaitListening(port, Duration.ofSeconds(10), "pgbouncer");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; its log says:\n" + tail(logFile()) + tail(
                    directory.resolve("stdout.log")), e);
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the process (an outage); clients get connection errors until {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void writeConfiguration() throws IOException {
        var ca = CertificateAuthority.create("campaign-dialer local proxy CA");
        ca.writeCertificate(caCertificate);
        ca.issueServerCertificate(directory.resolve("server.crt"), directory.resolve("server.key"));
        Files.writeString(directory.resolve("pgbouncer.ini"), String.join("\n",
                "[databases]",
                "* = host=" + postgres.host() + " port=" + postgres.port(),
                "",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                // Hundreds of containers connect at once; the default backlog (128) drops SYNs.
                "listen_backlog = 4096",
                "auth_type = scram-sha-256",
                "auth_file = " + directory.resolve("userlist.txt"),
                "pool_mode = transaction",
                "default_pool_size = " + settings.defaultPoolSize(),
                "max_client_conn = " + settings.maxClientConnections(),
                "reserve_pool_size = 0",
                "server_login_retry = " + settings.serverLoginRetrySeconds(),
                // PostgreSQL JDBC sends extra_float_digits at startup; RDS Proxy tolerates it too.
                "ignore_startup_parameters = extra_float_digits",
                "client_tls_sslmode = require",
                "client_tls_cert_file = " + directory.resolve("server.crt"),
                "client_tls_key_file = " + directory.resolve("server.key"),
                "client_tls_protocols = secure",
                "server_tls_sslmode = disable",
                "server_reset_query =",
                "logfile = " + logFile(),
                "pidfile = " + directory.resolve("pgbouncer.pid"),
                ""));
        writeUserList();
        makeReadableByProxyUser();
    }

    private void writeUserList() {
        String lines = users.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\" \"" + entry.getValue() + "\"")
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.writeString(directory.resolve("userlist.txt"), lines);
            makeReadableByProxyUser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void reload() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor();
            // The reload is asynchronous; give it a moment so the next login sees the new list.
            Thread.sleep(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void makeReadableByProxyUser() throws IOException {
        if (!runningAsRoot()) {
            return;
        }
        UserPrincipal nobody = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setOwner(directory, nobody);
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.setOwner(file, nobody);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
        Files.setPosixFilePermissions(caCertificate, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String tail(Path file) {
        try {
            var lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")\n";
        }
    }
}
