-- Claims look only at rows they can take. notification_due held every PENDING row, also those in flight (leased,
-- their next_attempt_at long past), so each claim walked past all of them first; and finding interrupted attempts
-- (expired leases) had no index at all. Now rows nobody holds and rows being held have an index each.
DROP INDEX notification_due;
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING' AND lease_until IS NULL;
CREATE INDEX notification_leased ON notification (lease_until) WHERE status = 'PENDING' AND lease_until IS NOT NULL;

-- The ledger stays append-only: which rows still wait for vigil.deliveries.v1 is a queue of their seq, added in the
-- statement that records them and deleted once published, instead of an update of every attempt row (a new version
-- of the row and of each of its indexes) to set published_at. No foreign key: only that statement adds seqs, and
-- ledger rows are never deleted.
CREATE TABLE delivery_publication (
    seq bigint PRIMARY KEY
);
INSERT INTO delivery_publication
    SELECT seq FROM delivery_attempt WHERE published_at IS NULL AND status NOT IN ('QUEUED', 'UNROUTED');
DROP INDEX delivery_attempt_unpublished;
ALTER TABLE delivery_attempt DROP COLUMN published_at;
