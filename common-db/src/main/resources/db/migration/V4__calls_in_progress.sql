-- Pacing without a lock held across round trips: how many of the campaign's tasks are DIALING,
-- changed by the very statements that move tasks into DIALING (the dialer's claim) and out of it
-- (the status checker's outcome), so a claim is one statement and the campaign row is locked only
-- for that statement.
ALTER TABLE campaigns ADD COLUMN calls_in_progress int NOT NULL DEFAULT 0;
UPDATE campaigns c SET calls_in_progress =
    (SELECT count(*) FROM dial_tasks t WHERE t.campaign_id = c.id AND t.status = 'DIALING');
