-- The evidence store: every message consumed from Vigil's topics, appended once per (kind, id).
-- Issue 6 adds the hash chain (one per input partition: topic + kafka_partition), digests and time partitioning.

CREATE TABLE evidence (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            VARCHAR(32)  NOT NULL,
    id              TEXT         NOT NULL,
    message_key     TEXT,
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    produced_at     TIMESTAMPTZ,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    payload         JSONB        NOT NULL,
    CONSTRAINT evidence_kind_known CHECK (kind IN ('event', 'dead_letter', 'alert', 'compliance', 'rule_change',
                                                   'delivery')),
    CONSTRAINT evidence_kind_id_unique UNIQUE (kind, id)
);

COMMENT ON TABLE evidence IS 'Append-only evidence; rows are never updated or deleted';
COMMENT ON COLUMN evidence.seq IS 'Insertion order; the API paging cursor';
COMMENT ON COLUMN evidence.id IS 'The message''s own stable id';
COMMENT ON COLUMN evidence.message_key IS 'The Kafka record key';

-- The API lists newest first (seq DESC), optionally by kind, by key or by recorded_at range.
CREATE INDEX evidence_kind_seq ON evidence (kind, seq);
CREATE INDEX evidence_key_seq ON evidence (message_key, seq);
CREATE INDEX evidence_recorded_at ON evidence (recorded_at);
-- Where each input partition's evidence is; issue 6 chains per (topic, kafka_partition).
CREATE INDEX evidence_source ON evidence (topic, kafka_partition, kafka_offset);

-- Append-only: refuse UPDATE, DELETE and TRUNCATE from any client, including this service.
CREATE FUNCTION evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'evidence is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER evidence_no_update_or_delete
    BEFORE UPDATE OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();

CREATE TRIGGER evidence_no_truncate
    BEFORE TRUNCATE ON evidence
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();
