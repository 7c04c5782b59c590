-- Amazon Connect throttles each API per AWS account and Region with a token bucket: by default
-- StartOutboundVoiceContact 2 requests/s with a burst of 5, past which it answers 429
-- TooManyRequestsException (Connect service quotas, "Best practices for using Amazon Connect
-- APIs"). One bucket per Connect instance and API is the budget of the whole fleet of functions:
-- the dialer's claim refills and takes tokens in the same statement that claims the tasks, so no
-- number of containers calls Connect faster than `rate`, and status-checker takes DescribeContact
-- tokens the same way. `tokens` is what was left at `refreshed_at` (the database's clock, one clock
-- for every container); `paused_until` stops placements after Connect said a quota (such as
-- concurrent calls) is full. The functions insert their row with the rate and burst they are
-- configured with (CONNECT_START_RPS, CONNECT_START_BURST, ...).
CREATE TABLE connect_rate_budget (
    instance_id  text NOT NULL,
    api          text NOT NULL,
    rate         double precision NOT NULL CHECK (rate > 0),
    burst        double precision NOT NULL CHECK (burst >= 1),
    tokens       double precision NOT NULL,
    refreshed_at timestamptz NOT NULL,
    paused_until timestamptz,
    PRIMARY KEY (instance_id, api)
);

-- Placements Connect did not take for reasons that are not about the call (throttled, 5xx,
-- timeouts, a full quota): not attempts, never counted towards placement_failures' cap; this
-- count only spaces the retries out.
ALTER TABLE dial_tasks ADD COLUMN carrier_unavailable int NOT NULL DEFAULT 0;

-- The answering machine verdict of a CONNECTED_TO_SYSTEM contact event, for a DISCONNECTED event
-- that arrives without one.
ALTER TABLE dial_tasks ADD COLUMN amd_status text;

-- Contact events name the contact, not the task.
CREATE INDEX dial_tasks_provider_call_id ON dial_tasks (provider_call_id) WHERE provider_call_id IS NOT NULL;
