-- The dialer's state. Keys are application-generated UUIDs (no sequences: nothing session-bound),
-- and every state transition in code is a conditional UPDATE ... WHERE status = :expected.

CREATE TABLE campaigns (
    id                    uuid PRIMARY KEY,
    owner_id              text        NOT NULL,
    name                  text        NOT NULL,
    caller_id             text        NOT NULL,
    default_region        text        NOT NULL,
    timezone              text        NOT NULL,
    window_start          time        NOT NULL,
    window_end            time        NOT NULL,
    max_attempts          int         NOT NULL CHECK (max_attempts BETWEEN 1 AND 10),
    backoff_seconds       int         NOT NULL CHECK (backoff_seconds BETWEEN 0 AND 86400),
    retry_on              text[]      NOT NULL,
    max_concurrent_calls  int         NOT NULL CHECK (max_concurrent_calls BETWEEN 1 AND 1000),
    status                text        NOT NULL CHECK (status IN
                              ('ACCEPTED', 'DISPATCHING', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'REJECTED')),
    contacts_received     int         NOT NULL,
    contacts_accepted     int         NOT NULL,
    contacts_invalid      int         NOT NULL,
    contacts_duplicate    int         NOT NULL,
    contacts_suppressed   int         NOT NULL,
    -- Resumable fan-out: the highest contact seq that already has its attempt-1 task and message.
    dispatched_through    int         NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    completed_at          timestamptz
);
CREATE INDEX campaigns_by_owner ON campaigns (owner_id, created_at DESC);

CREATE TABLE contacts (
    id           uuid PRIMARY KEY,
    campaign_id  uuid        NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    seq          int         NOT NULL,            -- 1..n over the stored contacts, dispatch order
    row_number   int         NOT NULL,            -- 1-based position in the submitted list
    phone_e164   text        NOT NULL,
    name         text,
    timezone     text,
    attributes   jsonb,
    status       text        NOT NULL CHECK (status IN ('ACCEPTED', 'SUPPRESSED')),
    line_type    text,
    UNIQUE (campaign_id, phone_e164),
    UNIQUE (campaign_id, seq)
);

CREATE TABLE dial_tasks (
    id                uuid PRIMARY KEY,
    campaign_id       uuid        NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id        uuid        NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    attempt           int         NOT NULL CHECK (attempt >= 1),
    status            text        NOT NULL CHECK (status IN
                          ('PENDING', 'READY', 'SCHEDULED', 'DIALING', 'ANSWERED', 'VOICEMAIL', 'BUSY',
                           'NO_ANSWER', 'FAILED', 'SUPPRESSED', 'INVALID', 'CANCELLED')),
    not_before        timestamptz,
    timezones         text[],
    provider_call_id  text,
    outcome_reason    text,
    talk_seconds      int,
    dial_started_at   timestamptz,
    finished_at       timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    UNIQUE (contact_id, attempt)
);
CREATE INDEX dial_tasks_by_campaign_status ON dial_tasks (campaign_id, status);
CREATE INDEX dial_tasks_due ON dial_tasks (not_before) WHERE status = 'SCHEDULED';
CREATE INDEX dial_tasks_in_flight ON dial_tasks (updated_at) WHERE status IN ('READY', 'DIALING');

CREATE TABLE dnc_numbers (
    owner_id    text        NOT NULL,
    phone_e164  text        NOT NULL,
    added_at    timestamptz NOT NULL,
    PRIMARY KEY (owner_id, phone_e164)
);

CREATE TABLE reports (
    campaign_id   uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    generated_at  timestamptz NOT NULL,
    body          jsonb       NOT NULL
);

CREATE TABLE idempotency_keys (
    owner_id         text        NOT NULL,
    idempotency_key  text        NOT NULL,
    request_hash     text        NOT NULL,
    response_status  int,
    response_body    text,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (owner_id, idempotency_key)
);

-- Messages that must leave exactly when a transaction commits: written in the transaction,
-- relayed to SQS afterwards (by the writer, or by the minute sweep if the writer died).
CREATE TABLE outbox (
    id             uuid PRIMARY KEY,
    queue          text        NOT NULL,
    body           text        NOT NULL,
    delay_seconds  int         NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL,
    sent_at        timestamptz
);
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
