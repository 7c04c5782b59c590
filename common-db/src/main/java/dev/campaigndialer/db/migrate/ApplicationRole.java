package dev.campaigndialer.db.migrate;

import dev.campaigndialer.core.config.ConfigurationException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The database role the functions log in as: migration V6 creates it with DML on the application's
 * tables and nothing else (no DDL, owns nothing), and every migration run sets its password from the
 * application secret, so the proxy (which logs in with that secret) and the role always agree, also
 * after the secret is rotated. {@link #toString()} never shows the password.
 *
 * @param name     a lower-case PostgreSQL identifier (it is the Flyway placeholder {@code application_role})
 * @param password what the application secret holds
 */
public record ApplicationRole(String name, String password) {

    public ApplicationRole {
        if (name == null || !name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new ConfigurationException("the application role's name must be a lower-case PostgreSQL identifier "
                    + "(letters, digits, '_'), was '" + name + "'");
        }
        if (password == null || password.isEmpty()) {
            throw new ConfigurationException("the application role " + name + " needs a password");
        }
    }

    /**
     * Sets the role's password as the admin. The driver hashes it (SCRAM-SHA-256) before sending, so
     * the password itself never appears in a statement the server could log.
     */
    void setPassword(DataSource admin) {
        try (Connection connection = admin.getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(name, password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the password of the application role " + name + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ApplicationRole[name=" + name + ", password=***]";
    }
}
