package io.vigil.notify.dispatch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.contract.ContractJson;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.store.Database;
import io.vigil.notify.store.InsertedKeys;
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
import java.util.List;
import java.util.Optional;

/** The {@code notification} table: the outbox of notifications to send, with their attempts and status. */
@ApplicationScoped
public class NotificationRepository {

    /** Still to be delivered (possibly after a backoff). */
    public static final String PENDING = "PENDING";
    /** Delivered. */
    public static final String DELIVERED = "DELIVERED";
    /** Every attempt failed; replayable. */
    public static final String DEAD_LETTERED = "DEAD_LETTERED";

    // along notification_leased (V6), like the claim of expired leases; parameters: now, now, limit
    static final String DEAD_LETTER_INTERRUPTED = "UPDATE notification SET status = 'DEAD_LETTERED',"
            + " lease_until = NULL, updated_at = ?, last_error = 'Attempt ' || attempts || ' of ' || attempt_limit"
            + " || ' was interrupted: no outcome was recorded before its lease ran out; no attempt is left'"
            + " WHERE notification_id IN (SELECT notification_id FROM notification WHERE status = 'PENDING'"
            + " AND lease_until <= ? AND attempts >= attempt_limit LIMIT ? FOR UPDATE SKIP LOCKED)"
            + " RETURNING *, true AS interrupted";

    /**
     * A notification row.
     *
     * @param id the notification id (idempotency key)
     * @param groupId its group, null for acknowledge, resolve and escalation notifications
     * @param groupLabelsJson the group labels as JSON
     * @param receiver the receiver name
     * @param action why it is sent
     * @param alertIds the alerts it carries
     * @param note context; nullable
     * @param status PENDING, DELIVERED or DEAD_LETTERED
     * @param attempts attempts started so far
     * @param attemptLimit the attempt after which it is dead-lettered
     * @param nextAttemptAt when the next attempt is due
     * @param createdAt when it was created
     * @param updatedAt when it last changed
     * @param lastError the error of the last failed attempt; nullable
     * @param interrupted whether the previous claim's lease expired without an outcome (only from a claim)
     */
    public record Row(
            @JsonProperty("id") String id,
            @JsonProperty("groupId") String groupId,
            @JsonProperty("groupLabels") String groupLabelsJson,
            @JsonProperty("receiver") String receiver,
            @JsonProperty("action") NotificationAction action,
            @JsonProperty("alertIds") List<String> alertIds,
            @JsonProperty("note") String note,
            @JsonProperty("status") String status,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("attemptLimit") int attemptLimit,
            @JsonProperty("nextAttemptAt") Instant nextAttemptAt,
            @JsonProperty("createdAt") Instant createdAt,
            @JsonProperty("updatedAt") Instant updatedAt,
            @JsonProperty("lastError") String lastError,
            @JsonProperty("interrupted") boolean interrupted) {
    }

    /** A notification to queue. */
    public record NewNotification(String id, String groupId, String groupLabelsJson, String receiver,
            NotificationAction action, List<String> alertIds, String note, int attemptLimit) {
    }

    /** Queues notifications in one statement; ids queued before are left as they were. */
    public void insertAll(Connection connection, List<NewNotification> queued, Instant now) throws SQLException {
        insertAll(connection, queued, now, 0, null);
    }

