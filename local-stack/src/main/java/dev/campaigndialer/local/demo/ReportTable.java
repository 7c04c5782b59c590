package dev.campaigndialer.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report JSON of API.md as a table a person reads in a terminal. */
public final class ReportTable {

    private ReportTable() {
    }

    public static String render(JsonNode report, String campaignName) {
        List<String> lines = new ArrayList<>();
        lines.add("Report: " + campaignName + "  [" + report.path("status").asText() + "]");
        lines.add("Campaign " + report.path("campaignId").asText() + ", generated " + report.path("generatedAt").asText());
        lines.add("");
        JsonNode contacts = report.path("contacts");
        lines.add(String.format(Locale.ROOT, "  %-12s %9s %9s %9s %9s %10s", "Contacts", "received", "accepted",
                "invalid", "duplicate", "suppressed"));
        lines.add(String.format(Locale.ROOT, "  %-12s %9d %9d %9d %9d %10d", "", contacts.path("received").asInt(),
                contacts.path("accepted").asInt(), contacts.path("invalid").asInt(), contacts.path("duplicate").asInt(),
                contacts.path("suppressed").asInt()));
        lines.add("");
        int accepted = Math.max(1, contacts.path("accepted").asInt());
        lines.add(String.format(Locale.ROOT, "  %-12s %9s %9s", "Outcome", "contacts", "share"));
        List<String> order = new ArrayList<>(ExpectedReport.OUTCOME_KEYS);
        report.path("outcomes").fieldNames().forEachRemaining(key -> {
            if (!order.contains(key)) {
                order.add(key);
            }
        });
        for (String outcome : order) {
            JsonNode count = report.path("outcomes").path(outcome);
            if (count.isMissingNode() || (count.asInt() == 0 && !ExpectedReport.OUTCOME_KEYS.contains(outcome))) {
                continue;
            }
            lines.add(String.format(Locale.ROOT, "  %-12s %9d %8.1f%%", outcome, count.asInt(),
                    100.0 * count.asInt() / accepted));
        }
        lines.add("");
        JsonNode attempts = report.path("attempts");
        var byNumber = new StringBuilder();
        attempts.path("byNumber").fields().forEachRemaining(entry -> byNumber.append(String.format(Locale.ROOT,
                "   attempt %s: %d", entry.getKey(), entry.getValue().asInt())));
        lines.add(String.format(Locale.ROOT, "  %-12s %9d%s", "Calls placed", attempts.path("total").asInt(), byNumber));
        lines.add(String.format(Locale.ROOT, "  %-12s %9s", "Answer rate", report.path("answerRate").asText()));
        JsonNode talk = report.path("talkSeconds");
        lines.add(String.format(Locale.ROOT, "  %-12s %9s s   mean %s s   p50 %s s   p90 %s s", "Talk time",
                talk.path("total").asText(), talk.path("mean").asText(), talk.path("p50").asText(),
                talk.path("p90").asText()));
        lines.add(String.format(Locale.ROOT, "  %-12s first %s   last %s", "Calls", report.path("firstCallAt").asText("-"),
                report.path("lastCallAt").asText("-")));
        return String.join(System.lineSeparator(), lines);
    }
}
