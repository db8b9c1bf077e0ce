-- Records on the input topics that are not valid contract messages are kept as evidence of kind 'malformed'
-- (docs/audit.md, evidence model) instead of being skipped.
--
-- Run outside one transaction (V2__malformed_evidence.sql.conf), so that each statement commits on its own: the
-- first swaps the constraint in one statement (brief ACCESS EXCLUSIVE lock, no scan: NOT VALID), the second scans
-- every partition under the weaker SHARE UPDATE EXCLUSIVE lock, which lets reads and appends go on.
ALTER TABLE evidence
    DROP CONSTRAINT evidence_kind_known,
    ADD CONSTRAINT evidence_kind_known CHECK (kind IN ('event', 'dead_letter', 'alert', 'compliance', 'rule_change',
                                                       'delivery', 'api_access', 'malformed')) NOT VALID;
ALTER TABLE evidence VALIDATE CONSTRAINT evidence_kind_known;
