package dev.campaigndialer.report.html;

import dev.campaigndialer.db.repository.ReportRepository.CallsInBucket;
import dev.campaigndialer.db.repository.ReportRepository.FailureReason;
import dev.campaigndialer.db.repository.ReportRepository.TalkTime;
import dev.campaigndialer.report.CampaignReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as a self-contained HTML page: the figures of the JSON report (each marked with
 * {@code data-figure="<its path in the JSON report>"}, so a test can hold the page to the JSON)
 * and inline SVG charts. Nothing is loaded from anywhere: the style sheet is inline and the
 * page's Content-Security-Policy ({@link #CONTENT_SECURITY_POLICY}) forbids every other source.
 * One column on a phone, two on a wide screen; printable. Thread-safe (stateless).
 */
public final class ReportPage {

    /** Only the inline style sheet: no script, no font, no image, no request of any kind. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
            + "form-action 'none'";

    /** What the page shows: the report and the series its charts draw. */
    public record Input(CampaignReport report, String campaignName, CallsOverTime calls, List<TalkTime> talkTimes,
            List<FailureReason> failureReasons) {
    }

    /** Calls placed and answered per bucket of {@code bucketSeconds}, bucket 0 starting at {@code from}. */
    public record CallsOverTime(Instant from, long bucketSeconds, List<CallsInBucket> buckets) {
    }

    static final Map<String, String> OUTCOME_COLOURS = Map.of(
            "ANSWERED", "#1a7f37", "VOICEMAIL", "#0969da", "BUSY", "#bf8700", "NO_ANSWER", "#6e7781",
            "FAILED", "#cf222e", "CANCELLED", "#8250df", "SUPPRESSED", "#424a53");
    private static final String PLACED = "#9ec5fe";
    private static final String ANSWERED = "#1a7f37";
    private static final String STYLE = loadStyle();

    public String render(Input input) {
        CampaignReport report = input.report();
        var html = new Html();
        html.trusted("<!DOCTYPE html>");
        html.open("html", "lang", "en");
        html.open("head");
        html.empty("meta", "charset", "utf-8");
        html.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        html.empty("meta", "http-equiv", "Content-Security-Policy", "content", CONTENT_SECURITY_POLICY);
        html.element("title", "Report: " + input.campaignName());
        html.open("style").trusted(STYLE).close("style");
        html.close("head");
        html.open("body");
        html.open("main");
        header(html, input);
        summary(html, report);
        outcomes(html, report);
        attempts(html, report);
        callsOverTime(html, input.calls());
        talkTime(html, report, input.talkTimes());
        rejections(html, report, input.failureReasons());
        html.open("footer").text("Campaign " + report.campaignId() + ". Generated " + Format.instant(report.generatedAt())
                + " by the campaign dialer. The same figures are served as JSON (Accept: application/json) and, one row per "
                + "contact, as CSV (Accept: text/csv).").close("footer");
        html.close("main");
        html.close("body");
        html.close("html");
        return html.toString();
    }

    private static void header(Html html, Input input) {
        CampaignReport report = input.report();
        html.open("header");
        html.element("p", "Campaign report", "class", "eyebrow");
        html.element("h1", input.campaignName());
        html.open("p", "class", "meta");
        html.element("span", report.status(), "class", "status status-" + report.status().toLowerCase(Locale.ROOT),
                "data-figure", "status");
        html.text(" · generated " + Format.instant(report.generatedAt()));
        if (report.firstCallAt() != null && report.lastCallAt() != null) {
            html.text(" · calls from " + Format.instant(report.firstCallAt()) + " to " + Format.instant(report.lastCallAt())
                    + " (" + Format.duration(Duration.between(report.firstCallAt(), report.lastCallAt())) + ")");
        }
        html.close("p");
        if (report.partial()) {
            html.element("p", "This campaign is still running: the figures are those of "
                    + Format.instant(report.generatedAt()) + " and will change.", "class", "notice", "role", "status");
        }
        html.close("header");
    }

