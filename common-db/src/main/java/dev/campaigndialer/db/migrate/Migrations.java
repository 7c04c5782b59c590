package dev.campaigndialer.db.migrate;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations in {@code db/migration} as the admin (the owner of every table),
 * then sets the application role's password: an admin task (the migrate function, the local stack,
 * tests), never a function's cold start. Flyway's PostgreSQL lock is a transaction advisory lock,
 * so this also works through a transaction-pooling proxy.
 */
public final class Migrations {

    /** The Flyway placeholder migration V6 names the application role by. */
    static final String APPLICATION_ROLE_PLACEHOLDER = "application_role";

    private Migrations() {
    }

    /**
     * @param admin the owner's connections (in AWS the master user, through the proxy)
     * @param role  the role the functions log in as: created by V6 if missing, its password set here
     */
    public static MigrateResult apply(DataSource admin, ApplicationRole role) {
        MigrateResult result = Flyway.configure()
                .dataSource(admin)
                .locations("classpath:db/migration")
                .placeholders(Map.of(APPLICATION_ROLE_PLACEHOLDER, role.name()))
                .load()
                .migrate();
        role.setPassword(admin);
        return result;
    }
}
