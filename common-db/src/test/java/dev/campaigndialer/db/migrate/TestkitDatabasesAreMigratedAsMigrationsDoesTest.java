package dev.campaigndialer.db.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.testkit.ProxiedDatabase;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * testkit's ProxiedDatabase cannot call {@link Migrations} (testkit sits below common-db), so it
 * repeats its Flyway run and password step: a database it made is one {@link Migrations#apply} finds
 * nothing left to do on, and the functions log in to it with the role's password either way.
 */
class TestkitDatabasesAreMigratedAsMigrationsDoesTest {

    @Test
    void migrationsFindEveryVersionAppliedAndThePasswordStillWorks() {
        ProxiedDatabase proxied = ProxiedDatabase.create("same_migrations");

        MigrateResult again = Migrations.apply(proxied.direct(),
                new ApplicationRole(proxied.database().applicationUser(), proxied.applicationPassword()));

        assertThat(again.migrationsExecuted).isZero();
        assertThat(again.initialSchemaVersion).isNotNull();
        try (Database database = Database.fromEnvironment(Env.of(proxied.env()))) {
            String user = database.jdbi().withHandle(handle -> handle.createQuery("SELECT current_user")
                    .mapTo(String.class).one());
            assertThat(user).isEqualTo(proxied.database().applicationUser());
        }
    }
}
