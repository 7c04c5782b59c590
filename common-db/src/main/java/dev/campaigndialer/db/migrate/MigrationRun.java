package dev.campaigndialer.db.migrate;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.db.DatabaseSettings;
import dev.campaigndialer.db.credentials.CredentialsProviders;
import dev.campaigndialer.db.credentials.DatabaseCredentials;
import dev.campaigndialer.db.internal.CredentialedDataSource;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * One migration run against the configured database: shared by {@link Migrate} and
 * {@link MigrateHandler}. It logs in as the admin (in AWS the master user: {@code RDS_SECRET_ARN},
 * or an IAM token for {@code DATABASE_USER}) and reads the application role's name and password
 * from {@code APPLICATION_SECRET_ARN}, the secret the functions and the proxy use.
 */
final class MigrationRun {

    static final String APPLICATION_SECRET_ARN = "APPLICATION_SECRET_ARN";

    private final DatabaseSettings settings;
    private final String applicationSecretArn;

    private MigrationRun(DatabaseSettings settings, String applicationSecretArn) {
        this.settings = settings;
        this.applicationSecretArn = applicationSecretArn;
    }

    static MigrationRun fromEnvironment(Env env) {
        Env effective = env.optional("MIGRATE_DATABASE_HOST")
                .map(host -> env.with(Map.of("RDS_PROXY_ENDPOINT", host)))
                .orElse(env);
        return new MigrationRun(DatabaseSettings.fromEnvironment(effective), env.required(APPLICATION_SECRET_ARN));
    }

    MigrateResult run() {
        DatabaseCredentials application = CredentialsProviders.fromSecret(settings, applicationSecretArn).current();
        // Unpooled: Flyway may hold two connections at once, and this runs once, not per request.
        var admin = new CredentialedDataSource(settings.jdbcUrl(), settings.connectionProperties(),
                CredentialsProviders.forSettings(settings));
        return Migrations.apply(admin, new ApplicationRole(application.username(), application.password()));
    }
}
