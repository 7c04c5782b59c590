package dev.campaigndialer.db.migrate;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations in {@code db/migration}. An admin task (the migrate function, the
 * local stack, tests), never a function's cold start. Flyway's PostgreSQL lock is a transaction
 * advisory lock, so this also works through a transaction-pooling proxy.
 */
public final class Migrations {

    private Migrations() {
    }

    public static MigrateResult apply(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
