package dev.campaigndialer.local.stack;

import dev.campaigndialer.localaws.CertificateAuthority;
import dev.campaigndialer.localaws.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PgBouncer in front of a PostgreSQL this stack did not start ({@code DATABASE_URL}), configured as
 * local-aws's {@code PgBouncer} configures it in front of an embedded server (which it only does for
 * a server local-aws started): transaction pooling, TLS required with a certificate for localhost from
 * a generated CA, scram-sha-256 against its own user list, 20 server connections. As root it runs as
 * {@code nobody}, which Debian's pgbouncer requires.
 */
final class ExternalDatabaseProxy implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final Process process;

    private ExternalDatabaseProxy(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    static ExternalDatabaseProxy start(Path executable, String host, int upstreamPort, String user, String password) {
        try {
            // Its own directory under the temp root: as root, pgbouncer runs as nobody, who could not
            // reach into the stack's private work directory.
            Path directory = Files.createTempDirectory("pgbouncer");
            int port = FreePort.find();
            var ca = CertificateAuthority.create("campaign-dialer local proxy CA");
            ca.writeCertificate(directory.resolve("ca.crt"));
            ca.issueServerCertificate(directory.resolve("server.crt"), directory.resolve("server.key"));
            Files.writeString(directory.resolve("userlist.txt"), "\"" + user + "\" \"" + password + "\"\n");
            Files.writeString(directory.resolve("pgbouncer.ini"), String.join("\n",
                    "[databases]",
                    "* = host=" + host + " port=" + upstreamPort,
                    "",
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "listen_backlog = 4096",
                    "auth_type = scram-sha-256",
                    "auth_file = " + directory.resolve("userlist.txt"),
                    "pool_mode = transaction",
                    "default_pool_size = 20",
                    "max_client_conn = 1000",
                    "reserve_pool_size = 0",
                    "ignore_startup_parameters = extra_float_digits",
                    "client_tls_sslmode = require",
                    "client_tls_cert_file = " + directory.resolve("server.crt"),
                    "client_tls_key_file = " + directory.resolve("server.key"),
                    "client_tls_protocols = secure",
                    "server_tls_sslmode = prefer",
                    "server_reset_query =",
                    "logfile = " + directory.resolve("pgbouncer.log"),
                    "pidfile = " + directory.resolve("pgbouncer.pid"),
                    ""));
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            if ("root".equals(System.getProperty("user.name"))) {
                handOverTo("nobody", directory);
                command.add("-u");
                command.add("nobody");
            }
            command.add(directory.resolve("pgbouncer.ini").toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile())).start();
            var proxy = new ExternalDatabaseProxy(directory, port, process);
            try {
                FreePort.awaitListening(port, Duration.ofSeconds(10), "pgbouncer");
            } catch (IllegalStateException e) {
                proxy.close();
                throw new IllegalStateException(e.getMessage() + "; see " + directory.resolve("pgbouncer.log"), e);
            }
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start pgbouncer", e);
        }
    }

    private static void handOverTo(String user, Path directory) throws IOException {
        UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setOwner(directory, owner);
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.setOwner(file, owner);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
        Files.setPosixFilePermissions(directory.resolve("ca.crt"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    int port() {
        return port;
    }

    Path caCertificate() {
        return directory.resolve("ca.crt");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temp directory left behind
        }
    }
}
