package dev.campaigndialer.bench.proxy;

import dev.campaigndialer.localaws.CertificateAuthority;
import dev.campaigndialer.localaws.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A dedicated embedded PostgreSQL that serves TLS with a certificate for {@code localhost} from a
 * generated CA. common-db only ever connects with {@code sslmode=verify-full}, so this is what lets
 * the direct run use the very same client code (and pay the same TLS handshake) as the run through
 * the proxy: the two differ only in what is at the other end of the socket.
 *
 * <p>Always embedded, even where Docker is available: the certificate and key are files on this
 * host, which the server reads at start-up.
 *
 * @param server        the running server
 * @param caCertificate PEM of the CA that signed the server's certificate (the direct run's {@code DB_SSL_ROOT_CERT})
 */
public record TlsPostgres(PostgresServer server, Path caCertificate) implements AutoCloseable {

    public static TlsPostgres start(int maxConnections) {
        try {
            Path directory = Files.createTempDirectory("bench-pg-tls");
            var ca = CertificateAuthority.create("campaign-dialer benchmark PostgreSQL CA");
            Path caCertificate = ca.writeCertificate(directory.resolve("ca.crt"));
            Path certificate = directory.resolve("server.crt");
            Path key = directory.resolve("server.key");
            ca.issueServerCertificate(certificate, key);
            // PostgreSQL refuses a private key that group or others can read.
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            PostgresServer server = PostgresServer.startEmbedded(Map.of(
                    "max_connections", Integer.toString(maxConnections),
                    "ssl", "on",
                    "ssl_cert_file", certificate.toString(),
                    "ssl_key_file", key.toString()), null);
            return new TlsPostgres(server, caCertificate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare TLS files for PostgreSQL", e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        try (var files = Files.list(caCertificate.getParent())) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(caCertificate.getParent());
    }
}
