package dev.campaigndialer.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.DataRetention;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.testkit.ProxiedDatabase;
import dev.campaigndialer.localaws.ElasticMq;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Retention through the minute sweep, as deployed (DATA_RETENTION_DAYS 90): over 10,000 campaigns
 * finished 100 days ago (30,000 contacts, 30,000 tasks, their reports, idempotency records and sent
 * messages) plus idempotency keys two days old and messages sent two days ago, next to live data
 * (campaigns finished 10 days ago, paused ones, an hour-old key and message), repeated sweeps
 * bring contacts, dial tasks, idempotency keys and the outbox back to exactly their live rows (the
 * 10-day-old campaigns' keys and sent messages expire as well, their contacts stay); the
 * old campaigns stay as ERASED rows with their reports. Each sweep logs its run time.
 */
class RetentionBringsTablesBackToTheirLiveSizeTest {

    private static final List<String> TABLES = List.of("contacts", "dial_tasks", "idempotency_keys", "outbox");

    @Test
    void sweepsEraseEveryExpiredRowAndNoLiveOne() throws Exception {
        var captured = new ByteArrayOutputStream();
        JsonLog.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (var swept = new SweptDatabase(); Connection admin = swept.proxied.direct().getConnection()) {
            Instant now = swept.clock.instant();
            // Live: kept by retention.
            finishedCampaigns(admin, "live", 20, 50, now.minus(Duration.ofDays(10)));
            runningCampaigns(admin, 5, 40, now.minus(Duration.ofHours(1)));
            looseRows(admin, "live", 300, now.minus(Duration.ofHours(1)));
            Map<String, Long> live = counts(admin);
            // Of the live campaigns finished 10 days ago, the keys (24 h) and sent messages (a day) expire too.
            live.put("idempotency_keys", live.get("idempotency_keys") - 20);
            live.put("outbox", live.get("outbox") - 20 * 3);
            // Expired: 10,000 campaigns finished 100 days ago, keys and sent messages two days old.
            finishedCampaigns(admin, "old", 10_000, 3, now.minus(Duration.ofDays(100)));
            looseRows(admin, "old", 5_000, now.minus(Duration.ofDays(2)));
            Map<String, Long> grown = counts(admin);

            List<Map<String, Integer>> sweeps = new ArrayList<>();
            long started = System.nanoTime();
            Map<String, Integer> last;
            do {
                last = swept.sweep.sweep();
                sweeps.add(last);
            } while ((last.get("campaignsErased") > 0 || last.get("idempotencyRecordsDeleted") > 0
                    || last.get("outboxRowsDeleted") > 0) && sweeps.size() < 20);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            Map<String, Long> after = counts(admin);

            assertThat(grown.get("contacts")).isEqualTo(live.get("contacts") + 30_000);
            assertThat(grown.get("dial_tasks")).isEqualTo(live.get("dial_tasks") + 30_000);
            assertThat(after).as("rows after retention, by table, against the live rows").isEqualTo(live);
            assertThat(sweeps.stream().mapToInt(sweep -> sweep.get("campaignsErased")).sum()).isEqualTo(10_000);
            assertThat(count(admin, "SELECT count(*) FROM campaigns WHERE status = 'ERASED' AND owner_id = 'old'"))
                    .isEqualTo(10_000);
            assertThat(count(admin, "SELECT count(*) FROM reports r JOIN campaigns c ON c.id = r.campaign_id "
                    + "WHERE c.owner_id = 'old'")).as("reports of erased campaigns stay").isEqualTo(10_000);
            assertThat(count(admin, "SELECT count(*) FROM campaigns WHERE status = 'ERASED' AND owner_id <> 'old'")).isZero();

            List<JsonNode> logged = new ArrayList<>();
            for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.contains("\"retention\"") || line.contains("\"sweep\"")) {
                    logged.add(Json.mapper().readTree(line));
                }
            }
            assertThat(logged).as("sweep and retention log lines").isNotEmpty()
                    .allMatch(line -> line.has("runMs") && line.get("runMs").asLong() >= 0);
            JsonLog.redirect(System.out);
            // The figures for the README (not assertions: figures belong to benchmarks/, these only inform).
            System.out.printf("retention: %,d rows removed (contacts/tasks 30,000 each, 10,000 campaigns) in %d sweeps, %,d ms;"
                    + " retention lines: %s%n", totalRemoved(grown, after), sweeps.size(), tookMs,
                    logged.stream().filter(line -> line.has("statements")).map(line -> line.get("runMs").asText() + " ms/"
                            + line.get("statements").asText() + " statements").toList());
        } finally {
            JsonLog.redirect(System.out);
        }
    }

    private static long totalRemoved(Map<String, Long> grown, Map<String, Long> after) {
        return TABLES.stream().mapToLong(table -> grown.get(table) - after.get(table)).sum();
    }

    /** {@code n} finished campaigns of {@code owner} with {@code contacts} contacts each, one task per contact, and their rows. */
    private static void finishedCampaigns(Connection admin, String owner, int n, int contacts, Instant finished)
            throws Exception {
        execute(admin, """
                INSERT INTO campaigns (id, owner_id, name, caller_id, default_region, timezone, window_start, window_end,
                    max_attempts, backoff_seconds, retry_on, max_concurrent_calls, status, contacts_received,
                    contacts_accepted, contacts_invalid, contacts_duplicate, contacts_suppressed, created_at, updated_at,
                    completed_at)
                SELECT gen_random_uuid(), ?, 'campaign ' || g, '+14155550100', 'US', 'America/New_York', '09:00', '20:00',
                    3, 0, ARRAY['BUSY'], 10, CASE WHEN g % 10 = 0 THEN 'CANCELLED' ELSE 'COMPLETED' END, ?, ?, 0, 0, 0,
                    ?, ?, ?
                FROM generate_series(1, ?) g
                """, owner, contacts, contacts, finished, finished, finished, n);
        rowsOf(admin, owner, contacts, finished, "ANSWERED");
        execute(admin, """
                INSERT INTO reports (campaign_id, generated_at, body)
                SELECT id, ?, CAST('{"status": "COMPLETED", "partial": false}' AS jsonb) FROM campaigns WHERE owner_id = ?
                """, finished, owner);
        execute(admin, """
                INSERT INTO idempotency_keys (owner_id, idempotency_key, request_hash, response_status, response_body,
                    created_at, campaign_id)
                SELECT owner_id, 'key-' || id, 'hash', 201, '{}', created_at, id FROM campaigns WHERE owner_id = ?
                """, owner);
    }

    private static void runningCampaigns(Connection admin, int n, int contacts, Instant created) throws Exception {
        execute(admin, """
                INSERT INTO campaigns (id, owner_id, name, caller_id, default_region, timezone, window_start, window_end,
                    max_attempts, backoff_seconds, retry_on, max_concurrent_calls, status, contacts_received,
                    contacts_accepted, contacts_invalid, contacts_duplicate, contacts_suppressed, created_at, updated_at)
                SELECT gen_random_uuid(), 'running', 'running ' || g, '+14155550100', 'US', 'America/New_York', '09:00',
                    '20:00', 3, 0, ARRAY['BUSY'], 10, 'PAUSED', ?, ?, 0, 0, 0, ?, ?
                FROM generate_series(1, ?) g
                """, contacts, contacts, created, created, n);
        rowsOf(admin, "running", contacts, created, "SCHEDULED");
    }

    /** Contacts, one task each, and three sent outbox rows per campaign of {@code owner}. */
    private static void rowsOf(Connection admin, String owner, int contacts, Instant at, String taskStatus) throws Exception {
        execute(admin, """
                INSERT INTO contacts (id, campaign_id, seq, row_number, phone_e164, name, status)
                SELECT gen_random_uuid(), c.id, s, s, '+1212555' || lpad(CAST(s AS text), 4, '0'), 'Person ' || s, 'ACCEPTED'
                FROM campaigns c CROSS JOIN generate_series(1, ?) s WHERE c.owner_id = ?
                """, contacts, owner);
        execute(admin, """
                INSERT INTO dial_tasks (id, campaign_id, contact_id, attempt, status, not_before, created_at, updated_at)
                SELECT gen_random_uuid(), k.campaign_id, k.id, 1, ?, ?, ?, ? FROM contacts k
                JOIN campaigns c ON c.id = k.campaign_id WHERE c.owner_id = ?
                """, taskStatus, at.plus(Duration.ofDays(365)), at, at, owner);
        execute(admin, """
                INSERT INTO outbox (id, queue, body, created_at, sent_at)
                SELECT gen_random_uuid(), 'dial', '{"type":"dial-task","version":1,"campaignId":"' || c.id || '"}', ?, ?
                FROM campaigns c CROSS JOIN generate_series(1, 3) s WHERE c.owner_id = ?
                """, at, at, owner);
    }

    /** Idempotency keys of rejected or unfinished requests and sent messages not tied to a campaign. */
    private static void looseRows(Connection admin, String tag, int n, Instant at) throws Exception {
        execute(admin, """
                INSERT INTO idempotency_keys (owner_id, idempotency_key, request_hash, created_at)
                SELECT 'loose', ? || '-' || g, 'hash', ? FROM generate_series(1, ?) g
                """, tag, at, n);
        execute(admin, """
                INSERT INTO outbox (id, queue, body, created_at, sent_at)
                SELECT gen_random_uuid(), 'report', '{}', ?, ? FROM generate_series(1, ?) g
                """, at, at, n);
    }

    private static Map<String, Long> counts(Connection admin) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, count(admin, "SELECT count(*) FROM " + table));
        }
        return counts;
    }

    private static long count(Connection admin, String sql) throws Exception {
        try (PreparedStatement statement = admin.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection admin, String sql, Object... parameters) throws Exception {
        try (PreparedStatement statement = admin.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i] instanceof Instant instant
                        ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : parameters[i];
                statement.setObject(i + 1, value);
            }
            statement.executeUpdate();
        }
    }

    /**
     * The minute sweep as its handler builds it (90 days' retention, the sweep's queues only) over a
     * fresh database behind the proxy and real queues; only old rows seeded with SQL, no pipeline.
     */
    private static final class SweptDatabase implements AutoCloseable {
        final ProxiedDatabase proxied = ProxiedDatabase.create("retention");
        final Database database = Database.fromEnvironment(Env.of(proxied.env()));
        final ElasticMq elasticMq = ElasticMq.start();
        final SqsClient sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        /** 14:00 in New York: inside every US calling window, as the end-to-end tests' clock. */
        final Clock clock = Clocks.startingAt(Instant.parse("2026-11-23T19:00:00Z"));
        final MinuteSweep sweep;

        SweptDatabase() {
            Map<String, String> urls = new HashMap<>();
            for (QueueSettings queue : QueueTopology.all()) {
                urls.put(queue.name(), sqs.createQueue(request -> request.queueName(queue.name())).queueUrl());
            }
            QueueUrls queues = QueueUrls.forFunction(FunctionCatalog.MINUTE_SWEEP, urls);
            var publisher = new SqsPublisher(sqs);
            var relay = new OutboxRelay(database.jdbi(), publisher, queues, clock);
            sweep = new MinuteSweep(database.jdbi(), publisher, queues, relay,
                    new CampaignCompletion(database.jdbi(), relay, clock),
                    new MinuteSweep.Thresholds(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofMinutes(5)),
                    new DataRetention(database.jdbi(), DataRetention.Policy.retainingDays(
                            DataRetention.DEFAULT_RETENTION_DAYS), DataRetention.Limits.defaults(), clock), clock);
        }

        @Override
        public void close() {
            database.close();
            sqs.close();
            elasticMq.close();
        }
    }
}
