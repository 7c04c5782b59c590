package dev.campaigndialer.db.repository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Idempotency keys per owner. The key row is inserted first in the creating transaction: a
 * concurrent request with the same key blocks on the unique index until the first commits, then
 * finds the stored response.
 */
@RegisterConstructorMapper(IdempotencyRepository.StoredResponse.class)
public interface IdempotencyRepository {

    record StoredResponse(String requestHash, Integer status, String body) {
    }

    @SqlUpdate("INSERT INTO idempotency_keys (owner_id, idempotency_key, request_hash, created_at) "
            + "VALUES (:owner, :key, :hash, :now) ON CONFLICT (owner_id, idempotency_key) DO NOTHING")
    int claim(@Bind("owner") String owner, @Bind("key") String key, @Bind("hash") String hash, @Bind("now") Instant now);

    @SqlQuery("SELECT request_hash, response_status AS status, response_body AS body FROM idempotency_keys "
            + "WHERE owner_id = :owner AND idempotency_key = :key")
    Optional<StoredResponse> find(@Bind("owner") String owner, @Bind("key") String key);

    /** Stores the response; the record belongs to the campaign it created, and is erased with it. */
    @SqlUpdate("UPDATE idempotency_keys SET response_status = :status, response_body = :body, campaign_id = :campaign "
            + "WHERE owner_id = :owner AND idempotency_key = :key")
    int complete(@Bind("owner") String owner, @Bind("key") String key, @Bind("status") int status,
            @Bind("body") String body, @Bind("campaign") UUID campaignId);
}