    /**
     * Queues notifications already claimed by the caller (their first attempt counted, reserved until
     * {@code leaseUntil}), as {@link #claim} would leave them; ids queued before are left as they were.
     *
     * @return the rows inserted, as a claim returns them (a notification queued before is not among them)
     */
    public List<Row> insertClaimed(Connection connection, List<NewNotification> queued, Instant now,
            Instant leaseUntil) throws SQLException {
        boolean[] inserted = insertAll(connection, queued, now, 1, leaseUntil);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < queued.size(); i++) {
            NewNotification n = queued.get(i);
            if (inserted[i]) {
                rows.add(new Row(n.id(), n.groupId(), n.groupLabelsJson(), n.receiver(), n.action(), n.alertIds(),
                        n.note(), PENDING, 1, n.attemptLimit(), now, now, now, null, false));
            }
        }
        return rows;
    }

    private static boolean[] insertAll(Connection connection, List<NewNotification> queued, Instant now,
            int attempts, Instant leaseUntil) throws SQLException {
        if (queued.isEmpty()) {
            return new boolean[0];
        }
        // alert ids differ in number per row: each row's travel as a JSON array
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notification (notification_id,"
                + " group_id, group_labels, receiver, action, alert_ids, note, status, attempt_limit,"
                + " next_attempt_at, created_at, updated_at, attempts, lease_until)"
                + " SELECT n.id, n.group_id, n.group_labels::jsonb, n.receiver, n.action,"
                + " ARRAY(SELECT jsonb_array_elements_text(n.alert_ids::jsonb)), n.note, 'PENDING', n.attempt_limit,"
                + " ?::timestamptz, ?::timestamptz, ?::timestamptz, ?, ?::timestamptz FROM unnest(?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int4[])"
                + " AS n (id, group_id, group_labels, receiver, action, alert_ids, note, attempt_limit)"
                + " ON CONFLICT (notification_id) DO NOTHING RETURNING notification_id")) {
            Database.setInstant(insert, 1, now);
            Database.setInstant(insert, 2, now);
            Database.setInstant(insert, 3, now);
            insert.setInt(4, attempts);
            Database.setInstant(insert, 5, leaseUntil);
            insert.setArray(6, RowArrays.text(connection, queued, NewNotification::id));
            insert.setArray(7, RowArrays.text(connection, queued, NewNotification::groupId));
            insert.setArray(8, RowArrays.text(connection, queued, NewNotification::groupLabelsJson));
            insert.setArray(9, RowArrays.text(connection, queued, NewNotification::receiver));
            insert.setArray(10, RowArrays.text(connection, queued, n -> n.action().name()));
            insert.setArray(11, RowArrays.text(connection, queued, n -> ContractJson.writeString(n.alertIds())));
            insert.setArray(12, RowArrays.text(connection, queued, NewNotification::note));
            insert.setArray(13, RowArrays.integers(connection, queued, NewNotification::attemptLimit));
            return InsertedKeys.insert(insert, queued, NewNotification::id);
        }
    }

    /** Queues a notification; an id queued before is left as it was. */
    public void insert(Connection connection, String id, String groupId, Object groupLabels, String receiver,
            NotificationAction action, List<String> alertIds, String note, int attemptLimit, Instant now)
            throws SQLException {
        insert(connection, id, groupId, groupLabels, receiver, action, alertIds, note, attemptLimit, List.of(), now);
    }

    /**
     * Queues a notification that is not claimed while any of {@code waitsFor} is {@code PENDING} (an acknowledge
     * behind a trigger still being retried); an id queued before is left as it was.
     */
    public void insert(Connection connection, String id, String groupId, Object groupLabels, String receiver,
            NotificationAction action, List<String> alertIds, String note, int attemptLimit, List<String> waitsFor,
            Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notification (notification_id,"
                + " group_id, group_labels, receiver, action, alert_ids, note, status, attempt_limit,"
                + " next_attempt_at, created_at, updated_at, waits_for)"
                + " VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)"
                + " ON CONFLICT (notification_id) DO NOTHING")) {
            insert.setString(1, id);
            insert.setString(2, groupId);
            insert.setString(3, groupLabels instanceof String json ? json : ContractJson.writeString(groupLabels));
            insert.setString(4, receiver);
            insert.setString(5, action.name());
            insert.setArray(6, connection.createArrayOf("text", alertIds.toArray()));
            insert.setString(7, note);
            insert.setInt(8, attemptLimit);
            Database.setInstant(insert, 9, now);
            Database.setInstant(insert, 10, now);
            Database.setInstant(insert, 11, now);
            insert.setArray(12, waitsFor.isEmpty() ? null : connection.createArrayOf("text", waitsFor.toArray()));
            insert.executeUpdate();
        }
    }

    /**
     * Claims due notifications: counts the attempt and reserves the row until {@code now + lease}. Rows whose
     * earlier lease ran out without an outcome come first, back with {@link Row#interrupted()} set. A row waiting
     * for others ({@code waits_for}) is left while any of them is {@code PENDING}.
     */
    public List<Row> claim(Connection connection, Instant now, Duration lease, int limit,
            Collection<String> blockedReceivers) throws SQLException {
        List<Row> claimed = new ArrayList<>(
                claim(connection, Claimable.EXPIRED_LEASES, now, lease, limit, blockedReceivers));
        if (claimed.size() < limit) {
            claimed.addAll(claim(connection, Claimable.UNLEASED, now, lease, limit - claimed.size(), blockedReceivers));
        }
        return claimed;
    }

    /**
     * The rows one claim looks at, each along its own partial index (V6): rows nobody holds, in the order they fell
     * due ({@code notification_due}), and rows whose holder's lease ran out ({@code notification_leased}). One claim
     * over both would also walk past every row in flight, whose lease is still running.
     */
    enum Claimable {
        /** rows nobody holds, due now */
        UNLEASED("lease_until IS NULL AND next_attempt_at <= ?", "next_attempt_at"),
        /** rows whose holder's lease ran out without an outcome: their attempt was interrupted */
        EXPIRED_LEASES("lease_until <= ?", "lease_until");

        /** the condition, with one parameter: now */
        final String condition;
        final String order;

        Claimable(String condition, String order) {
            this.condition = condition;
            this.order = order;
        }
    }

    /** @return the claim of rows of one kind; parameters: now, blocked receivers, limit, lease end, now */
    static String claimStatement(Claimable claimable) {
        return "WITH due AS (SELECT notification_id, lease_until AS previous_lease FROM notification c"
                + " WHERE status = 'PENDING' AND " + claimable.condition + " AND attempts < attempt_limit"
                + " AND NOT (receiver = ANY (?)) AND (c.waits_for IS NULL OR NOT EXISTS (SELECT 1 FROM notification w"
                + " WHERE w.notification_id = ANY (c.waits_for) AND w.status = 'PENDING'))"
                + " ORDER BY " + claimable.order + " LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE notification n SET attempts = n.attempts + 1, lease_until = ?, updated_at = ?"
                + " FROM due WHERE n.notification_id = due.notification_id"
                + " RETURNING n.*, (due.previous_lease IS NOT NULL) AS interrupted";
    }

    private static List<Row> claim(Connection connection, Claimable claimable, Instant now, Duration lease,
            int limit, Collection<String> blockedReceivers) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(claimStatement(claimable))) {
            Database.setInstant(claim, 1, now);
            claim.setArray(2, connection.createArrayOf("text", blockedReceivers.toArray()));
            claim.setInt(3, limit);
            Database.setInstant(claim, 4, now.plus(lease));
            Database.setInstant(claim, 5, now);
            return read(claim, true);
        }
    }

    /**
     * Dead-letters notifications whose last allowed attempt was interrupted (claimed, lease run out without an
     * outcome): they get no attempt beyond their limit, and a replay can send them again.
     *
     * @return the rows dead-lettered, {@link Row#interrupted()} set
     */
    public List<Row> deadLetterInterrupted(Connection connection, Instant now, int limit) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(DEAD_LETTER_INTERRUPTED)) {
            Database.setInstant(update, 1, now);
            Database.setInstant(update, 2, now);
            update.setInt(3, limit);
            return read(update, true);
        }
    }

    /** Gives claimed rows back without spending their attempt (their receiver's circuit let only one through). */
    public void release(Connection connection, List<String> ids) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE notification SET"
                + " attempts = attempts - 1, lease_until = NULL WHERE notification_id = ANY (?)")) {
            update.setArray(1, connection.createArrayOf("text", ids.toArray()));
            update.executeUpdate();
        }
    }

    /**
     * The outcome of an attempt to write.
     *
     * @param id the notification
     * @param status its new status
     * @param nextAttemptAt when the next attempt is due; null keeps the current value
     * @param lastError the attempt's error; null when delivered
     */
    public record Completion(String id, String status, Instant nextAttemptAt, String lastError) {
    }

    /** Records the outcomes of attempts and ends their leases, in one batch. */
    public void complete(Connection connection, List<Completion> completions, Instant now) throws SQLException {
        if (completions.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE notification n SET status = c.status,"
                + " next_attempt_at = COALESCE(c.next_attempt_at, n.next_attempt_at), lease_until = NULL,"
                + " last_error = c.last_error, updated_at = ? FROM unnest(?::text[], ?::text[], ?::timestamptz[],"
                + " ?::text[]) AS c (notification_id, status, next_attempt_at, last_error)"
                + " WHERE n.notification_id = c.notification_id")) {
            Database.setInstant(update, 1, now);
            update.setArray(2, RowArrays.text(connection, completions, Completion::id));
            update.setArray(3, RowArrays.text(connection, completions, Completion::status));
            update.setArray(4, RowArrays.instants(connection, completions, Completion::nextAttemptAt));
            update.setArray(5, RowArrays.text(connection, completions, Completion::lastError));
            update.executeUpdate();
        }
    }

    /** @return the notification, if it exists */
    public Optional<Row> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT *, false AS interrupted FROM notification WHERE notification_id = ?")) {
            select.setString(1, id);
            return read(select, false).stream().findFirst();
        }
    }

    /** @return notifications in a status, most recently changed first */
    public List<Row> list(Connection connection, String status, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT *, false AS interrupted FROM notification"
                + " WHERE status = ? ORDER BY updated_at DESC, notification_id LIMIT ?")) {
            select.setString(1, status);
            select.setInt(2, limit);
            return read(select, false);
        }
    }

    /** @return notifications that carry an alert of a fingerprint, oldest first */
    public List<Row> forFingerprint(Connection connection, String fingerprint) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT *, false AS interrupted FROM notification"
                + " WHERE alert_ids && ARRAY(SELECT alert_id FROM alert WHERE fingerprint = ?)"
                + " ORDER BY created_at, notification_id")) {
            select.setString(1, fingerprint);
            return read(select, false);
        }
    }

    /** @return notifications that carry an alert */
    public List<Row> forAlert(Connection connection, String alertId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT *, false AS interrupted FROM notification"
                + " WHERE ? = ANY (alert_ids) ORDER BY created_at, notification_id")) {
            select.setString(1, alertId);
            return read(select, false);
        }
    }

    /**
     * Puts a dead-lettered notification back in the outbox with {@code extraAttempts} more attempts.
     *
     * @return whether it was dead-lettered (and is now pending)
     */
    public boolean replay(Connection connection, String id, int extraAttempts, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE notification SET status = 'PENDING',"
                + " attempt_limit = attempts + ?, next_attempt_at = ?, updated_at = ?"
                + " WHERE notification_id = ? AND status = 'DEAD_LETTERED'")) {
            update.setInt(1, extraAttempts);
            Database.setInstant(update, 2, now);
            Database.setInstant(update, 3, now);
            update.setString(4, id);
            return update.executeUpdate() == 1;
        }
    }

    private static List<Row> read(PreparedStatement select, boolean claimed) throws SQLException {
        List<Row> result = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                result.add(new Row(rows.getString("notification_id"), rows.getString("group_id"),
                        rows.getString("group_labels"), rows.getString("receiver"),
                        NotificationAction.valueOf(rows.getString("action")),
                        Arrays.asList((String[]) rows.getArray("alert_ids").getArray()), rows.getString("note"),
                        rows.getString("status"), rows.getInt("attempts"), rows.getInt("attempt_limit"),
                        Database.getInstant(rows, "next_attempt_at"), Database.getInstant(rows, "created_at"),
                        Database.getInstant(rows, "updated_at"), rows.getString("last_error"),
                        claimed && rows.getBoolean("interrupted")));
            }
        }
        return result;
    }
}
