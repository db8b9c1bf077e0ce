package io.vigil.notify.retention;

import io.vigil.notify.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that remove state older than a cutoff, each over at most {@code limit} rows, each keeping what
 * something still needs: a ledger row waiting for publication, a notification not delivered (pending, or dead-lettered
 * and replayable), a group member not notified (or seen again since: a repeat waiting), an alert that a notification,
 * a group member or an acknowledgement refers to. Acknowledgements are kept: they decide how a fingerprint's next
 * alert is sent.
 */
@ApplicationScoped
public class RetentionRepository {

    /** @return ledger rows of attempts before the cutoff removed, except those still to be published */
    public int ledgerRows(Connection connection, Instant cutoff, int limit) throws SQLException {
        return deleteBefore(connection, "DELETE FROM delivery_attempt WHERE seq IN"
                + " (SELECT d.seq FROM delivery_attempt d WHERE d.attempted_at < ? AND NOT EXISTS"
                + " (SELECT 1 FROM delivery_publication p WHERE p.seq = d.seq) LIMIT ?)", cutoff, limit);
    }

    /** @return notifications delivered before the cutoff removed */
    public int deliveredNotifications(Connection connection, Instant cutoff, int limit) throws SQLException {
        return deleteBefore(connection, "DELETE FROM notification WHERE notification_id"
                + " IN (SELECT notification_id FROM notification WHERE status = 'DELIVERED' AND updated_at < ?"
                + " ORDER BY updated_at LIMIT ?)", cutoff, limit);
    }

    /** What {@link #groupMembers} removed. */
    public record RemovedMembers(int candidateGroups, int members, int groups) {
    }

    /**
     * Removes group members last seen before the cutoff and notified since, then the groups left without members and
     * not due. The groups are locked first, in group id order, as intake and a resolve lock them (a member before its
     * group would deadlock with them); a group another transaction holds is skipped until the next pass.
     */
    public RemovedMembers groupMembers(Connection connection, Instant cutoff, int limit) throws SQLException {
        List<String> groupIds = new ArrayList<>();
        try (PreparedStatement lock = connection.prepareStatement("SELECT g.group_id FROM alert_group g"
                + " WHERE g.group_id IN (SELECT m.group_id FROM group_member m WHERE m.last_seen_at < ?"
                + " AND m.notified_at >= m.last_seen_at LIMIT ?) OR g.group_id IN (SELECT e.group_id"
                + " FROM alert_group e WHERE COALESCE(e.last_notified_at, e.created_at) < ? AND e.next_flush_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM group_member n WHERE n.group_id = e.group_id) LIMIT ?)"
                + " ORDER BY g.group_id FOR UPDATE SKIP LOCKED")) {
            Database.setInstant(lock, 1, cutoff);
            lock.setInt(2, limit);
            Database.setInstant(lock, 3, cutoff);
            lock.setInt(4, limit);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    groupIds.add(rows.getString(1));
                }
            }
        }
        if (groupIds.isEmpty()) {
            return new RemovedMembers(0, 0, 0);
        }
        int members;
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM group_member WHERE group_id = ANY (?)"
                + " AND last_seen_at < ? AND notified_at >= last_seen_at")) {
            delete.setArray(1, connection.createArrayOf("text", groupIds.toArray()));
            Database.setInstant(delete, 2, cutoff);
            members = delete.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM alert_group g"
                + " WHERE g.group_id = ANY (?) AND g.next_flush_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM group_member m WHERE m.group_id = g.group_id)")) {
            delete.setArray(1, connection.createArrayOf("text", groupIds.toArray()));
            return new RemovedMembers(groupIds.size(), members, delete.executeUpdate());
        }
    }

    /** @return alerts received before the cutoff removed, but those a notification, member or acknowledgement names */
    public int alerts(Connection connection, Instant cutoff, int limit) throws SQLException {
        return deleteBefore(connection, "DELETE FROM alert WHERE alert_id IN"
                + " (SELECT a.alert_id FROM alert a WHERE a.received_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.alert_ids @> ARRAY[a.alert_id])"
                + " AND NOT EXISTS (SELECT 1 FROM group_member m WHERE m.alert_id = a.alert_id)"
                + " AND NOT EXISTS (SELECT 1 FROM acknowledgement k WHERE k.alert_id = a.alert_id)"
                + " ORDER BY a.received_at LIMIT ?)", cutoff, limit);
    }

    /** @return silences that ended before the cutoff removed */
    public int endedSilences(Connection connection, Instant cutoff, int limit) throws SQLException {
        return deleteBefore(connection, "DELETE FROM silence WHERE silence_id IN"
                + " (SELECT silence_id FROM silence WHERE ends_at < ? ORDER BY ends_at LIMIT ?)", cutoff, limit);
    }

    /** Runs a {@code DELETE} whose parameters are the cutoff, then the row limit. */
    private static int deleteBefore(Connection connection, String sql, Instant cutoff, int limit) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            Database.setInstant(delete, 1, cutoff);
            delete.setInt(2, limit);
            return delete.executeUpdate();
        }
    }
}
