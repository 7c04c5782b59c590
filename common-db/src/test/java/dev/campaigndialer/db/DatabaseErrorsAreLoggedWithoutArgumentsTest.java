package dev.campaigndialer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.testkit.ProxiedDatabaseExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A failed statement's exception carries the statement's bound arguments (Jdbi's statement
 * context) and the server's detail (PostgreSQL's "Key (...)=(...)", "Failing row contains"):
 * owner ids, names, attributes. Logged, it keeps the SQLState and a short message, and none of those.
 */
@ExtendWith(ProxiedDatabaseExtension.class)
class DatabaseErrorsAreLoggedWithoutArgumentsTest {

    private static final JsonLog LOG = JsonLog.forClass(DatabaseErrorsAreLoggedWithoutArgumentsTest.class);
    private static final String OWNER = "owner-ada-lovelace";
    private static final String NAME = "Ada's secret campaign";
    private static Database database;

    @BeforeAll
    static void open(ProxiedDatabase proxied) {
        database = Database.fromEnvironment(Env.of(proxied.env()));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aUniqueViolationIsLoggedBySqlStateWithoutTheRowOrTheArguments() throws Exception {
        UUID id = UUID.randomUUID();
        database.jdbi().useHandle(handle -> insertCampaign(handle, id, NAME));

        String line = loggedFailure(handle -> insertCampaign(handle, id, NAME));

        assertThat(line).contains("23505").doesNotContain(NAME, OWNER, id.toString(), "Key (", "arguments");
    }

    @Test
    void aNulInABoundTextIsLoggedBySqlStateWithoutTheArguments() throws Exception {
        String line = loggedFailure(handle -> insertCampaign(handle, UUID.randomUUID(), NAME + "\u0000"));

        assertThat(line).contains("22021").doesNotContain("Ada", OWNER, "arguments", "positional", "named");
    }

    private static String loggedFailure(Consumer<Handle> statement) throws Exception {
        var captured = new ByteArrayOutputStream();
        JsonLog.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> database.jdbi().useHandle(statement::accept)).satisfies(error ->
                    LOG.error("statement failed", error));
        } finally {
            JsonLog.redirect(System.out);
        }
        String line = captured.toString(StandardCharsets.UTF_8).strip();
        assertThat(Json.mapper().readTree(line).get("level").asText()).isEqualTo("ERROR");
        return line;
    }

    private static void insertCampaign(Handle handle, UUID id, String name) {
        Instant now = Instant.now();
        handle.createUpdate("""
                INSERT INTO campaigns (id, owner_id, name, caller_id, default_region, timezone, window_start, window_end,
                                       max_attempts, backoff_seconds, retry_on, max_concurrent_calls, status,
                                       contacts_received, contacts_accepted, contacts_invalid, contacts_duplicate,
                                       contacts_suppressed, created_at, updated_at)
                VALUES (:id, :owner, :name, '+14155550100', 'US', 'America/New_York', '09:00', '20:00', 3, 900,
                        ARRAY['BUSY'], 10, 'ACCEPTED', 1, 1, 0, 0, 0, :now, :now)
                """).bind("id", id).bind("owner", OWNER).bind("name", name).bind("now", now).execute();
    }
}
