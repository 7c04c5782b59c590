package dev.campaigndialer.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The independent expectation: per last digit, with maxAttempts 3 and retry.on BUSY, NO_ANSWER,
 * FAILED, 6 is BUSY then ANSWERED (2 attempts), 7 NO_ANSWER three times, 8 FAILED three times, 9
 * FAILED once (permanent), 0-5 once; percentiles are nearest-rank; a report that differs anywhere
 * is reported figure by figure.
 */
class ExpectedReportFollowsTheCarrierTableTest {

    @Test
    void attemptsAndOutcomesPerLastDigit() {
        DemoCampaign campaign = DemoCampaign.generate(1000, 42);
        ExpectedReport expected = ExpectedReport.of(campaign);
        Map<Integer, Long> perDigit = campaign.entries(DemoCampaign.Kind.ACCEPTED).stream()
                .collect(java.util.stream.Collectors.groupingBy(DemoCampaign.Entry::lastDigit,
                        java.util.stream.Collectors.counting()));
        long d = 0;
        long answered = perDigit.get(0) + perDigit.get(1) + perDigit.get(2) + perDigit.get(3) + perDigit.get(4)
                + perDigit.get(6);
        assertThat(expected.outcomes()).containsEntry("ANSWERED", (int) answered)
                .containsEntry("VOICEMAIL", perDigit.get(5).intValue())
                .containsEntry("NO_ANSWER", perDigit.get(7).intValue())
                .containsEntry("FAILED", (int) (perDigit.get(8) + perDigit.get(9)))
                .containsEntry("BUSY", 0).containsEntry("CANCELLED", 0);
        long accepted = perDigit.values().stream().mapToLong(Long::longValue).sum();
        assertThat(expected.attempts()).containsEntry(1, (int) accepted)
                .containsEntry(2, (int) (perDigit.get(6) + perDigit.get(7) + perDigit.get(8)))
                .containsEntry(3, (int) (perDigit.get(7) + perDigit.get(8)));
        for (int digit = 0; digit <= 4; digit++) {
            d += perDigit.get(digit) * (digit + 1) * 10L;
        }
        assertThat(expected.talkTotal()).isEqualTo(d + perDigit.get(6) * 60);
        assertThat(expected.contacts()).containsEntry("received", 1000).containsEntry("accepted", 925)
                .containsEntry("invalid", 35).containsEntry("duplicate", 20).containsEntry("suppressed", 20);
    }

    @Test
    void nearestRankPercentiles() {
        assertThat(ExpectedReport.nearestRank(List.of(10, 20, 30, 40, 50, 60, 70, 80, 90, 100), 50)).isEqualTo(50);
        assertThat(ExpectedReport.nearestRank(List.of(10, 20, 30, 40, 50, 60, 70, 80, 90, 100), 90)).isEqualTo(90);
        assertThat(ExpectedReport.nearestRank(List.of(15, 20, 35, 40, 50), 50)).isEqualTo(35);
        assertThat(ExpectedReport.nearestRank(List.of(7), 90)).isEqualTo(7);
        assertThat(ExpectedReport.nearestRank(List.of(), 90)).isNull();
    }

    @Test
    void aMatchingReportHasNoDifferencesAndAnyChangedFigureIsNamed() {
        ExpectedReport expected = ExpectedReport.of(DemoCampaign.generate(200, 3));
        ObjectNode report = expected.toJson();
        report.put("campaignId", "x").put("firstCallAt", "2026-11-23T20:00:01Z");
        assertThat(expected.differences(report)).isEmpty();

        ((ObjectNode) report.path("outcomes")).put("ANSWERED", expected.outcomes().get("ANSWERED") + 1);
        ((ObjectNode) report.path("attempts").path("byNumber")).put("4", 1);
        report.put("answerRate", new BigDecimal("0.1"));
        assertThat(expected.differences(report)).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("outcomes.ANSWERED"))
                .anySatisfy(line -> assertThat(line).startsWith("attempts.byNumber.4"))
                .anySatisfy(line -> assertThat(line).startsWith("answerRate"));
    }
}
