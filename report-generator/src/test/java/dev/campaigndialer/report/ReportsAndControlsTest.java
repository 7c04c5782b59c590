package dev.campaigndialer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.api.HttpRequest;
import dev.campaigndialer.core.api.HttpResponse;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.db.repository.DncRepository;
import dev.campaigndialer.status.Pipeline;
import dev.campaigndialer.validate.campaign.CampaignControls;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Reports equal an independent computation; pause, resume and cancel keep every count exact. */
class ReportsAndControlsTest {

    /** Ten numbers per last digit in five US zones, plus bad entries of every kind. */
    private static List<String> mixedContacts() {
        String[] areas = {"212", "312", "303", "415", "808"};
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            phones.add("+1" + areas[i % 5] + "555" + String.format("%03d", i / 10) + (i % 10));
        }
        phones.add("12");                     // invalid
        phones.add("not a number");           // invalid
        phones.add(phones.get(3));            // duplicate
        phones.add(phones.get(14));           // duplicate
        return phones;
    }

    private static String body(List<String> phones, int maxConcurrentCalls) {
        var contacts = new StringBuilder();
        for (String phone : phones) {
            contacts.append(contacts.isEmpty() ? "" : ",").append("{\"phone\":").append(Json.write(phone))
                    .append(",\"name\":\"Name, ").append(phone.length()).append("\"}");
        }
        return "{\"name\":\"report\",\"callerId\":\"+14155550100\",\"retry\":{\"maxAttempts\":3,\"backoffSeconds\":0},"
                + "\"maxConcurrentCalls\":" + maxConcurrentCalls + ",\"contacts\":[" + contacts + "]}";
    }

    @Test
    void reportEqualsTheIndependentComputationAndTheCsvAgrees() throws Exception {
        try (var pipeline = new Pipeline(new SimulatedCarrier())) {
            List<String> phones = mixedContacts();
            // Two numbers on the owner's DNC list before submission: suppressed, not dialled.
            List<String> dnc = List.of(phones.get(20), phones.get(31));
            pipeline.database.jdbi().useExtension(DncRepository.class, repo -> repo.add("rita", dnc, Instant.now()));
            UUID id = pipeline.submit("rita", body(phones, 20));

            pipeline.runUntilCompleted(List.of(id), Duration.ofSeconds(120));
            var service = new ReportService(pipeline.database.jdbi(), pipeline.clock);
            CampaignReport stored = service.save(id).report();
            CampaignReport again = service.save(id).report();

            // Independent computation from the carrier table (maxAttempts 3, retry on BUSY/NO_ANSWER/FAILED).
            int answered = 0, voicemail = 0, noAnswer = 0, failed = 0, calls = 0;
            int[] byAttempt = new int[4];
            List<Integer> talk = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                if (dnc.contains(phones.get(i))) {
                    continue;
                }
                int digit = i % 10;
                int attempts = switch (digit) { case 6 -> 2; case 7, 8 -> 3; default -> 1; };
                for (int a = 1; a <= attempts; a++) {
                    byAttempt[a]++;
                }
                calls += attempts;
                switch (digit) {
                    case 0, 1, 2, 3, 4 -> { answered++; talk.add((digit + 1) * 10); }
                    case 5 -> voicemail++;
                    case 6 -> { answered++; talk.add(60); }
                    case 7 -> noAnswer++;
                    default -> failed++;
                }
            }
            talk.sort(Integer::compare);
            int p50 = talk.get((int) Math.ceil(0.5 * talk.size()) - 1);
            int p90 = talk.get((int) Math.ceil(0.9 * talk.size()) - 1);
            long talkTotal = talk.stream().mapToLong(Integer::longValue).sum();

            assertThat(stored.status()).isEqualTo("COMPLETED");
            assertThat(stored.partial()).isFalse();
            assertThat(stored.contacts().received()).isEqualTo(104);
            assertThat(stored.contacts().invalid()).isEqualTo(2);
            assertThat(stored.contacts().duplicate()).isEqualTo(2);
            assertThat(stored.contacts().suppressed()).isEqualTo(2);
            assertThat(stored.contacts().accepted()).isEqualTo(98);
            assertThat(stored.outcomes()).containsEntry("ANSWERED", answered).containsEntry("VOICEMAIL", voicemail)
                    .containsEntry("BUSY", 0).containsEntry("NO_ANSWER", noAnswer).containsEntry("FAILED", failed)
                    .containsEntry("CANCELLED", 0);
            assertThat(stored.outcomes().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(98);
            assertThat(stored.attempts().total()).isEqualTo(calls).isEqualTo(pipeline.carrier.placedCalls());
            assertThat(stored.attempts().byNumber()).isEqualTo(Map.of("1", byAttempt[1], "2", byAttempt[2], "3", byAttempt[3]));
            assertThat(stored.answerRate()).isEqualTo(Math.round(answered * 1000.0 / 98) / 1000.0);
            assertThat(stored.talkSeconds()).isEqualTo(new CampaignReport.TalkSeconds(talkTotal,
                    Math.round(talkTotal * 10.0 / talk.size()) / 10.0, p50, p90));
            assertThat(stored.firstCallAt()).isNotNull().isBeforeOrEqualTo(stored.lastCallAt());
            assertThat(again).usingRecursiveComparison().ignoringFields("generatedAt").isEqualTo(stored);

            var text = new StringWriter();
            new ReportCsv(pipeline.database.jdbi()).write(id, text);
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(new StringReader(text.toString())).getRecords();
            assertThat(text.toString()).startsWith(ReportCsv.HEADER + "\r\n");
            assertThat(rows).hasSize(100);
            assertThat(rows.stream().filter(row -> row.get("status").equals("SUPPRESSED")).count()).isEqualTo(2);
            assertThat(rows.stream().filter(row -> row.get("outcome").equals("ANSWERED")).count()).isEqualTo(answered);
            assertThat(rows.stream().mapToInt(row -> Integer.parseInt(row.get("attempts"))).sum()).isEqualTo(calls);
            assertThat(rows.get(0).get("name")).isEqualTo("Name, 12");
        }
    }

    @Test
    void pausedCampaignStartsNoCallAndResumeFinishesWithExactlyTheExpectedCalls() throws Exception {
        try (var pipeline = new Pipeline(new SimulatedCarrier(20, 0)).workers(QueueTopology.DIAL, 4)) {
            List<String> phones = mixedContacts().subList(0, 100);
            UUID id = pipeline.submit("paula", body(phones, 4));
            CampaignControls controls = controls(pipeline);

            try (var running = pipeline.start()) {
                running.await(() -> pipeline.carrier.placedCalls() >= 15, Duration.ofSeconds(60));
                assertThat(controls.pause("paula", id).status()).isEqualTo("PAUSED");
                Instant pausedAt = pipeline.clock.instant();
                Thread.sleep(2_000);
                List<Integer> startedWhilePaused = pipeline.query("SELECT count(*)::int FROM dial_tasks WHERE campaign_id = '"
                        + id + "' AND dial_started_at > '" + pausedAt + "'", Integer.class);
                assertThat(startedWhilePaused).containsExactly(0);
                assertThat(pipeline.status(id)).isEqualTo(CampaignStatus.PAUSED);

                assertThat(controls.resume("paula", id).status()).isIn("RUNNING", "DISPATCHING", "COMPLETED");
                running.await(() -> pipeline.status(id) == CampaignStatus.COMPLETED, Duration.ofSeconds(120));
            }
            // Same digits as the report test without DNC entries: 10 numbers per digit.
            int expectedCalls = 10 * (1 + 1 + 1 + 1 + 1 + 1 + 2 + 3 + 3 + 1);
            assertThat(pipeline.carrier.placedCalls()).isEqualTo(expectedCalls);
        }
    }

    @Test
    void cancelledCampaignCountsAddUpAndControlsAnswerConflicts() throws Exception {
        try (var pipeline = new Pipeline(new SimulatedCarrier(20, 0)).workers(QueueTopology.DIAL, 2)) {
            UUID id = pipeline.submit("carl", body(mixedContacts().subList(0, 100), 2));
            CampaignControls controls = controls(pipeline);
            var service = new ReportService(pipeline.database.jdbi(), pipeline.clock);

            try (var running = pipeline.start()) {
                running.await(() -> pipeline.carrier.placedCalls() >= 10, Duration.ofSeconds(60));
                assertThat(controls.cancel("carl", id).status()).isEqualTo("CANCELLED");
                running.await(() -> service.forOwner("carl", id).map(report -> !report.partial()).orElse(false),
                        Duration.ofSeconds(60));
            }
            CampaignReport report = service.forOwner("carl", id).orElseThrow();
            int cancelled = report.outcomes().get("CANCELLED");
            int dialledContacts = report.outcomes().values().stream().mapToInt(Integer::intValue).sum() - cancelled;
            assertThat(cancelled).isPositive();
            assertThat(dialledContacts + cancelled).isEqualTo(report.contacts().accepted()).isEqualTo(100);
            assertThat(report.status()).isEqualTo("CANCELLED");
            assertThat(status(() -> controls.pause("carl", id))).isEqualTo(409);
            assertThat(status(() -> controls.resume("carl", id))).isEqualTo(409);
            assertThat(status(() -> controls.cancel("carl", id))).isEqualTo(409);
        }
    }

    @Test
    void anotherOwnerGets404OnTheReportAndEveryControl() throws Exception {
        try (var pipeline = new Pipeline(new SimulatedCarrier())) {
            UUID id = pipeline.submit("olga", body(List.of("+12125550100"), 1));
            CampaignControls controls = controls(pipeline);
            var api = new ContractCheckedReportApi(pipeline.database.jdbi(), pipeline.clock);

            HttpResponse foreign = api.handle(new HttpRequest("GET", "/campaigns/" + id + "/report", Map.of(), null,
                    Optional.of("mallory")));
            HttpResponse own = api.handle(new HttpRequest("GET", "/campaigns/" + id + "/report", Map.of(), null,
                    Optional.of("olga")));
            HttpResponse csv = api.handle(new HttpRequest("GET", "/campaigns/" + id + "/report",
                    Map.of("Accept", "text/csv"), null, Optional.of("olga")));

            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.headers()).containsEntry("Content-Type", "application/problem+json");
            assertThat(own.status()).isEqualTo(200);
            assertThat(Json.read(own.body(), Map.class)).containsEntry("status", "ACCEPTED").containsEntry("partial", true);
            assertThat(csv.body()).startsWith(ReportCsv.HEADER);
            assertThat(api.handle(new HttpRequest("GET", "/campaigns/x/report", Map.of(), null, Optional.of("olga")))
                    .status()).isEqualTo(404);
            assertThat(api.handle(new HttpRequest("GET", "/campaigns/" + id + "/report", Map.of(), null,
                    Optional.empty())).status()).isEqualTo(401);
            assertThat(status(() -> controls.pause("mallory", id))).isEqualTo(404);
            assertThat(status(() -> controls.resume("mallory", id))).isEqualTo(404);
            assertThat(status(() -> controls.cancel("mallory", id))).isEqualTo(404);
            assertThat(pipeline.status(id)).isEqualTo(CampaignStatus.ACCEPTED);
        }
    }

    private static CampaignControls controls(Pipeline pipeline) {
        var relay = new OutboxRelay(pipeline.database.jdbi(), pipeline.publisher,
                pipeline.queuesOf(FunctionCatalog.VALIDATE_CAMPAIGN), pipeline.clock);
        return new CampaignControls(pipeline.database.jdbi(), relay,
                new CampaignCompletion(pipeline.database.jdbi(), relay, pipeline.clock), pipeline.clock);
    }

    private static int status(Runnable control) {
        try {
            control.run();
            return 200;
        } catch (dev.campaigndialer.core.api.ApiException e) {
            return e.status();
        }
    }
}
