package io.vigil.notify.grouping;

import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.StableIds;
import io.vigil.notify.routing.RouteMatch;
import io.vigil.notify.store.Database;
import io.vigil.notify.store.RowArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code alert_group} and {@code group_member} tables. */
@ApplicationScoped
public class GroupRepository {

    private static final String DUE_COLUMNS = "SELECT group_id, route_path, receivers, group_labels,"
            + " repeat_interval_ms FROM alert_group";
    private static final String DUE_COLUMNS_AND_DUE = "SELECT group_id, route_path, receivers, group_labels,"
            + " repeat_interval_ms, next_flush_at FROM alert_group";

    /** A group due for a flush, locked by the caller's transaction. */
    public record DueGroup(String groupId, String routePath, List<String> receivers, String groupLabelsJson,
            Duration repeatInterval) {
    }

    /**
     * A member of a group: the latest alert of a fingerprint on the group's route, with the fingerprint's current
     * acknowledgement (all three null when it has none).
     *
     * @param acknowledgedBy who acknowledged the fingerprint; null when never acknowledged
     * @param acknowledgedAt when
     * @param resolvedAt when the acknowledgement was resolved; null while it is active
     */
    public record Member(String fingerprint, String alertId, Instant lastSeenAt, Instant notifiedAt,
            String acknowledgedBy, Instant acknowledgedAt, Instant resolvedAt) {

        /** @return whether the fingerprint is acknowledged and not resolved: nothing of it is sent */
        public boolean acknowledged() {
            return acknowledgedBy != null && resolvedAt == null;
        }

        /**
         * @return whether the fingerprint was notified, then resolved, and fired again since: a new incident, sent
         *         as firing (not held as a repeat)
         */
        public boolean reopened() {
            return resolvedAt != null && notifiedAt != null && !notifiedAt.isAfter(resolvedAt)
                    && lastSeenAt.isAfter(resolvedAt);
        }
    }

    /**
     * A membership a resolve ended.
     *
     * @param pending whether it held an alert not yet notified (it is not sent: the resolve closed it)
     */
    public record EndedMember(String groupId, String routePath, List<String> receivers, String alertId,
            boolean pending) {
    }

    /**
     * An alert joining the group of a route match.
     *
     * @param groupId the group's id ({@link #groupId(RouteMatch)}), derived once: hashing the labels is not free
     */
    public record Membership(RouteMatch match, Alert alert, String groupId) {

        public Membership(RouteMatch match, Alert alert) {
            this(match, alert, GroupRepository.groupId(match));
        }
    }

    /**
     * A group the upsert just created for a route due at once ({@code group_wait} 0), with its members as a flush
     * would read them. It was written already flushed: notified now, nothing due after (a new group has no member
     * notified before, so no repeat), its members notified. That is the state a flush of it now leaves, so the
     * caller computes the flush's notifications from this without the two updates and two reads of a flush.
     */
    public record CreatedDue(DueGroup group, List<Member> members) {
    }

