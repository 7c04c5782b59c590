package dev.campaigndialer.core.calling;

import dev.campaigndialer.core.calling.CallingWindow.OpenSpell;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.domain.TaskStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What the dialer does with a dial message, decided from the task and its campaign as read: the
 * rule "may this task be dialled now", as a pure function. Every path to a call (a fresh task, a
 * backlog re-send under pacing, resume, the minute sweep's re-drive, a retry, the re-placement of a
 * task left DIALING without a call id) reaches the dialer as a message and is decided here; the
 * claim statement then re-checks the window and the campaign at the claim's own instant, so the
 * decision cannot go stale between this read and the call.
 */
public enum DialDecision {
    /** Claim a slot and place the call. */
    CLAIM,
    /** DIALING without a call id: place again with the same idempotency token (no new slot). */
    PLACE_AGAIN,
    /** The call was placed already, or the task is no longer waiting: a duplicate message. */
    NOTHING_TO_DO,
    /** The campaign was cancelled: the task ends CANCELLED. */
    CANCEL,
    /** The campaign is paused: the task waits (back to READY if it held a slot) for resume. */
    PARK,
    /** On the owner's DNC list now: the task ends SUPPRESSED. */
    SUPPRESS,
    /** Scheduled for later and its spell has not begun: the message comes back at the opening. */
    EARLY,
    /** The window is closed (or closes within the margin): SCHEDULED at the next callable spell. */
    RESCHEDULE;

    /** What the dialer knows about a task when its message arrives. */
    public record Task(TaskStatus status, boolean hasCallId, CampaignStatus campaign, boolean onDncList,
            OpenSpell spell) {
    }

    /**
     * @param spell the task's spell as enrich (or an earlier reschedule) stored it; null when unknown,
     *              which never admits a call
     */
    public static DialDecision decide(Task task, Instant now, Duration margin) {
        boolean unplaced = task.status() == TaskStatus.DIALING && !task.hasCallId();
        if (task.status() == TaskStatus.DIALING && task.hasCallId()) {
            return NOTHING_TO_DO;
        }
        if (!unplaced && task.status() != TaskStatus.READY && task.status() != TaskStatus.SCHEDULED) {
            return NOTHING_TO_DO;
        }
        if (task.campaign() == CampaignStatus.CANCELLED) {
            return CANCEL;
        }
        if (task.campaign() != CampaignStatus.RUNNING && task.campaign() != CampaignStatus.DISPATCHING) {
            return PARK;
        }
        if (task.onDncList()) {
            return SUPPRESS;
        }
        OpenSpell spell = task.spell();
        if (spell != null && spell.admitsCallAt(now, margin)) {
            return unplaced ? PLACE_AGAIN : CLAIM;
        }
        if (spell != null && now.isBefore(spell.opens()) && task.status() == TaskStatus.SCHEDULED) {
            return EARLY;
        }
        return RESCHEDULE;
    }
}
