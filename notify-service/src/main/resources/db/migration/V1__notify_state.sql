-- Durable state of notify-service: alerts received, grouping, the notification outbox, the delivery ledger,
-- silences and acknowledgements. Times are timestamptz written by the service's clock.

CREATE TABLE alert (
    alert_id     text PRIMARY KEY,
    fingerprint  text        NOT NULL,
    rule_id      text        NOT NULL,
    severity     text        NOT NULL,
    labels       jsonb       NOT NULL,
    payload      jsonb       NOT NULL,
    received_at  timestamptz NOT NULL,
    -- whether at least one receiver was to be notified (not everything suppressed)
    routed       boolean     NOT NULL,
    escalated_at timestamptz
);
CREATE INDEX alert_fingerprint ON alert (fingerprint);
CREATE INDEX alert_received ON alert (received_at);
CREATE INDEX alert_escalation_candidates ON alert (received_at) WHERE escalated_at IS NULL AND routed;

CREATE TABLE acknowledgement (
    fingerprint     text PRIMARY KEY,
    alert_id        text        NOT NULL,
    acknowledged_by text        NOT NULL,
    comment         text,
    acknowledged_at timestamptz NOT NULL,
    resolved_at     timestamptz
);

CREATE TABLE alert_group (
    group_id           text PRIMARY KEY,
    route_path         text        NOT NULL,
    receivers          text[]      NOT NULL,
    group_labels       jsonb       NOT NULL,
    group_wait_ms      bigint      NOT NULL,
    group_interval_ms  bigint      NOT NULL,
    repeat_interval_ms bigint      NOT NULL,
    created_at         timestamptz NOT NULL,
    last_notified_at   timestamptz,
    next_flush_at      timestamptz
);
CREATE INDEX alert_group_due ON alert_group (next_flush_at) WHERE next_flush_at IS NOT NULL;

CREATE TABLE group_member (
    group_id      text        NOT NULL REFERENCES alert_group,
    fingerprint   text        NOT NULL,
    alert_id      text        NOT NULL,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    notified_at   timestamptz,
    PRIMARY KEY (group_id, fingerprint)
);

CREATE TABLE notification (
    notification_id text PRIMARY KEY,
    group_id        text,
    group_labels    jsonb       NOT NULL,
    receiver        text        NOT NULL,
    action          text        NOT NULL,
    alert_ids       text[]      NOT NULL,
    note            text,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    attempt_limit   integer     NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    last_error      text
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_status ON notification (status, updated_at);

CREATE TABLE delivery_attempt (
    seq                 bigserial PRIMARY KEY,
    delivery_id         text        NOT NULL UNIQUE,
    notification_id     text,
    alert_id            text        NOT NULL,
    fingerprint         text,
    rule_id             text,
    receiver            text        NOT NULL,
    receiver_kind       text        NOT NULL,
    attempt             integer     NOT NULL,
    status              text        NOT NULL,
    attempted_at        timestamptz NOT NULL,
    latency_ms          bigint      NOT NULL,
    response_code       integer,
    provider_message_id text,
    error               text,
    published_at        timestamptz
);
CREATE INDEX delivery_attempt_alert ON delivery_attempt (alert_id);
CREATE INDEX delivery_attempt_receiver ON delivery_attempt (receiver, seq);
CREATE INDEX delivery_attempt_unpublished ON delivery_attempt (seq) WHERE published_at IS NULL;

CREATE TABLE silence (
    silence_id text PRIMARY KEY,
    matchers   jsonb       NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    created_by text        NOT NULL,
    comment    text        NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX silence_active ON silence (ends_at);
