-- The calling window at the instant of placement. Enrich (and the dialer, when it reschedules)
-- stores the task's spell: the stretch [window_opens_at, window_closes_at) during which the window
-- is open in every zone of the callee, computed by common-core's CallingWindow. The dialer's claim
-- compares the claim's own instant with these two columns, so the rule is checked in the statement
-- that starts the call, and SQL never restates the zone arithmetic. A task without a spell (rows
-- from before this migration) is never claimed: the dialer computes its spell first.
ALTER TABLE dial_tasks ADD COLUMN window_opens_at timestamptz;
ALTER TABLE dial_tasks ADD COLUMN window_closes_at timestamptz;
-- Failed placements of a claimed task (the carrier refused or could not be reached); at the cap
-- the task ends FAILED with reason PLACEMENT_FAILED instead of being re-driven forever.
ALTER TABLE dial_tasks ADD COLUMN placement_failures int NOT NULL DEFAULT 0;