    /**
     * Adds alerts to the groups of their route matches in at most four statements, whatever their number, and
     * schedules each touched group's next flush as {@link #add} does.
     *
     * <p>
     * The upserts lock the groups and memberships in {@link #LOCK_ORDER}, the order every transaction that locks
     * several groups takes ({@link #endMemberships}, {@link #lockDueAmong}): in arrival order, an alert on two
     * routes (unrelated group ids) could lock them in the opposite order of a concurrent resolve, and deadlock.
     *
     * @return the groups created due at once, written already flushed: the caller must queue their notifications
     *         in this transaction ({@link GroupFlusher#flushCreated}); the other touched groups follow the schedule
     */
    public List<CreatedDue> addAll(Connection connection, List<Membership> arrived, Instant now)
            throws SQLException {
        if (arrived.isEmpty()) {
            return List.of();
        }
        List<Membership> memberships = inLockOrder(arrived);
        // one row per group and per member, as an upsert may not touch a row twice; the later alert of a
        // fingerprint is the member (inLockOrder keeps arrival order among equal keys)
        Map<String, Membership> byGroup = new LinkedHashMap<>();
        Map<List<String>, Membership> byMember = new LinkedHashMap<>();
        for (Membership membership : memberships) {
            byGroup.putIfAbsent(membership.groupId(), membership);
            byMember.put(List.of(membership.groupId(), membership.alert().fingerprint()), membership);
        }
        List<Membership> groups = List.copyOf(byGroup.values());
        List<Membership> members = List.copyOf(byMember.values());
        // a new group is due at created + group_wait, set on insert so that scheduling need not update it again;
        // one due at once (group_wait 0) is flushed by the caller now, so it is inserted as that flush leaves it
        Set<String> created = new HashSet<>();
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO alert_group (group_id, route_path,"
                + " receivers, group_labels, group_wait_ms, group_interval_ms, repeat_interval_ms, created_at,"
                + " last_notified_at, next_flush_at) SELECT g.group_id, g.route_path,"
                + " ARRAY(SELECT jsonb_array_elements_text(g.receivers::jsonb)), g.group_labels::jsonb,"
                + " g.group_wait_ms, g.group_interval_ms, g.repeat_interval_ms, ?::timestamptz,"
                + " CASE WHEN g.group_wait_ms = 0 THEN ?::timestamptz END,"
                + " CASE WHEN g.group_wait_ms > 0 THEN ?::timestamptz + g.group_wait_ms * interval '1 millisecond' END"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::int8[])"
                + " AS g (group_id, route_path, receivers, group_labels, group_wait_ms, group_interval_ms,"
                + " repeat_interval_ms) ON CONFLICT (group_id) DO UPDATE SET"
                + " receivers = EXCLUDED.receivers, group_wait_ms = EXCLUDED.group_wait_ms,"
                + " group_interval_ms = EXCLUDED.group_interval_ms, repeat_interval_ms = EXCLUDED.repeat_interval_ms"
                // a row version the upsert inserted has no xmax; one it updated carries the updating transaction's
                + " RETURNING group_id, xmax = 0 AS inserted");
                PreparedStatement member = connection.prepareStatement("INSERT INTO group_member (group_id,"
                        + " fingerprint, alert_id, first_seen_at, last_seen_at, notified_at) SELECT m.group_id,"
                        + " m.fingerprint, m.alert_id, ?::timestamptz, ?::timestamptz,"
                        + " CASE WHEN m.notified THEN ?::timestamptz END"
                        + " FROM unnest(?::text[], ?::text[], ?::text[], ?::boolean[])"
                        + " AS m (group_id, fingerprint, alert_id, notified)"
                        + " ON CONFLICT (group_id, fingerprint) DO UPDATE SET alert_id = EXCLUDED.alert_id,"
                        + " last_seen_at = EXCLUDED.last_seen_at")) {
            Database.setInstant(upsert, 1, now);
            Database.setInstant(upsert, 2, now);
            Database.setInstant(upsert, 3, now);
            upsert.setArray(4, RowArrays.text(connection, groups, Membership::groupId));
            upsert.setArray(5, RowArrays.text(connection, groups, m -> m.match().route().path()));
            upsert.setArray(6, RowArrays.text(connection, groups,
                    m -> ContractJson.writeString(m.match().route().receivers())));
            upsert.setArray(7,
                    RowArrays.text(connection, groups, m -> ContractJson.writeString(m.match().groupLabels())));
            upsert.setArray(8, RowArrays.longs(connection, groups, m -> m.match().route().groupWait().toMillis()));
            upsert.setArray(9, RowArrays.longs(connection, groups, m -> m.match().route().groupInterval().toMillis()));
            upsert.setArray(10,
                    RowArrays.longs(connection, groups, m -> m.match().route().repeatInterval().toMillis()));
            try (ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    if (rows.getBoolean("inserted")) {
                        created.add(rows.getString("group_id"));
                    }
                }
            }
            // a group created now has no older members, so each of its members is inserted, not updated
            Set<String> createdDue = new HashSet<>();
            groups.stream().filter(m -> created.contains(m.groupId()) && m.match().route().groupWait().isZero())
                    .forEach(m -> createdDue.add(m.groupId()));
            Database.setInstant(member, 1, now);
            Database.setInstant(member, 2, now);
            Database.setInstant(member, 3, now);
            member.setArray(4, RowArrays.text(connection, members, Membership::groupId));
            member.setArray(5, RowArrays.text(connection, members, m -> m.alert().fingerprint()));
            member.setArray(6, RowArrays.text(connection, members, m -> m.alert().id()));
            member.setArray(7, RowArrays.booleans(connection, members, m -> createdDue.contains(m.groupId())));
            member.executeUpdate();
            schedule(connection, memberships.stream().filter(m -> !created.contains(m.groupId())).toList(), now);
            return createdDue(connection, groups, members, createdDue, now);
        }
    }

    /**
     * @return the groups created due at once, each with its members (in {@link #members} order: all were first seen
     *         now, so by fingerprint) and their fingerprints' acknowledgements
     */
    private static List<CreatedDue> createdDue(Connection connection, List<Membership> groups,
            List<Membership> members, Set<String> createdDue, Instant now) throws SQLException {
        if (createdDue.isEmpty()) {
            return List.of();
        }
        List<Membership> newMembers = members.stream().filter(m -> createdDue.contains(m.groupId()))
                .sorted(Comparator.comparing(m -> m.alert().fingerprint())).toList();
        Map<String, Acknowledged> acknowledged = acknowledgements(connection,
                newMembers.stream().map(m -> m.alert().fingerprint()).distinct().toList());
        Map<String, List<Member>> byGroup = new LinkedHashMap<>();
        for (Membership membership : newMembers) {
            Acknowledged ack = acknowledged.getOrDefault(membership.alert().fingerprint(), Acknowledged.NONE);
            byGroup.computeIfAbsent(membership.groupId(), id -> new ArrayList<>()).add(new Member(
                    membership.alert().fingerprint(), membership.alert().id(), now, null, ack.by(), ack.at(),
                    ack.resolvedAt()));
        }
        List<CreatedDue> due = new ArrayList<>();
        for (Membership group : groups) {
            if (createdDue.contains(group.groupId())) {
                due.add(new CreatedDue(new DueGroup(group.groupId(), group.match().route().path(),
                        group.match().route().receivers(), ContractJson.writeString(group.match().groupLabels()),
                        group.match().route().repeatInterval()), byGroup.get(group.groupId())));
            }
        }
        return due;
    }

    /** A fingerprint's acknowledgement, as {@link Member} carries it. */
    private record Acknowledged(String by, Instant at, Instant resolvedAt) {

        /** A fingerprint never acknowledged. */
        static final Acknowledged NONE = new Acknowledged(null, null, null);
    }

    private static Map<String, Acknowledged> acknowledgements(Connection connection, List<String> fingerprints)
            throws SQLException {
        Map<String, Acknowledged> found = new java.util.HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT fingerprint, acknowledged_by,"
                + " acknowledged_at, resolved_at FROM acknowledgement WHERE fingerprint = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("text", fingerprints.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString("fingerprint"), new Acknowledged(rows.getString("acknowledged_by"),
                            Database.getInstant(rows, "acknowledged_at"), Database.getInstant(rows, "resolved_at")));
                }
            }
        }
        return found;
    }

    /**
     * Schedules the next flush of groups that existed before these memberships arrived (memberships in lock order).
     */
    private static void schedule(Connection connection, List<Membership> existing, Instant now)
            throws SQLException {
        // A member already notified is due again at notified + repeat_interval; a member first seen now makes its
        // group due at created + group_wait (never notified) or last notification + group_interval (at least now).
        // A group created now has only members first seen now and already carries that due time, so only the
        // groups that existed are scheduled (for a burst of new groups, the statement is not run at all).
        if (existing.isEmpty()) {
            return;
        }
        try (PreparedStatement schedule = connection.prepareStatement("UPDATE alert_group g SET next_flush_at ="
                + " LEAST(COALESCE(g.next_flush_at, c.due), c.due) FROM (SELECT m.group_id, MIN(CASE"
                + " WHEN m.notified_at IS NOT NULL THEN m.notified_at + a.repeat_interval_ms * interval '1 millisecond'"
                + " WHEN m.first_seen_at = ? AND a.last_notified_at IS NULL"
                + " THEN a.created_at + a.group_wait_ms * interval '1 millisecond'"
                + " WHEN m.first_seen_at = ?"
                + " THEN GREATEST(?, a.last_notified_at + a.group_interval_ms * interval '1 millisecond') END) AS due"
                + " FROM group_member m JOIN alert_group a ON a.group_id = m.group_id"
                + " WHERE (m.group_id, m.fingerprint) IN (SELECT * FROM unnest(?::text[], ?::text[]))"
                + " GROUP BY m.group_id) c WHERE g.group_id = c.group_id AND c.due IS NOT NULL"
                // an update that changes nothing still writes a row version (and index entries: next_flush_at is
                // indexed); new groups already carry their due time
                + " AND g.next_flush_at IS DISTINCT FROM LEAST(COALESCE(g.next_flush_at, c.due), c.due)")) {
            Database.setInstant(schedule, 1, now);
            Database.setInstant(schedule, 2, now);
            Database.setInstant(schedule, 3, now);
            schedule.setArray(4, RowArrays.text(connection, existing, Membership::groupId));
            schedule.setArray(5, RowArrays.text(connection, existing, m -> m.alert().fingerprint()));
            schedule.executeUpdate();
        }
    }

    /**
     * The order in which a transaction locks groups and their members: by group id, then fingerprint. The sort is
     * stable, so two alerts of one fingerprint in one group stay in arrival order (the later one is the member).
     */
    static final Comparator<Membership> LOCK_ORDER = Comparator.comparing(Membership::groupId)
            .thenComparing(membership -> membership.alert().fingerprint());

    /** @return the memberships sorted in {@link #LOCK_ORDER} (a copy; arrival order is kept among equal keys) */
    static List<Membership> inLockOrder(List<Membership> memberships) {
        List<Membership> sorted = new ArrayList<>(memberships);
        sorted.sort(LOCK_ORDER);
        return sorted;
    }

    /** @return the members of several groups, by group id, with their fingerprint's acknowledgement */
    public Map<String, List<Member>> members(Connection connection, List<String> groupIds)
            throws SQLException {
        Map<String, List<Member>> members = new java.util.HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT m.group_id, m.fingerprint, m.alert_id,"
                + " m.last_seen_at, m.notified_at, k.acknowledged_by, k.acknowledged_at, k.resolved_at"
                + " FROM group_member m LEFT JOIN acknowledgement k ON k.fingerprint = m.fingerprint"
                + " WHERE m.group_id = ANY (?) ORDER BY m.first_seen_at, m.fingerprint")) {
            select.setArray(1, connection.createArrayOf("text", groupIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    members.computeIfAbsent(rows.getString("group_id"), id -> new ArrayList<>()).add(new Member(
                            rows.getString("fingerprint"), rows.getString("alert_id"),
                            Database.getInstant(rows, "last_seen_at"), Database.getInstant(rows, "notified_at"),
                            rows.getString("acknowledged_by"), Database.getInstant(rows, "acknowledged_at"),
                            Database.getInstant(rows, "resolved_at")));
                }
            }
        }
        return members;
    }

    /**
     * Ends the group memberships of a resolved fingerprint whose latest alert arrived at or before {@code resolvedAt}
     * (locking their groups first, as a flush does, in group id order as {@link #addAll} does), so that an alert of
     * it arriving later starts afresh: it fires after {@code group_wait} / {@code group_interval} instead of waiting
     * for {@code repeat_interval}.
     *
     * @return the memberships ended, with whether each still held an alert not notified
     */
    public List<EndedMember> endMemberships(Connection connection, String fingerprint, Instant resolvedAt)
            throws SQLException {
        List<EndedMember> ended = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT m.group_id, g.route_path, g.receivers,"
                + " m.alert_id, (m.notified_at IS NULL OR m.last_seen_at > m.notified_at) AS pending"
                + " FROM group_member m JOIN alert_group g ON g.group_id = m.group_id"
                + " WHERE m.fingerprint = ? AND m.last_seen_at <= ? ORDER BY m.group_id FOR UPDATE OF g, m")) {
            select.setString(1, fingerprint);
            Database.setInstant(select, 2, resolvedAt);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ended.add(new EndedMember(rows.getString("group_id"), rows.getString("route_path"),
                            Arrays.asList((String[]) rows.getArray("receivers").getArray()),
                            rows.getString("alert_id"), rows.getBoolean("pending")));
                }
            }
        }
        if (ended.isEmpty()) {
            return ended;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM group_member WHERE fingerprint = ?"
                + " AND group_id = ANY (?)")) {
            delete.setString(1, fingerprint);
            delete.setArray(2, connection.createArrayOf("text", ended.stream().map(EndedMember::groupId).toArray()));
            delete.executeUpdate();
        }
        return ended;
    }

    /** The outcome of flushing one group. */
    public record Flush(String groupId, List<String> notifiedFingerprints, Instant notifiedAt, Instant nextFlushAt) {
    }

    /** A fingerprint of a group notified by a flush. */
    private record Notified(String groupId, String fingerprint, Instant notifiedAt) {
    }

    /** Writes the outcomes of flushes (each group once, locked by the caller) in two statements. */
    public void flushedAll(Connection connection, List<Flush> flushes) throws SQLException {
        if (flushes.isEmpty()) {
            return;
        }
        List<Notified> notified = flushes.stream().flatMap(flush -> flush.notifiedFingerprints().stream()
                .map(fingerprint -> new Notified(flush.groupId(), fingerprint, flush.notifiedAt()))).toList();
        if (!notified.isEmpty()) {
            try (PreparedStatement members = connection.prepareStatement("UPDATE group_member m"
                    + " SET notified_at = f.notified_at FROM unnest(?::text[], ?::text[], ?::timestamptz[])"
                    + " AS f (group_id, fingerprint, notified_at)"
                    + " WHERE m.group_id = f.group_id AND m.fingerprint = f.fingerprint")) {
                members.setArray(1, RowArrays.text(connection, notified, Notified::groupId));
                members.setArray(2, RowArrays.text(connection, notified, Notified::fingerprint));
                members.setArray(3, RowArrays.instants(connection, notified, Notified::notifiedAt));
                members.executeUpdate();
            }
        }
        try (PreparedStatement groups = connection.prepareStatement("UPDATE alert_group g"
                + " SET last_notified_at = COALESCE(f.notified_at, g.last_notified_at), next_flush_at = f.next_flush_at"
                + " FROM unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) AS f (group_id, notified_at,"
                + " next_flush_at) WHERE g.group_id = f.group_id")) {
            groups.setArray(1, RowArrays.text(connection, flushes, Flush::groupId));
            groups.setArray(2, RowArrays.instants(connection, flushes, Flush::notifiedAt));
            groups.setArray(3, RowArrays.instants(connection, flushes, Flush::nextFlushAt));
            groups.executeUpdate();
        }
    }

    /** @return the group id of a route match: the route and the values of its group labels */
    public static String groupId(RouteMatch match) {
        return StableIds.of(match.route().path(), ContractJson.writeString(match.groupLabels()));
    }

    /**
     * Locks those of the given groups that are due at {@code now}; the caller's transaction already holds them
     * (it just added members), so nothing is skipped. They are locked in group id order, as {@link #addAll} and
     * {@link #endMemberships} lock, and returned oldest due first.
     */
    public List<DueGroup> lockDueAmong(Connection connection, Collection<String> groupIds, Instant now)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM (" + DUE_COLUMNS_AND_DUE
                + " WHERE group_id = ANY (?) AND next_flush_at <= ? ORDER BY group_id FOR UPDATE) due"
                + " ORDER BY next_flush_at, group_id")) {
            select.setArray(1, connection.createArrayOf("text", groupIds.toArray()));
            Database.setInstant(select, 2, now);
            return readDue(select);
        }
    }

    /** Locks groups due at {@code now}, oldest first, skipping those another instance holds. */
    public List<DueGroup> lockDue(Connection connection, Instant now, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(DUE_COLUMNS + " WHERE next_flush_at <= ?"
                + " ORDER BY next_flush_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            Database.setInstant(select, 1, now);
            select.setInt(2, limit);
            return readDue(select);
        }
    }

    private static List<DueGroup> readDue(PreparedStatement select) throws SQLException {
        List<DueGroup> due = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                due.add(new DueGroup(rows.getString("group_id"), rows.getString("route_path"),
                        Arrays.asList((String[]) rows.getArray("receivers").getArray()),
                        rows.getString("group_labels"), Duration.ofMillis(rows.getLong("repeat_interval_ms"))));
            }
        }
        return due;
    }
}
