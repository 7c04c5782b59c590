package dev.campaigndialer.db.internal;

import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.db.credentials.CredentialsProvider;
import dev.campaigndialer.db.credentials.DatabaseCredentials;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.Driver;

/**
 * Opens physical connections with the current credentials. An authentication failure means the
 * secret was rotated under us: the credentials are fetched again once and the login retried, so a
 * rotation costs one retry and one log line. HikariCP calls this for each new pooled connection.
 * Thread-safe.
 */
public final class CredentialedDataSource implements DataSource {

    private static final JsonLog LOG = JsonLog.forClass(CredentialedDataSource.class);

    private final Driver driver = new Driver();
    private final String url;
    private final Properties connectionProperties;
    private final CredentialsProvider credentials;

    /**
     * @param url                  the driver's URL prefix only (see {@code DatabaseSettings.jdbcUrl})
     * @param connectionProperties every connection setting, as pgjdbc driver properties
     */
    public CredentialedDataSource(String url, Properties connectionProperties, CredentialsProvider credentials) {
        this.url = url;
        this.connectionProperties = (Properties) connectionProperties.clone();
        this.credentials = credentials;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return connect(credentials.current());
        } catch (SQLException e) {
            if (!isAuthenticationFailure(e)) {
                throw e;
            }
            LOG.warn("database login rejected; refreshing credentials once", "sqlState", e.getSQLState());
            return connect(credentials.refresh());
        }
    }

    /**
     * 28P01 invalid_password and 28000 invalid_authorization_specification from PostgreSQL and RDS
     * Proxy; PgBouncer reports a failed SCRAM exchange as protocol violation 08P01.
     */
    public static boolean isAuthenticationFailure(SQLException e) {
        String state = e.getSQLState();
        if ("28P01".equals(state) || "28000".equals(state)) {
            return true;
        }
        String message = String.valueOf(e.getMessage());
        return "08P01".equals(state) && message.contains("authentication failed");
    }

    private Connection connect(DatabaseCredentials login) throws SQLException {
        var properties = (Properties) connectionProperties.clone();
        properties.setProperty("user", login.username());
        properties.setProperty("password", login.password());
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL");
        }
        return SessionFreeConnection.wrap(connection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the configured provider");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used: logging is JSON through JsonLog
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the connectTimeout property bounds a login
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