    private static void summary(Html html, CampaignReport report) {
        html.open("section", "class", "card wide", "aria-labelledby", "summary-heading");
        html.element("h2", "At a glance", "id", "summary-heading");
        html.open("dl", "class", "tiles");
        tile(html, "Contacts accepted", Format.integer(report.contacts().accepted()), "contacts.accepted",
                "of " + Format.integer(report.contacts().received()) + " received");
        tile(html, "Calls placed", Format.integer(report.attempts().total()), "attempts.total",
                report.attempts().byNumber().size() + (report.attempts().byNumber().size() == 1 ? " attempt" : " attempts")
                        + " per contact at most");
        tile(html, "Answer rate", Format.rate(report.answerRate()), "answerRate", "answered / contacts dialled");
        tile(html, "Talk time", Format.integer(report.talkSeconds().total()) + " s", "talkSeconds.total",
                Format.duration(Duration.ofSeconds(report.talkSeconds().total())) + " in all");
        html.close("dl");
        html.element("h3", "Contacts as submitted", "class", "subheading");
        html.open("dl", "class", "counts");
        count(html, "Received", report.contacts().received(), "contacts.received");
        count(html, "Accepted", report.contacts().accepted(), "contacts.accepted");
        count(html, "Invalid", report.contacts().invalid(), "contacts.invalid");
        count(html, "Duplicate", report.contacts().duplicate(), "contacts.duplicate");
        count(html, "Suppressed", report.contacts().suppressed(), "contacts.suppressed");
        html.close("dl");
        html.close("section");
    }

    private static void outcomes(Html html, CampaignReport report) {
        long total = report.outcomes().values().stream().mapToLong(Integer::longValue).sum();
        List<Charts.Bar> bars = new ArrayList<>();
        List<String> spoken = new ArrayList<>();
        report.outcomes().forEach((outcome, contacts) -> {
            bars.add(new Charts.Bar(label(outcome), contacts, OUTCOME_COLOURS.getOrDefault(outcome, "#57606a")));
            spoken.add(label(outcome) + " " + contacts + " (" + Format.percent(contacts, total) + ")");
        });
        card(html, "outcomes", "Outcomes", "Each accepted contact once, by how its last call ended.");
        Charts.bars(html, "outcomes-chart", "Outcomes by contact",
                "Contacts by final outcome: " + String.join(", ", spoken) + ".", bars, total);
        html.open("table", "class", "figures");
        html.element("caption", "Outcomes by contact");
        html.open("thead").open("tr").element("th", "Outcome", "scope", "col").element("th", "Contacts", "scope", "col")
                .element("th", "Share", "scope", "col").close("tr").close("thead");
        html.open("tbody");
        report.outcomes().forEach((outcome, contacts) -> {
            html.open("tr").element("th", label(outcome), "scope", "row");
            cell(html, contacts, "outcomes." + outcome);
            html.element("td", Format.percent(contacts, total));
            html.close("tr");
        });
        html.close("tbody").close("table");
        html.close("section");
    }

    private static void attempts(Html html, CampaignReport report) {
        List<Charts.Column> columns = new ArrayList<>();
        List<String> spoken = new ArrayList<>();
        report.attempts().byNumber().forEach((number, calls) -> {
            columns.add(new Charts.Column("Attempt " + number, calls, -1));
            spoken.add("attempt " + number + ": " + calls + " calls");
        });
        card(html, "attempts", "Attempts by number",
                "Calls placed as first, second, ... attempt at a contact; later attempts are retries.");
        Charts.columns(html, "attempts-chart", "Calls placed by attempt number",
                spoken.isEmpty() ? "No call has been placed." : "Calls placed: " + String.join(", ", spoken) + ".",
                columns, new Charts.Series("calls", "#0969da", null, null), "Attempt", "Calls");
        html.open("table", "class", "figures");
        html.element("caption", "Calls placed by attempt number");
        html.open("thead").open("tr").element("th", "Attempt", "scope", "col").element("th", "Calls", "scope", "col")
                .close("tr").close("thead");
        html.open("tbody");
        report.attempts().byNumber().forEach((number, calls) -> {
            html.open("tr").element("th", number, "scope", "row");
            cell(html, calls, "attempts.byNumber." + number);
            html.close("tr");
        });
        html.open("tr").element("th", "All", "scope", "row");
        cell(html, report.attempts().total(), "attempts.total");
        html.close("tr");
        html.close("tbody").close("table");
        html.close("section");
    }

