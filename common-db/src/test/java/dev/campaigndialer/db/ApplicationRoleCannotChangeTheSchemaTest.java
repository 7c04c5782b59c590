package dev.campaigndialer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.testkit.ProxiedDatabaseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Least privilege in the database: the functions' role, logged in exactly as a function logs in
 * (through the proxy, with the application secret), reads and writes rows and can do nothing else:
 * no DROP, CREATE, ALTER or TRUNCATE, no temporary tables, schemas or roles, no look at Flyway's
 * history, and it owns no table. PostgreSQL answers 42501 (insufficient_privilege) each time.
 */
@ExtendWith(ProxiedDatabaseExtension.class)
class ApplicationRoleCannotChangeTheSchemaTest {

    private static Database functions;

    @BeforeAll
    static void createDatabase(ProxiedDatabase proxied) {
        functions = Database.fromEnvironment(Env.of(proxied.env()));
    }

    @AfterAll
    static void close() {
        functions.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "DROP TABLE campaigns",
        "CREATE TABLE intruder (id int)",
        "ALTER TABLE campaigns ADD COLUMN intruder text",
        "TRUNCATE dnc_numbers",
        "CREATE INDEX intruder ON dnc_numbers (added_at)",
        "CREATE TEMPORARY TABLE intruder (id int)",
        "CREATE SCHEMA intruder",
        "CREATE ROLE intruder",
        "SELECT count(*) FROM flyway_schema_history"})
    void theFunctionsRoleIsRefused(String statement) throws SQLException {
        try (Connection connection = functions.openConnection(); Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.execute(statement))
                    .isInstanceOf(SQLException.class)
                    .satisfies(error -> assertThat(((SQLException) error).getSQLState())
                            .as("SQLSTATE of %s: %s", statement, error.getMessage()).isEqualTo("42501"));
        }
    }

    @Test
    void theFunctionsRoleReadsAndWritesRows() throws SQLException {
        try (Connection connection = functions.openConnection(); Statement sql = connection.createStatement()) {
            assertThat(sql.executeUpdate("INSERT INTO dnc_numbers (owner_id, phone_e164, added_at) "
                    + "VALUES ('least', '+14155550100', now())")).isEqualTo(1);
            assertThat(sql.executeUpdate("UPDATE dnc_numbers SET added_at = now() WHERE owner_id = 'least'")).isEqualTo(1);
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM dnc_numbers WHERE owner_id = 'least'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
            assertThat(sql.executeUpdate("DELETE FROM dnc_numbers WHERE owner_id = 'least'")).isEqualTo(1);
        }
    }

    @Test
    void theFunctionsRoleOwnsNothingAndHoldsNoAdminAttribute(ProxiedDatabase proxied) throws SQLException {
        String role = proxied.database().applicationUser();
        try (Connection connection = proxied.direct().getConnection(); Statement sql = connection.createStatement()) {
            try (ResultSet owned = sql.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                    + "WHERE r.rolname = '" + role + "'")) {
                owned.next();
                assertThat(owned.getInt(1)).as("relations owned by %s", role).isZero();
            }
            try (ResultSet attributes = sql.executeQuery("SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, "
                    + "rolbypassrls FROM pg_roles WHERE rolname = '" + role + "'")) {
                assertThat(attributes.next()).as("role %s exists", role).isTrue();
                for (int column = 1; column <= 5; column++) {
                    assertThat(attributes.getBoolean(column)).as(attributes.getMetaData().getColumnName(column)).isFalse();
                }
            }
        }
    }
}
