-- Records on the input topics that are not valid contract messages are kept as evidence of kind 'malformed'
-- (docs/audit.md, evidence model) instead of being skipped.
ALTER TABLE evidence DROP CONSTRAINT evidence_kind_known;
ALTER TABLE evidence ADD CONSTRAINT evidence_kind_known CHECK (kind IN ('event', 'dead_letter', 'alert', 'compliance',
                                                                        'rule_change', 'delivery', 'api_access',
                                                                        'malformed'));
