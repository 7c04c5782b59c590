-- Data lifecycle (issue 19): a finished campaign's personal data can be erased, by its owner
-- (DELETE /campaigns/{id}) or by retention (the minute sweep, DATA_RETENTION_DAYS), and the
-- machinery's own rows expire. Erasure keeps the campaign row (name, settings, counts) and its
-- stored report (aggregates only); it removes contacts, dial tasks, idempotency records and outbox
-- rows. DNC entries are never erased. Every delete below is found through an index.

-- ERASED: the campaign's contacts and tasks are gone; erased_at says when.
ALTER TABLE campaigns ADD COLUMN erased_at timestamptz;
ALTER TABLE campaigns DROP CONSTRAINT campaigns_status_check;
ALTER TABLE campaigns ADD CONSTRAINT campaigns_status_check CHECK (status IN
    ('ACCEPTED', 'DISPATCHING', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'REJECTED', 'ERASED'));
-- Retention picks the oldest finished campaigns first.
CREATE INDEX campaigns_finished ON campaigns (completed_at) WHERE status IN ('COMPLETED', 'CANCELLED');

-- An idempotency record stores the creating response, whose rejections list submitted numbers:
-- it belongs to the campaign it created. Records from before this migration are linked through
-- the Location they stored.
ALTER TABLE idempotency_keys ADD COLUMN campaign_id uuid;
UPDATE idempotency_keys
SET campaign_id = CAST(substring(CAST(response_body AS jsonb) ->> 'location' FROM '[0-9a-f-]{36}$') AS uuid)
WHERE response_body IS NOT NULL;
CREATE INDEX idempotency_keys_by_campaign ON idempotency_keys (campaign_id) WHERE campaign_id IS NOT NULL;
-- Keys expire after 24 hours.
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Every message names its campaign (common-core's message records); the column is derived from
-- the body, so no writer has to remember it.
ALTER TABLE outbox ADD COLUMN campaign_id uuid
    GENERATED ALWAYS AS (CAST(CAST(body AS jsonb) ->> 'campaignId' AS uuid)) STORED;
CREATE INDEX outbox_by_campaign ON outbox (campaign_id) WHERE campaign_id IS NOT NULL;
-- Sent rows are deleted a day after sending.
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;
