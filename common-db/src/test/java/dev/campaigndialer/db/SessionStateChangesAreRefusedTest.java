package dev.campaigndialer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.testkit.ProxiedDatabase;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import org.junit.jupiter.api.Test;

/** Changing session state would pin an RDS Proxy session, so the connection refuses it. */
class SessionStateChangesAreRefusedTest {

    @Test
    void isolationIsAnsweredLocallyAndCannotBeChangedForTheSession() throws Exception {
        try (Database database = Database.fromEnvironment(Env.of(ProxiedDatabase.create("session").env()));
                Connection connection = database.openConnection()) {
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            assertThatThrownBy(() -> connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("pin");
            // Per-transaction isolation is the supported way, and it works through the proxy.
            connection.setAutoCommit(false);
            connection.createStatement().execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            try (var result = connection.createStatement().executeQuery("SHOW transaction_isolation")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo("serializable");
            }
            connection.commit();
            connection.setAutoCommit(true);
        }
    }
}
