package dev.campaigndialer.db.repository;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The fleet's Amazon Connect rate budget: a token bucket per Connect instance and API in table
 * {@code connect_rate_budget} (migration V8 says why). The dialer's claim takes its tokens inside
 * {@link DialTaskRepository#claim}; status-checker takes {@code DescribeContact} tokens with
 * {@link #take}. Every statement refills the bucket from the database's own clock
 * ({@code statement_timestamp()}), so containers with skewed clocks share one budget.
 */
@RegisterConstructorMapper(ConnectRateBudget.Grant.class)
public interface ConnectRateBudget {

    String START_OUTBOUND_VOICE_CONTACT = "StartOutboundVoiceContact";
    String DESCRIBE_CONTACT = "DescribeContact";

    /**
     * What a take got: {@code granted} whole tokens, {@code tokensLeft} (fractional) after it, the
     * refill {@code rate} per second, and the seconds placement stays paused (0 when not paused).
     */
    record Grant(int granted, double tokensLeft, double rate, double pausedSeconds) {

        /** Real seconds until the {@code n}-th (0-based) request past this grant has its token. */
        public double secondsUntilToken(int n) {
            return pausedSeconds + Math.max(0, n + 1 - tokensLeft) / rate;
        }
    }

    /**
     * Creates the bucket full, or brings its rate and burst to the configured ones (a new
     * deployment); the tokens it holds are kept, capped by the new burst.
     */
    @SqlUpdate("""
            INSERT INTO connect_rate_budget (instance_id, api, rate, burst, tokens, refreshed_at)
            VALUES (:instance, :api, :rate, :burst, :burst, statement_timestamp())
            ON CONFLICT (instance_id, api) DO UPDATE SET rate = EXCLUDED.rate, burst = EXCLUDED.burst,
                tokens = least(connect_rate_budget.tokens, EXCLUDED.burst)
            WHERE connect_rate_budget.rate <> EXCLUDED.rate OR connect_rate_budget.burst <> EXCLUDED.burst
            """)
    int configure(@Bind("instance") String instance, @Bind("api") String api, @Bind("rate") double rate,
            @Bind("burst") double burst);

    /** Takes up to {@code wanted} whole tokens; none while placement is paused or the bucket is missing. */
    @SqlQuery("""
            WITH bucket AS (
                SELECT instance_id, api, rate, paused_until,
                       least(burst, tokens + rate * greatest(0, extract(epoch FROM statement_timestamp() - refreshed_at)))
                           AS refilled
                FROM connect_rate_budget WHERE instance_id = :instance AND api = :api FOR UPDATE
            ), grant_ AS (
                SELECT bucket.*, CASE WHEN paused_until > statement_timestamp() THEN 0
                                      ELSE least(:wanted, floor(refilled))::int END AS granted
                FROM bucket
            ), spent AS (
                UPDATE connect_rate_budget r SET tokens = g.refilled - g.granted, refreshed_at = statement_timestamp()
                FROM grant_ g WHERE r.instance_id = g.instance_id AND r.api = g.api
            )
            SELECT granted, refilled - granted AS tokens_left, rate,
                   CAST(greatest(0, coalesce(extract(epoch FROM paused_until - statement_timestamp()), 0))
                        AS double precision) AS paused_seconds
            FROM grant_
            """)
    java.util.Optional<Grant> take(@Bind("instance") String instance, @Bind("api") String api,
            @Bind("wanted") int wanted);

    /** Stops taking tokens of this bucket for {@code seconds} (Connect said a quota is full). */
    @SqlUpdate("""
            UPDATE connect_rate_budget SET paused_until = statement_timestamp() + make_interval(secs => :seconds)
            WHERE instance_id = :instance AND api = :api
            """)
    int pause(@Bind("instance") String instance, @Bind("api") String api, @Bind("seconds") double seconds);
}
