package dev.campaigndialer.db;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a function reaches PostgreSQL: always the RDS Proxy endpoint, always TLS verify-full.
 * There is deliberately no setting for a weaker TLS mode or a direct instance endpoint; asking for
 * one fails at start-up naming the setting.
 *
 * @param proxyEndpoint    host name of the RDS Proxy ({@code RDS_PROXY_ENDPOINT})
 * @param port             {@code DATABASE_PORT}, default 5432
 * @param databaseName     {@code DATABASE_NAME}
 * @param secretArn        {@code RDS_SECRET_ARN}: JSON with username and password
 * @param iamAuthUser      {@code DATABASE_USER} when {@code DB_IAM_AUTH=true}
 * @param sslRootCert      {@code DB_SSL_ROOT_CERT}: PEM replacing the JDK trust store
 * @param maxLifetime      {@code DB_MAX_LIFETIME_SECONDS}, below the proxy's idle client timeout
 * @param connectBudget    {@code DB_CONNECT_BUDGET_MS}: connect retries when no invocation deadline is known
 * @param region           {@code AWS_REGION}
 * @param secretsEndpoint  {@code SECRETS_MANAGER_ENDPOINT}: local stand-in only
 * @param applicationName  shown in {@code pg_stat_activity} and proxy logs
 */
public record DatabaseSettings(
        String proxyEndpoint,
        int port,
        String databaseName,
        Optional<String> secretArn,
        Optional<String> iamAuthUser,
        Optional<Path> sslRootCert,
        Duration maxLifetime,
        Duration connectBudget,
        String region,
        Optional<URI> secretsEndpoint,
        String applicationName) {

    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(25);
    public static final Duration DEFAULT_CONNECT_BUDGET = Duration.ofSeconds(10);

    public DatabaseSettings {
        if (proxyEndpoint.contains("/") || proxyEndpoint.contains("?") || proxyEndpoint.contains(":")) {
            throw new ConfigurationException("RDS_PROXY_ENDPOINT must be a bare host name (the proxy endpoint), was '"
                    + proxyEndpoint + "'; TLS and port are not configurable through it");
        }
        if (secretArn.isEmpty() && iamAuthUser.isEmpty()) {
            throw new ConfigurationException("RDS_SECRET_ARN is required (or DB_IAM_AUTH=true with DATABASE_USER)");
        }
        sslRootCert.ifPresent(path -> {
            if (!Files.isReadable(path)) {
                throw new ConfigurationException("DB_SSL_ROOT_CERT points at " + path + ", which is not a readable file");
            }
        });
        if (maxLifetime.compareTo(Duration.ofSeconds(30)) < 0) {
            throw new ConfigurationException("DB_MAX_LIFETIME_SECONDS must be at least 30");
        }
    }

    public static DatabaseSettings fromEnvironment(Env env) {
        env.optional("DB_SSLMODE").ifPresent(mode -> {
            if (!mode.equals("verify-full")) {
                throw new ConfigurationException("DB_SSLMODE=" + mode + " is not allowed: connections to the "
                        + "proxy always use TLS with sslmode=verify-full");
            }
        });
        boolean iamAuth = env.flag("DB_IAM_AUTH");
        return new DatabaseSettings(
                env.required("RDS_PROXY_ENDPOINT"),
                env.intOrDefault("DATABASE_PORT", 5432),
                env.required("DATABASE_NAME"),
                iamAuth ? Optional.empty() : Optional.of(env.required("RDS_SECRET_ARN")),
                iamAuth ? Optional.of(env.required("DATABASE_USER")) : Optional.empty(),
                env.optional("DB_SSL_ROOT_CERT").map(Path::of),
                Duration.ofSeconds(env.intOrDefault("DB_MAX_LIFETIME_SECONDS", (int) DEFAULT_MAX_LIFETIME.toSeconds())),
                Duration.ofMillis(env.intOrDefault("DB_CONNECT_BUDGET_MS", (int) DEFAULT_CONNECT_BUDGET.toMillis())),
                env.orDefault("AWS_REGION", "us-east-1"),
                env.optional("SECRETS_MANAGER_ENDPOINT").map(URI::create),
                env.orDefault("AWS_LAMBDA_FUNCTION_NAME", "campaign-dialer"));
    }

    /** The JDBC URL: verify-full, no server-side prepared statements (they pin proxy sessions). */
    public String jdbcUrl() {
        var url = new StringBuilder("jdbc:postgresql://").append(proxyEndpoint).append(':').append(port)
                .append('/').append(databaseName)
                .append("?sslmode=verify-full")
                .append("&prepareThreshold=0")
                .append("&connectTimeout=5")
                .append("&tcpKeepAlive=true")
                .append("&ApplicationName=").append(applicationName.replaceAll("[^A-Za-z0-9_.-]", "_"));
        sslRootCert.ifPresentOrElse(
                path -> url.append("&sslrootcert=").append(path),
                // RDS Proxy's ACM certificates chain to Amazon Trust Services roots, which the
                // JDK's own trust store holds; pgjdbc's default would look for ~/.postgresql/root.crt.
                () -> url.append("&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"));
        return url.toString();
    }
}
