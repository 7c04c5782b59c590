package dev.campaigndialer.db;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.PGProperty;

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

    // A DNS name (RDS Proxy endpoints are) or an IPv4 address: nothing that could end a host part.
    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    // A plain PostgreSQL identifier: what RDS accepts as a database name (letters, digits and
    // underscores, beginning with a letter or underscore, at most 63 characters).
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public DatabaseSettings {
        if (!HOST_NAME.matcher(proxyEndpoint).matches() || proxyEndpoint.length() > 253) {
            throw new ConfigurationException("RDS_PROXY_ENDPOINT must be a bare host name (the proxy endpoint), was '"
                    + proxyEndpoint + "'; TLS and port are not configurable through it");
        }
        if (!PLAIN_IDENTIFIER.matcher(databaseName).matches()) {
            throw new ConfigurationException("DATABASE_NAME must be a plain identifier (letters, digits and underscores, "
                    + "not starting with a digit, at most 63 characters), was '" + databaseName + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new ConfigurationException("DATABASE_PORT must be between 1 and 65535, was " + port);
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

    /**
     * The JDBC URL: the driver's prefix and an empty authority, nothing else. Host, port, database
     * and every other setting are {@link #connectionProperties()}: pgjdbc lets a URL's parts and
     * parameters override the properties it is given, so nothing taken from the environment is
     * ever spliced into the URL (a database name {@code x?sslmode=disable&a=} turned TLS off). With
     * an empty authority pgjdbc 42.7 takes host, port and database from the properties; the bare
     * {@code jdbc:postgresql:} would name the empty database, i.e. the user's.
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://";
    }

    /**
     * Every connection setting as a pgjdbc driver property: TLS verify-full against the JDK trust
     * store or {@code DB_SSL_ROOT_CERT}, no server-side prepared statements (they pin proxy
     * sessions), and server error messages without their detail (which repeats row values: personal
     * data in logs).
     */
    public Properties connectionProperties() {
        var properties = new Properties();
        PGProperty.PG_HOST.set(properties, proxyEndpoint);
        PGProperty.PG_PORT.set(properties, port);
        PGProperty.PG_DBNAME.set(properties, databaseName);
        PGProperty.SSL_MODE.set(properties, "verify-full");
        sslRootCert.ifPresentOrElse(
                path -> PGProperty.SSL_ROOT_CERT.set(properties, path.toString()),
                // RDS Proxy's ACM certificates chain to Amazon Trust Services roots, which the
                // JDK's own trust store holds; pgjdbc's default would look for ~/.postgresql/root.crt.
                () -> PGProperty.SSL_FACTORY.set(properties, "org.postgresql.ssl.DefaultJavaSSLFactory"));
        PGProperty.PREPARE_THRESHOLD.set(properties, 0);
        PGProperty.CONNECT_TIMEOUT.set(properties, 5);
        PGProperty.TCP_KEEP_ALIVE.set(properties, true);
        PGProperty.APPLICATION_NAME.set(properties, applicationName.replaceAll("[^A-Za-z0-9_.-]", "_"));
        PGProperty.LOG_SERVER_ERROR_DETAIL.set(properties, false);
        return properties;
    }
}