    private static void callsOverTime(Html html, CallsOverTime calls) {
        card(html, "calls-over-time", "Calls over time",
                "Calls placed " + Format.per(calls.bucketSeconds()) + ", and how many of them were answered (times in UTC).");
        List<Charts.Column> columns = new ArrayList<>();
        List<String> spoken = new ArrayList<>();
        Map<Integer, CallsInBucket> byBucket = new LinkedHashMap<>();
        calls.buckets().forEach(bucket -> byBucket.put(bucket.bucket(), bucket));
        int last = calls.buckets().stream().mapToInt(CallsInBucket::bucket).max().orElse(-1);
        for (int i = 0; i <= last; i++) {
            CallsInBucket bucket = byBucket.getOrDefault(i, new CallsInBucket(i, 0, 0));
            String at = Format.clock(calls.from().plusSeconds(i * calls.bucketSeconds()), calls.bucketSeconds());
            columns.add(new Charts.Column(at, bucket.placed(), bucket.answered()));
            spoken.add(at + ": " + bucket.placed() + " placed, " + bucket.answered() + " answered");
        }
        Charts.columns(html, "calls-chart", "Calls placed and answered over time",
                spoken.isEmpty() ? "No call has been placed." : String.join("; ", spoken) + ".", columns,
                new Charts.Series("placed", PLACED, "answered", ANSWERED), "Time (UTC)", "Calls");
        legend(html, List.of(Map.entry("Placed", PLACED), Map.entry("Answered", ANSWERED)));
        html.close("section");
    }

    private static void talkTime(Html html, CampaignReport report, List<TalkTime> talkTimes) {
        card(html, "talk-time", "Talk time", "How long answered contacts talked, in seconds.");
        html.open("dl", "class", "tiles small");
        tile(html, "Mean", Format.decimal(report.talkSeconds().mean()) + " s", "talkSeconds.mean", null);
        tile(html, "Median", Format.integer(report.talkSeconds().p50()) + " s", "talkSeconds.p50", null);
        tile(html, "90th percentile", Format.integer(report.talkSeconds().p90()) + " s", "talkSeconds.p90", null);
        html.close("dl");
        int max = talkTimes.stream().mapToInt(TalkTime::seconds).max().orElse(0);
        long width = bucketWidth(max, 12, new long[] {5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600});
        long[] counts = new long[(int) (max / width) + 1];
        talkTimes.forEach(talk -> counts[(int) (talk.seconds() / width)] += talk.contacts());
        List<Charts.Column> columns = new ArrayList<>();
        List<String> spoken = new ArrayList<>();
        for (int i = 0; i < counts.length && !talkTimes.isEmpty(); i++) {
            String range = i * width + "–" + ((i + 1) * width - 1);
            columns.add(new Charts.Column(range, counts[i], -1));
            spoken.add(range + " s: " + counts[i]);
        }
        Charts.columns(html, "talk-chart", "Talk time distribution",
                spoken.isEmpty() ? "No contact has answered yet." : "Answered contacts by talk time: "
                        + String.join(", ", spoken) + ".", columns, new Charts.Series("contacts", "#1a7f37", null, null),
                "Seconds talked", "Contacts");
        html.close("section");
    }

