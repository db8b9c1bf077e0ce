-- Retention (vigil.notify.retention.keep) finds ledger rows and group members by age. Both are written in time order,
-- so a BRIN index (a few pages, next to nothing per insert, and a summarizing index, so updates stay HOT) finds the
-- old ones without a B-tree entry per row on the hot path.
CREATE INDEX delivery_attempt_attempted_brin ON delivery_attempt USING brin (attempted_at);
CREATE INDEX group_member_last_seen_brin ON group_member USING brin (last_seen_at);
