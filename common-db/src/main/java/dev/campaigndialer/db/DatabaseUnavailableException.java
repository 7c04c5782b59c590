package dev.campaigndialer.db;

import java.sql.SQLException;

/**
 * The database could not be reached within the connect budget. The message goes back to its
 * queue and is tried again later; nothing was changed.
 */
public final class DatabaseUnavailableException extends SQLException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, "08001", cause);
    }
}
