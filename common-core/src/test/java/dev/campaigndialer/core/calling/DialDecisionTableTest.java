package dev.campaigndialer.core.calling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.calling.CallingWindow.OpenSpell;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the dialer does with a dial message, for every kind of task it can find. The spell columns
 * are relative to now, in minutes ("-" = the task has no spell yet); the margin is one minute.
 */
class DialDecisionTableTest {

    private static final Instant NOW = Instant.parse("2026-11-23T19:00:00Z");
    private static final Duration MARGIN = Duration.ofMinutes(1);

    @ParameterizedTest(name = "{0} (call id {1}), campaign {2}, DNC {3}, spell {4}..{5} min -> {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # task      | call id | campaign    | DNC   | opens | closes | decision
            READY       | false   | RUNNING     | false | -60   | 60     | CLAIM
            READY       | false   | DISPATCHING | false | -60   | 60     | CLAIM
            SCHEDULED   | false   | RUNNING     | false | 0     | 60     | CLAIM
            # the window closes within the margin, has closed, or the task has no spell yet
            READY       | false   | RUNNING     | false | -60   | 1      | RESCHEDULE
            READY       | false   | RUNNING     | false | -600  | -60    | RESCHEDULE
            READY       | false   | RUNNING     | false | -     | -      | RESCHEDULE
            # a scheduled task whose spell has not begun comes back at the opening
            SCHEDULED   | false   | RUNNING     | false | 30    | 600    | EARLY
            # claimed, never placed: the same checks, then placed again with the same token
            DIALING     | false   | RUNNING     | false | -60   | 60     | PLACE_AGAIN
            DIALING     | false   | PAUSED      | false | -60   | 60     | PARK
            DIALING     | false   | CANCELLED   | false | -60   | 60     | CANCEL
            DIALING     | false   | RUNNING     | true  | -60   | 60     | SUPPRESS
            DIALING     | false   | RUNNING     | false | -600  | -60    | RESCHEDULE
            # placed, finished or never dialled: a duplicate message
            DIALING     | true    | RUNNING     | false | -60   | 60     | NOTHING_TO_DO
            ANSWERED    | true    | RUNNING     | false | -60   | 60     | NOTHING_TO_DO
            PENDING     | false   | RUNNING     | false | -     | -      | NOTHING_TO_DO
            SUPPRESSED  | false   | RUNNING     | true  | -60   | 60     | NOTHING_TO_DO
            # the campaign decides before the number and the window
            READY       | false   | PAUSED      | true  | -600  | -60    | PARK
            READY       | false   | CANCELLED   | true  | -60   | 60     | CANCEL
            SCHEDULED   | false   | PAUSED      | false | 30    | 600    | PARK
            READY       | false   | RUNNING     | true  | -600  | -60    | SUPPRESS
            """)
    void theDialerDecides(TaskStatus status, boolean hasCallId, CampaignStatus campaign, boolean onDnc, String opens,
            String closes, DialDecision expected) {
        OpenSpell spell = opens.equals("-") ? null
                : new OpenSpell(NOW.plus(Duration.ofMinutes(Long.parseLong(opens))),
                        NOW.plus(Duration.ofMinutes(Long.parseLong(closes))));

        DialDecision decision = DialDecision.decide(new DialDecision.Task(status, hasCallId, campaign, onDnc, spell),
                NOW, MARGIN);

        assertThat(decision).isEqualTo(expected);
    }
}
