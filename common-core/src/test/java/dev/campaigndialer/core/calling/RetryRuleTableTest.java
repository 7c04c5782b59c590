package dev.campaigndialer.core.calling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.TaskStatus;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The retry rule as its table: one row per case the rule distinguishes. */
class RetryRuleTableTest {

    @ParameterizedTest(name = "{0} (permanent {1}), attempt {2} of {3}, retry.on {4}, campaign {5} -> retry {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # outcome   | permanent | attempt | max | retry.on               | campaign  | retries
            BUSY        | false     | 1       | 3   | BUSY NO_ANSWER FAILED  | RUNNING   | true
            NO_ANSWER   | false     | 2       | 3   | BUSY NO_ANSWER FAILED  | RUNNING   | true
            FAILED      | false     | 1       | 3   | BUSY NO_ANSWER FAILED  | RUNNING   | true
            BUSY        | false     | 3       | 3   | BUSY NO_ANSWER FAILED  | RUNNING   | false
            BUSY        | false     | 1       | 1   | BUSY                   | RUNNING   | false
            NO_ANSWER   | false     | 1       | 3   | BUSY                   | RUNNING   | false
            ANSWERED    | false     | 1       | 3   | BUSY NO_ANSWER FAILED  | RUNNING   | false
            VOICEMAIL   | false     | 1       | 3   | BUSY NO_ANSWER FAILED  | RUNNING   | false
            FAILED      | true      | 1       | 3   | BUSY NO_ANSWER FAILED  | RUNNING   | false
            BUSY        | false     | 1       | 3   | BUSY                   | CANCELLED | false
            BUSY        | false     | 1       | 3   | BUSY                   | PAUSED    | true
            BUSY        | false     | 1       | 3   |                        | RUNNING   | false
            """)
    void aContactIsRetriedOnlyOnARetriedOutcomeWithAttemptsLeftNotPermanentAndNotCancelled(TaskStatus outcome,
            boolean permanent, int attempt, int maxAttempts, String retryOn, CampaignStatus campaign, boolean retries) {
        List<String> on = retryOn == null ? List.of() : List.of(retryOn.split(" "));

        assertThat(RetryRule.retries(outcome, permanent, attempt, maxAttempts, on, campaign)).isEqualTo(retries);
    }
}
