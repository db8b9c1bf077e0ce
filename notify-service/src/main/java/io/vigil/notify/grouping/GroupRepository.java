package io.vigil.notify.grouping;

import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.StableIds;
import io.vigil.notify.routing.RouteMatch;
import io.vigil.notify.routing.RouteNode;
import io.vigil.notify.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code alert_group} and {@code group_member} tables. */
@ApplicationScoped
public class GroupRepository {

    /** A group due for a flush, locked by the caller's transaction. */
    public record DueGroup(String groupId, String routePath, List<String> receivers, String groupLabelsJson,
            Duration repeatInterval) {
    }

    /** A member of a group. */
    public record Member(String fingerprint, String alertId, Instant lastSeenAt, Instant notifiedAt,
            boolean acknowledged) {
    }

    /** @return the group id of a route match: the route and the values of its group labels */
    public static String groupId(RouteMatch match) {
        return StableIds.of(match.route().path(), ContractJson.writeString(match.groupLabels()));
    }

    /**
     * Adds an alert to the group of a route match and schedules the group's next flush: a new member makes the group
     * due at {@code created + group_wait} (never notified yet) or {@code last notification + group_interval}; a
     * fingerprint already notified is held until {@code notified + repeat_interval}.
     */
    public void add(Connection connection, RouteMatch match, Alert alert, Instant now) throws SQLException {
        RouteNode route = match.route();
        String groupId = groupId(match);
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO alert_group (group_id, route_path,"
                + " receivers, group_labels, group_wait_ms, group_interval_ms, repeat_interval_ms, created_at)"
                + " VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?) ON CONFLICT (group_id) DO UPDATE SET"
                + " receivers = EXCLUDED.receivers, group_wait_ms = EXCLUDED.group_wait_ms,"
                + " group_interval_ms = EXCLUDED.group_interval_ms, repeat_interval_ms = EXCLUDED.repeat_interval_ms"
                + " RETURNING created_at, last_notified_at, next_flush_at")) {
            upsert.setString(1, groupId);
            upsert.setString(2, route.path());
            upsert.setArray(3, connection.createArrayOf("text", route.receivers().toArray()));
            upsert.setString(4, ContractJson.writeString(match.groupLabels()));
            upsert.setLong(5, route.groupWait().toMillis());
            upsert.setLong(6, route.groupInterval().toMillis());
            upsert.setLong(7, route.repeatInterval().toMillis());
            Database.setInstant(upsert, 8, now);
            Instant createdAt;
            Instant lastNotifiedAt;
            Instant nextFlushAt;
            try (ResultSet rows = upsert.executeQuery()) {
                rows.next();
                createdAt = Database.getInstant(rows, "created_at");
                lastNotifiedAt = Database.getInstant(rows, "last_notified_at");
                nextFlushAt = Database.getInstant(rows, "next_flush_at");
            }
            Instant candidate = addMember(connection, groupId, alert, now, route, createdAt, lastNotifiedAt);
            if (candidate != null && (nextFlushAt == null || candidate.isBefore(nextFlushAt))) {
                try (PreparedStatement schedule = connection.prepareStatement(
                        "UPDATE alert_group SET next_flush_at = ? WHERE group_id = ?")) {
                    Database.setInstant(schedule, 1, candidate);
                    schedule.setString(2, groupId);
                    schedule.executeUpdate();
                }
            }
        }
    }

    /** @return when the group should flush because of this alert, or null when this alert needs no flush */
    private static Instant addMember(Connection connection, String groupId, Alert alert, Instant now,
            RouteNode route, Instant createdAt, Instant lastNotifiedAt) throws SQLException {
        try (PreparedStatement member = connection.prepareStatement("INSERT INTO group_member (group_id,"
                + " fingerprint, alert_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (group_id, fingerprint) DO UPDATE SET alert_id = EXCLUDED.alert_id,"
                + " last_seen_at = EXCLUDED.last_seen_at RETURNING notified_at, (xmax = 0) AS inserted")) {
            member.setString(1, groupId);
            member.setString(2, alert.fingerprint());
            member.setString(3, alert.id());
            Database.setInstant(member, 4, now);
            Database.setInstant(member, 5, now);
            try (ResultSet rows = member.executeQuery()) {
                rows.next();
                Instant notifiedAt = Database.getInstant(rows, "notified_at");
                if (notifiedAt != null) {
                    return notifiedAt.plus(route.repeatInterval());
                }
                if (!rows.getBoolean("inserted")) {
                    return null;
                }
            }
        }
        if (lastNotifiedAt == null) {
            return createdAt.plus(route.groupWait());
        }
        Instant afterInterval = lastNotifiedAt.plus(route.groupInterval());
        return afterInterval.isBefore(now) ? now : afterInterval;
    }

    /** Locks groups due at {@code now}, oldest first, skipping those another instance holds. */
    public List<DueGroup> lockDue(Connection connection, Instant now, int limit) throws SQLException {
        List<DueGroup> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT group_id, route_path, receivers,"
                + " group_labels, repeat_interval_ms FROM alert_group WHERE next_flush_at <= ?"
                + " ORDER BY next_flush_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            Database.setInstant(select, 1, now);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(new DueGroup(rows.getString("group_id"), rows.getString("route_path"),
                            Arrays.asList((String[]) rows.getArray("receivers").getArray()),
                            rows.getString("group_labels"), Duration.ofMillis(rows.getLong("repeat_interval_ms"))));
                }
            }
        }
        return due;
    }

    /** @return the members of a group with whether their fingerprint is acknowledged */
    public List<Member> members(Connection connection, String groupId) throws SQLException {
        List<Member> members = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT m.fingerprint, m.alert_id,"
                + " m.last_seen_at, m.notified_at, (k.fingerprint IS NOT NULL) AS acknowledged FROM group_member m"
                + " LEFT JOIN acknowledgement k ON k.fingerprint = m.fingerprint WHERE m.group_id = ?"
                + " ORDER BY m.first_seen_at, m.fingerprint")) {
            select.setString(1, groupId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    members.add(new Member(rows.getString("fingerprint"), rows.getString("alert_id"),
                            Database.getInstant(rows, "last_seen_at"), Database.getInstant(rows, "notified_at"),
                            rows.getBoolean("acknowledged")));
                }
            }
        }
        return members;
    }

    /** Marks members notified at {@code now}. */
    public void markNotified(Connection connection, String groupId, List<String> fingerprints, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE group_member SET notified_at = ?"
                + " WHERE group_id = ? AND fingerprint = ANY (?)")) {
            Database.setInstant(update, 1, now);
            update.setString(2, groupId);
            update.setArray(3, connection.createArrayOf("text", fingerprints.toArray()));
            update.executeUpdate();
        }
    }

    /** Records a flush: when the group was last notified (unchanged when null) and when it is next due (or never). */
    public void flushed(Connection connection, String groupId, Instant notifiedAt, Instant nextFlushAt)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE alert_group SET"
                + " last_notified_at = COALESCE(?, last_notified_at), next_flush_at = ? WHERE group_id = ?")) {
            Database.setInstant(update, 1, notifiedAt);
            Database.setInstant(update, 2, nextFlushAt);
            update.setString(3, groupId);
            update.executeUpdate();
        }
    }
}
