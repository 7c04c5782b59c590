package dev.campaigndialer.core.function;

/**
 * The two database secrets. Functions read only {@link #APPLICATION}; the migration function reads
 * both: it connects as the admin and sets the application role's password from its secret.
 */
public enum DatabaseSecret {
    /** The application role's credentials: DML on the application's tables, no DDL, owns nothing. */
    APPLICATION,
    /** The master (admin) user's credentials, managed by RDS: migrations only. */
    ADMIN
}