    private static void rejections(Html html, CampaignReport report, List<FailureReason> failures) {
        html.open("section", "class", "card wide", "aria-labelledby", "rejections-heading", "id", "rejections");
        html.element("h2", "Not called, and why", "id", "rejections-heading");
        html.element("p", "Entries refused at submission, numbers put on the do-not-call list later, and why failed calls "
                + "failed.", "class", "explanation");
        html.open("div", "class", "split");
        html.open("div");
        List<Charts.Bar> bars = List.of(
                new Charts.Bar("Invalid", report.contacts().invalid(), "#cf222e"),
                new Charts.Bar("Duplicate", report.contacts().duplicate(), "#bf8700"),
                new Charts.Bar("DNC at intake", report.contacts().suppressed(), "#424a53"),
                new Charts.Bar("DNC later", report.outcomes().getOrDefault("SUPPRESSED", 0), "#6e7781"));
        List<String> spoken = bars.stream().map(bar -> bar.label() + " " + bar.value()).toList();
        Charts.bars(html, "rejections-chart", "Contacts not called, by reason",
                "Contacts not called: " + String.join(", ", spoken) + ".", bars, 0);
        html.close("div");
        html.open("table", "class", "figures");
        html.element("caption", "Failed calls by reason (each contact's last call)");
        html.open("thead").open("tr").element("th", "Reason", "scope", "col").element("th", "Contacts", "scope", "col")
                .close("tr").close("thead");
        html.open("tbody");
        if (failures.isEmpty()) {
            html.open("tr").element("td", "No call failed", "colspan", "2").close("tr");
        }
        failures.forEach(failure -> html.open("tr").element("th", failure.reason(), "scope", "row")
                .element("td", Format.integer(failure.contacts())).close("tr"));
        html.close("tbody").close("table");
        html.close("div");
        html.close("section");
    }

    private static void card(Html html, String id, String heading, String explanation) {
        html.open("section", "class", "card", "aria-labelledby", id + "-heading", "id", id);
        html.element("h2", heading, "id", id + "-heading");
        html.element("p", explanation, "class", "explanation");
    }

    private static void tile(Html html, String name, String value, String figure, String note) {
        html.open("div", "class", "tile");
        html.element("dt", name);
        html.element("dd", value, "class", "value", "data-figure", figure);
        if (note != null) {
            html.element("dd", note, "class", "note");
        }
        html.close("div");
    }

    private static void count(Html html, String name, long value, String figure) {
        html.open("div");
        html.element("dt", name);
        html.element("dd", Format.integer(value), "data-figure", figure);
        html.close("div");
    }

    private static void cell(Html html, long value, String figure) {
        html.element("td", Format.integer(value), "data-figure", figure);
    }

    private static void legend(Html html, List<Map.Entry<String, String>> entries) {
        html.open("ul", "class", "legend");
        entries.forEach(entry -> html.open("li").open("span", "class", "swatch", "style", "background:" + entry.getValue(),
                "aria-hidden", "true").close("span").text(entry.getKey()).close("li"));
        html.close("ul");
    }

    private static String label(String outcome) {
        return switch (outcome) {
            case "NO_ANSWER" -> "No answer";
            default -> outcome.charAt(0) + outcome.substring(1).toLowerCase(Locale.ROOT);
        };
    }

    /** The smallest width from {@code widths} that cuts {@code 0..max} into at most {@code buckets} buckets. */
    public static long bucketWidth(long max, int buckets, long[] widths) {
        for (long width : widths) {
            if (max / width < buckets) {
                return width;
            }
        }
        return widths[widths.length - 1] * (max / (widths[widths.length - 1] * buckets) + 1);
    }

    /** A bucket width for a campaign's calls: at most 24 columns from the first call to the last. */
    public static long callBucketSeconds(Instant first, Instant last) {
        long span = first == null || last == null ? 0 : Duration.between(first, last).toSeconds();
        return bucketWidth(span, 24, new long[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
                21600, 43200, 86400});
    }

    private static String loadStyle() {
        try (InputStream in = ReportPage.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
