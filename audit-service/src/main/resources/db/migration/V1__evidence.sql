-- The evidence store (issue 6). Replaces the unreleased first schema: the table is now partitioned by time and every
-- row is a link of a SHA-256 hash chain (one chain per input partition, see docs/audit.md).

-- Every piece of evidence, appended once. Partitioned by recorded_at, one partition per UTC day, created by the
-- service ahead of use (EvidencePartitions); retention drops whole partitions after signing a retention digest.
CREATE SEQUENCE evidence_position;

CREATE TABLE evidence (
    position      BIGINT       NOT NULL DEFAULT nextval('evidence_position'),
    chain_id      VARCHAR(300) NOT NULL,
    seq           BIGINT       NOT NULL,
    kind          VARCHAR(32)  NOT NULL,
    source_id     TEXT         NOT NULL,
    occurred_at   TIMESTAMPTZ,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    account       TEXT,
    region        TEXT,
    controls      TEXT[]       NOT NULL,
    rule          TEXT,
    actor         TEXT,
    event_name    TEXT,
    message_key   TEXT,
    kafka_offset  BIGINT,
    payload       JSONB        NOT NULL,
    previous_hash CHAR(64)     NOT NULL,
    content_hash  CHAR(64)     NOT NULL,
    hash          CHAR(64)     NOT NULL,
    CONSTRAINT evidence_kind_known CHECK (kind IN ('event', 'dead_letter', 'alert', 'compliance', 'rule_change',
                                                   'delivery', 'api_access')),
    PRIMARY KEY (position, recorded_at)
) PARTITION BY RANGE (recorded_at);

COMMENT ON TABLE evidence IS 'Append-only evidence; each row is a link of its chain (docs/audit.md)';
COMMENT ON COLUMN evidence.position IS 'Global insertion order; the API paging cursor; not hashed';
COMMENT ON COLUMN evidence.seq IS 'Position in its chain, from 1; not hashed: the links prove the order';

CREATE INDEX evidence_chain_seq ON evidence (chain_id, seq);
CREATE INDEX evidence_kind_source ON evidence (kind, source_id);
CREATE INDEX evidence_kind_position ON evidence (kind, position);
CREATE INDEX evidence_key_position ON evidence (message_key, position);
CREATE INDEX evidence_account_position ON evidence (account, position);
CREATE INDEX evidence_rule_position ON evidence (rule, position);
CREATE INDEX evidence_actor_position ON evidence (actor, position);
CREATE INDEX evidence_event_name_position ON evidence (event_name, position);
CREATE INDEX evidence_controls ON evidence USING GIN (controls);
CREATE INDEX evidence_recorded_at ON evidence (recorded_at);

-- Idempotency: one claim per (kind, source id). A partitioned table cannot hold a unique constraint without the
-- partition key, so the claim lives here; retention deletes claims as old as the partitions it drops.
CREATE TABLE evidence_claim (
    kind        VARCHAR(32) NOT NULL,
    source_id   TEXT        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, source_id)
);
CREATE INDEX evidence_claim_recorded_at ON evidence_claim (recorded_at);

-- The writer's state: each chain's newest link. Locked (FOR UPDATE) while a batch is appended, so a chain never forks
-- even with two instances. Not evidence: verification never trusts it.
CREATE TABLE chain_head (
    chain_id     VARCHAR(300) PRIMARY KEY,
    seq          BIGINT       NOT NULL,
    hash         CHAR(64)     NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    kafka_offset BIGINT       NOT NULL
);

-- Signed digests, numbered from 1 without gaps; document is the RFC 8785 canonical text that is signed.
CREATE TABLE evidence_digest (
    seq                  BIGINT      PRIMARY KEY,
    type                 VARCHAR(16) NOT NULL,
    period_start         TIMESTAMPTZ NOT NULL,
    period_end           TIMESTAMPTZ NOT NULL,
    previous_digest_hash CHAR(64)    NOT NULL,
    digest_hash          CHAR(64)    NOT NULL,
    key_id               TEXT        NOT NULL,
    document             TEXT        NOT NULL,
    signature            TEXT        NOT NULL,
    CONSTRAINT evidence_digest_type_known CHECK (type IN ('periodic', 'retention'))
);
CREATE INDEX evidence_digest_period_end ON evidence_digest (period_end);

-- Append-only guard: refuse UPDATE, DELETE and TRUNCATE of evidence and digests from any client, this service
-- included. A superuser can disable it; the hash chains and signed digests are what prove nothing changed.
CREATE FUNCTION evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_ARGV[0], TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER evidence_no_update_or_delete
    BEFORE UPDATE OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change('evidence');

CREATE TRIGGER evidence_no_truncate
    BEFORE TRUNCATE ON evidence
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change('evidence');

CREATE TRIGGER evidence_digest_no_update_or_delete
    BEFORE UPDATE OR DELETE ON evidence_digest
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change('evidence_digest');

CREATE TRIGGER evidence_digest_no_truncate
    BEFORE TRUNCATE ON evidence_digest
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change('evidence_digest');
