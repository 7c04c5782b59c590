package dev.campaigndialer.db.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** An owner's do-not-call list, numbers in E.164. */
public interface DncRepository {

    @SqlBatch("INSERT INTO dnc_numbers (owner_id, phone_e164, added_at) VALUES (:owner, :phone, :addedAt) "
            + "ON CONFLICT (owner_id, phone_e164) DO NOTHING")
    int[] add(@Bind("owner") String owner, @Bind("phone") Collection<String> phones, @Bind("addedAt") Instant addedAt);

    @SqlQuery("SELECT phone_e164 FROM dnc_numbers WHERE owner_id = :owner ORDER BY phone_e164")
    List<String> list(@Bind("owner") String owner);

    /** The given numbers that are on the list; one array parameter, so the statement stays short however many. */
    @SqlQuery("SELECT phone_e164 FROM dnc_numbers WHERE owner_id = :owner AND phone_e164 = ANY(:phones)")
    Set<String> listedAmong(@Bind("owner") String owner, @Bind("phones") String[] phones);

    default Set<String> listed(String owner, Collection<String> phones) {
        return listedAmong(owner, phones.toArray(String[]::new));
    }

    /**
     * Which of the (owner, number) pairs are listed, as {@code owner + ' ' + number}: the DNC check of a
     * whole SQS batch, whose tasks may belong to several owners, in one round trip.
     */
    @SqlQuery("""
            SELECT d.owner_id || ' ' || d.phone_e164 FROM dnc_numbers d
            JOIN unnest(CAST(:owners AS text[]), CAST(:phones AS text[])) AS v(owner_id, phone_e164)
              ON d.owner_id = v.owner_id AND d.phone_e164 = v.phone_e164
            """)
    Set<String> listedPairs(@Bind("owners") String[] owners, @Bind("phones") String[] phones);


    @SqlUpdate("DELETE FROM dnc_numbers WHERE owner_id = :owner AND phone_e164 = :phone")
    int remove(@Bind("owner") String owner, @Bind("phone") String phone);
}
