package dev.campaigndialer.system.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.report.CampaignReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault suite's campaign and what it must produce, computed independently of the pipeline from
 * the simulated carrier's table in API.md (maxAttempts 3, retry on BUSY, NO_ANSWER and FAILED, no
 * backoff): ten numbers per last digit in five US zones, plus two invalid entries and two duplicates.
 * Copied from ReportsAndControlsTest rather than shared, so the two stay independent. Each campaign
 * on one stack has its own exchange, so the carrier's calls to its numbers are its own.
 */
final class ExpectedOutcomes {

    static final int RECEIVED = 104;
    static final int ACCEPTED = 100;

    private final String exchange;

    /** @param exchange the numbers' three digits after the area code (e.g. "555") */
    ExpectedOutcomes(String exchange) {
        this.exchange = exchange;
    }

    /** Ten numbers per last digit in five US zones, plus bad entries of every kind. */
    List<String> mixedContacts() {
        String[] areas = {"212", "312", "303", "415", "808"};
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            phones.add("+1" + areas[i % 5] + exchange + String.format("%03d", i / 10) + (i % 10));
        }
        phones.add("12");                     // invalid
        phones.add("not a number");           // invalid
        phones.add(phones.get(3));            // duplicate
        phones.add(phones.get(14));           // duplicate
        return phones;
    }

    /** The hundred accepted numbers. */
    List<String> dialledNumbers() {
        return mixedContacts().subList(0, ACCEPTED);
    }

    String campaignBody(int maxConcurrentCalls) {
        var contacts = new StringBuilder();
        for (String phone : mixedContacts()) {
            contacts.append(contacts.isEmpty() ? "" : ",").append("{\"phone\":").append(Json.write(phone))
                    .append(",\"name\":\"Name, ").append(phone.length()).append("\"}");
        }
        return "{\"name\":\"fault\",\"callerId\":\"+14155550100\",\"retry\":{\"maxAttempts\":3,\"backoffSeconds\":0},"
                + "\"maxConcurrentCalls\":" + maxConcurrentCalls + ",\"contacts\":[" + contacts + "]}";
    }

    private static int digit(String phone) {
        return phone.charAt(phone.length() - 1) - '0';
    }

    /** Calls the carrier must see for a number. */
    static int attempts(String phone) {
        return switch (digit(phone)) {
            case 6 -> 2;
            case 7, 8 -> 3;
            default -> 1;
        };
    }

    /** The number's last task, as {@code Pipeline.finalOutcomes} shows it: "STATUS/attempt". */
    static String finalOutcome(String phone) {
        String status = switch (digit(phone)) {
            case 0, 1, 2, 3, 4, 6 -> "ANSWERED";
            case 5 -> "VOICEMAIL";
            case 7 -> "NO_ANSWER";
            default -> "FAILED";
        };
        return status + "/" + attempts(phone);
    }

    int totalCalls() {
        return dialledNumbers().stream().mapToInt(ExpectedOutcomes::attempts).sum();
    }

    /** Asserts every field of a finished campaign's report but its id and timestamps. */
    void assertReport(CampaignReport report) {
        int answered = 0;
        int voicemail = 0;
        int noAnswer = 0;
        int failed = 0;
        int[] byAttempt = new int[4];
        List<Integer> talk = new ArrayList<>();
        for (String phone : dialledNumbers()) {
            int digit = digit(phone);
            for (int a = 1; a <= attempts(phone); a++) {
                byAttempt[a]++;
            }
            switch (digit) {
                case 0, 1, 2, 3, 4 -> {
                    answered++;
                    talk.add((digit + 1) * 10);
                }
                case 5 -> voicemail++;
                case 6 -> {
                    answered++;
                    talk.add(60);
                }
                case 7 -> noAnswer++;
                default -> failed++;
            }
        }
        talk.sort(Integer::compare);
        int p50 = talk.get((int) Math.ceil(0.5 * talk.size()) - 1);
        int p90 = talk.get((int) Math.ceil(0.9 * talk.size()) - 1);
        long talkTotal = talk.stream().mapToLong(Integer::longValue).sum();
        Map<String, Integer> byNumber = new LinkedHashMap<>();
        for (int a = 1; a <= 3; a++) {
            byNumber.put(Integer.toString(a), byAttempt[a]);
        }

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.partial()).isFalse();
        assertThat(report.contacts().received()).isEqualTo(RECEIVED);
        assertThat(report.contacts().invalid()).isEqualTo(2);
        assertThat(report.contacts().duplicate()).isEqualTo(2);
        assertThat(report.contacts().suppressed()).isZero();
        assertThat(report.contacts().accepted()).isEqualTo(ACCEPTED);
        assertThat(report.outcomes()).containsEntry("ANSWERED", answered).containsEntry("VOICEMAIL", voicemail)
                .containsEntry("BUSY", 0).containsEntry("NO_ANSWER", noAnswer).containsEntry("FAILED", failed)
                .containsEntry("CANCELLED", 0);
        assertThat(report.outcomes().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ACCEPTED);
        assertThat(report.attempts().total()).isEqualTo(totalCalls());
        assertThat(report.attempts().byNumber()).isEqualTo(byNumber);
        assertThat(report.answerRate()).isEqualTo(Math.round(answered * 1000.0 / ACCEPTED) / 1000.0);
        assertThat(report.talkSeconds()).isEqualTo(new CampaignReport.TalkSeconds(talkTotal,
                Math.round(talkTotal * 10.0 / talk.size()) / 10.0, p50, p90));
        assertThat(report.firstCallAt()).isNotNull().isBeforeOrEqualTo(report.lastCallAt());
    }

    /** Calls beyond the expected ones, summed over numbers (a number dialled twice counts once per extra call). */
    int extraCalls(SimulatedCarrier carrier) {
        return dialledNumbers().stream().mapToInt(phone -> (int) Math.max(0, carrier.placedCallsTo(phone) - attempts(phone)))
                .sum();
    }

    /** Expected calls that never happened, summed over numbers. */
    int missingCalls(SimulatedCarrier carrier) {
        return dialledNumbers().stream().mapToInt(phone -> (int) Math.max(0, attempts(phone) - carrier.placedCallsTo(phone)))
                .sum();
    }

    /** Accepted contacts whose last task is not the outcome the carrier table gives: lost or wrong work. */
    int contactsWithoutTheirOutcome(Map<String, String> finalOutcomes) {
        return (int) dialledNumbers().stream().filter(phone -> !finalOutcome(phone).equals(finalOutcomes.get(phone)))
                .count();
    }

    /** Asserts the carrier's record: exactly the expected calls in all and for every single number. */
    void assertCarrier(SimulatedCarrier carrier) {
        assertThat(dialledNumbers().stream().mapToLong(carrier::placedCallsTo).sum()).as("calls placed")
                .isEqualTo(totalCalls());
        for (String phone : dialledNumbers()) {
            assertThat(carrier.placedCallsTo(phone)).as("calls to %s", phone).isEqualTo(attempts(phone));
        }
    }

    void assertFinalOutcomes(Map<String, String> finalOutcomes) {
        assertThat(finalOutcomes).hasSize(ACCEPTED);
        for (String phone : dialledNumbers()) {
            assertThat(finalOutcomes.get(phone)).as("final task of %s", phone).isEqualTo(finalOutcome(phone));
        }
    }
}
