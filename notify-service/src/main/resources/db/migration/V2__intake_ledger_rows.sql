-- Intake records one ledger row per alert it takes in (QUEUED per receiver, UNROUTED) in the transaction that lets
-- the Kafka offset be committed. Those rows are not delivery attempts and are never published to
-- vigil.deliveries.v1, so the index of rows waiting for publication leaves them out.
DROP INDEX delivery_attempt_unpublished;
CREATE INDEX delivery_attempt_unpublished ON delivery_attempt (seq)
    WHERE published_at IS NULL AND status NOT IN ('QUEUED', 'UNROUTED');
