package dev.campaigndialer.db.migrate;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.db.DatabaseSettings;
import dev.campaigndialer.db.credentials.CredentialsProviders;
import dev.campaigndialer.db.internal.CredentialedDataSource;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;

/** One migration run against the configured database: shared by {@link Migrate} and {@link MigrateHandler}. */
final class MigrationRun {

    private final DatabaseSettings settings;

    private MigrationRun(DatabaseSettings settings) {
        this.settings = settings;
    }

    static MigrationRun fromEnvironment(Env env) {
        Env effective = env.optional("MIGRATE_DATABASE_HOST")
                .map(host -> env.with(Map.of("RDS_PROXY_ENDPOINT", host)))
                .orElse(env);
        return new MigrationRun(DatabaseSettings.fromEnvironment(effective));
    }

    MigrateResult run() {
        // Unpooled: Flyway may hold two connections at once, and this runs once, not per request.
        var dataSource = new CredentialedDataSource(settings.jdbcUrl(), settings.connectionProperties(),
                CredentialsProviders.forSettings(settings));
        return Migrations.apply(dataSource);
    }
}
