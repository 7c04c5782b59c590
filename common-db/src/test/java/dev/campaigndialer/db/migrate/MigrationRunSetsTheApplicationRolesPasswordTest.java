package dev.campaigndialer.db.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.localaws.PgBouncer;
import dev.campaigndialer.testkit.RequiredTool;
import dev.campaigndialer.localaws.PostgresServer;
import dev.campaigndialer.localaws.SecretsManagerEndpoint;
import dev.campaigndialer.localaws.TestDatabase;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The migration function's path, end to end on a fresh database: it logs in through the proxy as
 * the admin (RDS_SECRET_ARN), migrates, and sets the application role's password from
 * APPLICATION_SECRET_ARN, after which the functions log in with that secret; a rotated secret takes
 * effect at the next run.
 */
class MigrationRunSetsTheApplicationRolesPasswordTest {

    @Test
    void theFunctionsLogInWithTheApplicationSecretOnceTheMigrationRan() throws SQLException {
        TestDatabase database = PostgresServer.shared().createDatabase("migrate_run");
        PgBouncer proxy = RequiredTool.require(PgBouncer::shared);
        proxy.allow(database);
        SecretsManagerEndpoint secrets = SecretsManagerEndpoint.shared();
        String admin = secrets.putDatabaseSecret("admin-" + database.name(), database.user(), database.password());
        String application = secrets.putDatabaseSecret("app-" + database.name(), database.applicationUser(),
                database.applicationPassword());
        Env migrate = env(proxy, secrets, database, admin).with(Map.of(MigrationRun.APPLICATION_SECRET_ARN, application));

        MigrateResult first = MigrationRun.fromEnvironment(migrate).run();

        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).as("V1..V6 and later").isGreaterThanOrEqualTo(5);
        try (Database functions = Database.fromEnvironment(env(proxy, secrets, database, application))) {
            String user = functions.jdbi().withHandle(handle -> handle.createQuery("SELECT current_user")
                    .mapTo(String.class).one());
            assertThat(user).isEqualTo(database.applicationUser());
        }

        String rotated = "rotated-" + java.util.UUID.randomUUID();
        secrets.putDatabaseSecret("app-" + database.name(), database.applicationUser(), rotated);
        proxy.allow(database.applicationUser(), rotated);
        MigrateResult second = MigrationRun.fromEnvironment(migrate).run();

        assertThat(second.migrationsExecuted).as("nothing left to migrate").isZero();
        try (Database functions = Database.fromEnvironment(env(proxy, secrets, database, application))) {
            int one = functions.jdbi().withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
            assertThat(one).as("the rotated password logs in").isEqualTo(1);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(database.directJdbcUrl(), database.applicationUser(),
                database.applicationPassword()).close()).as("the password before the rotation").isInstanceOf(SQLException.class);
    }

    @Test
    void withoutTheApplicationSecretTheRunRefusesToStart() {
        TestDatabase database = PostgresServer.shared().createDatabase("migrate_run_missing");
        Env env = env(RequiredTool.require(PgBouncer::shared), SecretsManagerEndpoint.shared(), database, "arn:unused");

        assertThatThrownBy(() -> MigrationRun.fromEnvironment(env))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("APPLICATION_SECRET_ARN");
    }

    private static Env env(PgBouncer proxy, SecretsManagerEndpoint secrets, TestDatabase database, String secretArn) {
        return Env.of(Map.of(
                "RDS_PROXY_ENDPOINT", "localhost",
                "DATABASE_PORT", Integer.toString(proxy.port()),
                "DATABASE_NAME", database.name(),
                "RDS_SECRET_ARN", secretArn,
                "DB_SSL_ROOT_CERT", proxy.caCertificate().toString(),
                "SECRETS_MANAGER_ENDPOINT", secrets.endpoint().toString(),
                "AWS_REGION", "us-east-1"));
    }
}
