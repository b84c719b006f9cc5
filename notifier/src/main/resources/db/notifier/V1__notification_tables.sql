-- The notifier's own tables (prefix notification_), beside the platform's history tables in the same
-- database. Its Flyway history is notification_schema_history, so the two schemas migrate independently.

-- Every intended notification, recorded before it is sent. dedup_key is what makes a notification
-- happen once: alert id, rule, kind and recipient (a digest: rule, period and recipient). Writers
-- insert with ON CONFLICT DO NOTHING; senders claim due rows with FOR UPDATE SKIP LOCKED and a lease.
CREATE TABLE notification_delivery (
    id              BIGSERIAL PRIMARY KEY,
    dedup_key       TEXT         NOT NULL,
    rule_name       VARCHAR(128) NOT NULL,
    kind            VARCHAR(16)  NOT NULL,   -- RAISED, ESCALATED, RESOLVED, DIGEST
    alert_id        VARCHAR(256),            -- null for a digest
    machine_id      VARCHAR(64),
    alert_type      VARCHAR(64),
    severity        VARCHAR(16),
    recipient       TEXT         NOT NULL,   -- mail:ADDRESS, webhook:URL or chat:URL
    payload         TEXT,                    -- the alert's JSON as it was when the notification was decided
    event_at        TIMESTAMPTZ  NOT NULL,   -- the alert's raise (the silent period is measured on it), or the digest's period start
    status          VARCHAR(16)  NOT NULL,   -- PENDING, SENDING, SENT, FAILED, CANCELLED, SUPPRESSED
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    lease_until     TIMESTAMPTZ,
    claimed_by      VARCHAR(128),
    last_error      VARCHAR(2000),
    created_at      TIMESTAMPTZ  NOT NULL,
    sent_at         TIMESTAMPTZ,
    CONSTRAINT notification_delivery_once UNIQUE (dedup_key)
);

-- what the senders look for at every tick
CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at)
    WHERE status IN ('PENDING', 'SENDING');
-- the silent period: the last raise of a rule for a machine and alert type
CREATE INDEX notification_delivery_episode ON notification_delivery (rule_name, machine_id, alert_type, event_at)
    WHERE kind = 'RAISED';
CREATE INDEX notification_delivery_alert ON notification_delivery (alert_id);
CREATE INDEX notification_delivery_status ON notification_delivery (status, created_at);

-- The alerts a digest rule collected: one row per rule and alert, in the period it arrived in.
CREATE TABLE notification_digest_item (
    rule_name    VARCHAR(128) NOT NULL,
    alert_id     VARCHAR(256) NOT NULL,
    period_start TIMESTAMPTZ  NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (rule_name, alert_id)
);
CREATE INDEX notification_digest_item_period ON notification_digest_item (rule_name, period_start);
