-- The ledger API paged by seq > cursor. seq is taken when a row is inserted, not when its transaction commits, and
-- intake, flush, resolve and outcome transactions insert rows concurrently: a row committed after a page was read
-- could have a smaller seq than that page's last row, and a walk from that page's cursor never returned it.
-- Each row now carries the id of the transaction that recorded it, and pages hold only rows of transactions older
-- than every transaction still running (pg_snapshot_xmin), in (transaction, seq) order: nothing can later appear
-- before a cursor. Rows recorded before this migration are all committed; they keep their seq order under 0.
ALTER TABLE delivery_attempt ADD COLUMN recorded_tx xid8 NOT NULL DEFAULT '0';
ALTER TABLE delivery_attempt ALTER COLUMN recorded_tx SET DEFAULT pg_current_xact_id();
CREATE INDEX delivery_attempt_page ON delivery_attempt (recorded_tx, seq);
DROP INDEX delivery_attempt_receiver;
CREATE INDEX delivery_attempt_receiver ON delivery_attempt (receiver, recorded_tx, seq);
