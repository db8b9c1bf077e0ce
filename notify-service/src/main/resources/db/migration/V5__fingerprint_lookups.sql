-- Acknowledging and resolving look up a fingerprint's notifications and group memberships. Without these indexes
-- both are full scans: notification.alert_ids is matched with && (NotificationRepository.forFingerprint), and
-- group_member's primary key (group_id, fingerprint) cannot serve a lookup by fingerprint alone
-- (GroupRepository.endMemberships). Neither column is ever updated, so updates of these rows stay HOT.
CREATE INDEX notification_alert_ids ON notification USING GIN (alert_ids);
CREATE INDEX group_member_fingerprint ON group_member (fingerprint);
