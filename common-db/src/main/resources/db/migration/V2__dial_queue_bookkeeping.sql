-- When a task was last sent to the dial (or status) queue: the minute sweep re-drives only tasks
-- whose message is overdue, instead of every task in flight.
ALTER TABLE dial_tasks ADD COLUMN enqueued_at timestamptz;
CREATE INDEX dial_tasks_open_by_campaign ON dial_tasks (campaign_id)
    WHERE status IN ('PENDING', 'READY', 'SCHEDULED', 'DIALING');
