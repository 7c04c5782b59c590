package dev.campaigndialer.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.telephony.CallOutcome;
import dev.campaigndialer.core.telephony.CallStatus;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report a finished demo campaign must produce, computed without the system: from the
 * generated contact list (what intake accepts, rejects and suppresses) and the simulated carrier's
 * table ({@link SimulatedCarrier#outcomeFor}), applying the campaign's retry rule: another attempt
 * while the outcome is in {@code retry.on}, the failure is not permanent and attempts remain.
 *
 * <p>With maxAttempts 3 and retry.on BUSY, NO_ANSWER, FAILED that gives, per last digit: 0-4
 * ANSWERED after 1 attempt; 5 VOICEMAIL, 1; 6 BUSY then ANSWERED, 2; 7 NO_ANSWER, 3; 8 FAILED
 * (CARRIER_ERROR), 3; 9 FAILED (UNALLOCATED_NUMBER, permanent), 1.
 *
 * @param contacts     received, accepted, invalid, duplicate, suppressed
 * @param outcomes     final outcome per accepted contact
 * @param attempts     calls placed, by attempt number
 * @param answerRate   ANSWERED / contacts dialled at least once, 3 decimals
 * @param talkTotal    talk seconds of the answered contacts' answered calls
 * @param talkMean     one decimal
 * @param talkP50      nearest rank
 * @param talkP90      nearest rank
 */
public record ExpectedReport(Map<String, Integer> contacts, Map<String, Integer> outcomes,
        Map<Integer, Integer> attempts, BigDecimal answerRate, long talkTotal, BigDecimal talkMean, Integer talkP50,
        Integer talkP90) {

    /** The outcome keys of API.md's report. */
    public static final List<String> OUTCOME_KEYS = List.of("ANSWERED", "VOICEMAIL", "BUSY", "NO_ANSWER", "FAILED",
            "CANCELLED");

    public static ExpectedReport of(DemoCampaign campaign) {
        return of(campaign, DemoCampaign.MAX_ATTEMPTS, Set.copyOf(DemoCampaign.RETRY_ON));
    }

    public static ExpectedReport of(DemoCampaign campaign, int maxAttempts, Set<String> retryOn) {
        Map<String, Integer> contacts = new LinkedHashMap<>();
        contacts.put("received", campaign.entries().size());
        contacts.put("accepted", campaign.entries(DemoCampaign.Kind.ACCEPTED).size());
        contacts.put("invalid", campaign.entries(DemoCampaign.Kind.INVALID_NUMBER).size()
                + campaign.entries(DemoCampaign.Kind.INVALID_TIMEZONE).size());
        contacts.put("duplicate", campaign.entries(DemoCampaign.Kind.DUPLICATE).size());
        contacts.put("suppressed", campaign.entries(DemoCampaign.Kind.SUPPRESSED).size());

        Map<String, Integer> outcomes = new LinkedHashMap<>();
        OUTCOME_KEYS.forEach(key -> outcomes.put(key, 0));
        Map<Integer, Integer> attempts = new TreeMap<>();
        List<Integer> answeredTalk = new ArrayList<>();
        int dialled = 0;
        for (DemoCampaign.Entry entry : campaign.entries(DemoCampaign.Kind.ACCEPTED)) {
            CallStatus last = null;
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                last = SimulatedCarrier.outcomeFor(entry.e164(), attempt);
                attempts.merge(attempt, 1, Integer::sum);
                boolean retry = retryOn.contains(last.outcome().name()) && !last.permanent();
                if (!retry) {
                    break;
                }
            }
            dialled++;
            outcomes.merge(last.outcome().name(), 1, Integer::sum);
            if (last.outcome() == CallOutcome.ANSWERED) {
                answeredTalk.add(last.talkSeconds());
            }
        }
        answeredTalk.sort(null);
        long total = answeredTalk.stream().mapToLong(Integer::longValue).sum();
        BigDecimal mean = answeredTalk.isEmpty() ? BigDecimal.ZERO.setScale(1)
                : BigDecimal.valueOf(total).divide(BigDecimal.valueOf(answeredTalk.size()), 1, RoundingMode.HALF_UP);
        BigDecimal answerRate = dialled == 0 ? BigDecimal.ZERO.setScale(3)
                : BigDecimal.valueOf(outcomes.get("ANSWERED")).divide(BigDecimal.valueOf(dialled), 3, RoundingMode.HALF_UP);
        return new ExpectedReport(contacts, outcomes, attempts, answerRate, total, mean,
                nearestRank(answeredTalk, 50), nearestRank(answeredTalk, 90));
    }

    /** Nearest-rank percentile of sorted values: the value at rank ceil(p/100 * n). */
    static Integer nearestRank(List<Integer> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    public int totalAttempts() {
        return attempts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** This expectation in the report JSON shape of API.md (the figures that do not depend on time). */
    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("status", "COMPLETED");
        ObjectNode contactsNode = json.putObject("contacts");
        contacts.forEach(contactsNode::put);
        ObjectNode outcomesNode = json.putObject("outcomes");
        outcomes.forEach(outcomesNode::put);
        ObjectNode attemptsNode = json.putObject("attempts");
        attemptsNode.put("total", totalAttempts());
        ObjectNode byNumber = attemptsNode.putObject("byNumber");
        attempts.forEach((number, count) -> byNumber.put(Integer.toString(number), count));
        json.put("answerRate", answerRate);
        ObjectNode talk = json.putObject("talkSeconds");
        talk.put("total", talkTotal);
        talk.put("mean", talkMean);
        if (talkP50 == null) {
            talk.putNull("p50");
            talk.putNull("p90");
        } else {
            talk.put("p50", talkP50);
            talk.put("p90", talkP90);
        }
        return json;
    }

    /** What differs between this expectation and a report (empty: it matches), one line per figure. */
    public List<String> differences(JsonNode report) {
        List<String> differences = new ArrayList<>();
        compareText(differences, "status", "COMPLETED", report.path("status"));
        contacts.forEach((key, value) -> compareNumber(differences, "contacts." + key, value, report.path("contacts").path(key)));
        OUTCOME_KEYS.forEach(key -> compareNumber(differences, "outcomes." + key, outcomes.get(key),
                report.path("outcomes").path(key)));
        report.path("outcomes").fieldNames().forEachRemaining(key -> {
            if (!OUTCOME_KEYS.contains(key) && report.path("outcomes").path(key).asInt() != 0) {
                differences.add("outcomes." + key + ": expected none, was " + report.path("outcomes").path(key));
            }
        });
        compareNumber(differences, "attempts.total", totalAttempts(), report.path("attempts").path("total"));
        Map<String, Integer> byNumber = new TreeMap<>();
        attempts.forEach((number, count) -> byNumber.put(Integer.toString(number), count));
        report.path("attempts").path("byNumber").fieldNames().forEachRemaining(key -> byNumber.putIfAbsent(key, 0));
        byNumber.forEach((key, value) -> compareNumber(differences, "attempts.byNumber." + key, value,
                report.path("attempts").path("byNumber").path(key)));
        compareNumber(differences, "answerRate", answerRate, report.path("answerRate"));
        compareNumber(differences, "talkSeconds.total", talkTotal, report.path("talkSeconds").path("total"));
        compareNumber(differences, "talkSeconds.mean", talkMean, report.path("talkSeconds").path("mean"));
        compareNumber(differences, "talkSeconds.p50", talkP50, report.path("talkSeconds").path("p50"));
        compareNumber(differences, "talkSeconds.p90", talkP90, report.path("talkSeconds").path("p90"));
        return differences;
    }

    private static void compareText(List<String> differences, String field, String expected, JsonNode actual) {
        if (!actual.isTextual() || !actual.asText().equals(expected)) {
            differences.add(field + ": expected " + expected + ", was " + describe(actual));
        }
    }

    private static void compareNumber(List<String> differences, String field, Object expected, JsonNode actual) {
        boolean matches;
        if (expected == null) {
            matches = actual.isMissingNode() || actual.isNull() || (actual.isNumber() && actual.asDouble() == 0);
        } else if (!actual.isNumber()) {
            matches = false;
        } else {
            matches = new BigDecimal(expected.toString()).compareTo(actual.decimalValue()) == 0;
        }
        if (!matches) {
            differences.add(field + ": expected " + expected + ", was " + describe(actual));
        }
    }

    private static String describe(JsonNode node) {
        return node.isMissingNode() ? "missing" : node.toString();
    }
}
