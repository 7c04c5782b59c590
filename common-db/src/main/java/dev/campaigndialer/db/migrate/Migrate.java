package dev.campaigndialer.db.migrate;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.log.JsonLog;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Command-line migration: {@code java -jar common-db/target/migrate.jar}, configured like the
 * migration function ({@code RDS_PROXY_ENDPOINT}, {@code DATABASE_NAME}, {@code RDS_SECRET_ARN} with
 * the admin's credentials, {@code APPLICATION_SECRET_ARN} with the application role's,
 * {@code DB_SSL_ROOT_CERT}). {@code MIGRATE_DATABASE_HOST} may name the direct writer endpoint
 * instead of the proxy; TLS is verify-full either way.
 */
public final class Migrate {

    private static final JsonLog LOG = JsonLog.forClass(Migrate.class);

    private Migrate() {
    }

    public static void main(String[] args) {
        MigrationRun run;
        try {
            run = MigrationRun.fromEnvironment(Env.system());
        } catch (ConfigurationException e) {
            // A missing or wrong setting is the operator's to fix: say which, without a stack trace.
            System.err.println("migrate: " + e.getMessage());
            System.exit(2);
            return;
        }
        MigrateResult result = run.run();
        LOG.info("migrations applied", "executed", result.migrationsExecuted, "targetVersion", result.targetSchemaVersion);
    }
}
