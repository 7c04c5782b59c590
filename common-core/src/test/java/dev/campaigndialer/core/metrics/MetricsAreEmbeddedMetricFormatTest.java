package dev.campaigndialer.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link Metrics} writes is EMF as CloudWatch reads it: one directive per line, low-cardinality dimensions. */
class MetricsAreEmbeddedMetricFormatTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void restoreLog() {
        JsonLog.redirect(System.out);
    }

    @Test
    void eachDimensionCombinationIsOneLineWithItsDirectiveValuesAndProperties() {
        JsonLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
        UUID campaign = UUID.randomUUID();
        Metrics metrics = Metrics.of("status-checker", Clock.fixed(NOW, ZoneOffset.UTC))
                .property("requestId", "req-1").propertyIds("campaignIds", List.of(campaign, campaign));

        metrics.count(BusinessMetrics.CONNECT_THROTTLES, 2).count(BusinessMetrics.CONNECT_THROTTLES, 1)
                .count(BusinessMetrics.PLACEMENT_FAILURES, 0)
                .count(BusinessMetrics.CALL_OUTCOMES, BusinessMetrics.OUTCOME, "ANSWERED", 7)
                .count(BusinessMetrics.CALL_OUTCOMES, BusinessMetrics.OUTCOME, "BUSY", 2)
                .milliseconds(BusinessMetrics.REPORT_GENERATION_TIME, BusinessMetrics.FORMAT, "json", 12)
                .milliseconds(BusinessMetrics.REPORT_GENERATION_TIME, BusinessMetrics.FORMAT, "json", 30);
        metrics.flush();

        List<EmfDocument> lines = log.toString(StandardCharsets.UTF_8).lines()
                .map(line -> EmfDocument.parse(line).orElseThrow()).toList();
        assertThat(lines).hasSize(4);
        EmfDocument function = lines.get(0);
        assertThat(function.namespace()).isEqualTo("CampaignDialer");
        assertThat(function.timestamp()).isEqualTo(NOW.toEpochMilli());
        assertThat(function.dimensions()).isEqualTo(Map.of("FunctionName", "status-checker"));
        assertThat(function.metrics()).as("zero is not recorded; counts add up")
                .containsOnlyKeys("ConnectThrottles");
        assertThat(function.metrics().get("ConnectThrottles")).isEqualTo(new EmfDocument.Metric("Count", List.of(3.0)));
        assertThat(function.root().path("requestId").asText()).isEqualTo("req-1");
        assertThat(function.root().path("campaignIds").toString()).as("ids are properties, once each")
                .isEqualTo("[\"" + campaign + "\"]");
        assertThat(function.root().path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[\"FunctionName\"]]");

        assertThat(lines.get(1).dimensions()).isEqualTo(Map.of("FunctionName", "status-checker", "Outcome", "ANSWERED"));
        assertThat(lines.get(1).metrics().get("CallOutcomes").sum()).isEqualTo(7);
        assertThat(lines.get(2).dimensions()).containsEntry("Outcome", "BUSY");
        assertThat(lines.get(3).metrics().get("ReportGenerationTime"))
                .as("each duration is a value of its own: CloudWatch computes percentiles from them")
                .isEqualTo(new EmfDocument.Metric("Milliseconds", List.of(12.0, 30.0)));
        assertThat(metrics.isEmpty()).as("flushed metrics are forgotten").isTrue();
    }

    @Test
    void anIdIsRefusedAsADimension() {
        Metrics metrics = Metrics.of("dialer-worker");

        assertThatThrownBy(() -> metrics.count(BusinessMetrics.CALLS_PLACED, "CampaignId", UUID.randomUUID().toString(), 1))
                .hasMessageContaining("low-cardinality");
        assertThatThrownBy(() -> metrics.count(BusinessMetrics.CALLS_PLACED, Metrics.FUNCTION, "other", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingRecordedWritesNothing() {
        JsonLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));

        Metrics.of("enrich-dial-task").property("requestId", "r").count(BusinessMetrics.WINDOW_DEFERRALS, 0).flush();

        assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void linesCloudWatchWouldRejectAreNotTakenForMetrics() {
        assertThat(EmfDocument.parse("{\"level\":\"INFO\",\"message\":\"call placed\"}")).isEmpty();
        assertThatThrownBy(() -> EmfDocument.parse("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\","
                + "\"Dimensions\":[[\"FunctionName\"]],\"Metrics\":[{\"Name\":\"CallsPlaced\",\"Unit\":\"Count\"}]}]},"
                + "\"CallsPlaced\":1}"))
                .as("a dimension without its value").hasMessageContaining("FunctionName");
        assertThatThrownBy(() -> EmfDocument.parse("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\","
                + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"CallsPlaced\",\"Unit\":\"Count\"}]}]},\"CallsPlaced\":\"one\"}"))
                .hasMessageContaining("CallsPlaced");
    }
}
