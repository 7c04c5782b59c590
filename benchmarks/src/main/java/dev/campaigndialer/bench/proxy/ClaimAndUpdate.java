package dev.campaigndialer.bench.proxy;

import dev.campaigndialer.db.Database;
import java.util.UUID;

/**
 * The dialer's short transaction, in the shape of its claim: insert a row, then claim it with a
 * conditional update ({@code ... WHERE sent_at IS NULL}) in the same transaction. The same two
 * statements as the multiplexing test in common-db, so the benchmark measures what that test proves.
 */
final class ClaimAndUpdate {

    private ClaimAndUpdate() {
    }

    static void run(Database database) {
        UUID id = UUID.randomUUID();
        database.jdbi().useTransaction(handle -> {
            handle.createUpdate("INSERT INTO outbox (id, queue, body, created_at) VALUES (:id, 'dial', '{}', now())")
                    .bind("id", id).execute();
            int claimed = handle.createUpdate("UPDATE outbox SET sent_at = now() WHERE id = :id AND sent_at IS NULL")
                    .bind("id", id).execute();
            if (claimed != 1) {
                throw new IllegalStateException("claim lost for " + id);
            }
        });
    }
}
