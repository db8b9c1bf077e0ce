package io.vigil.notify.ledger;

import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.notify.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code delivery_attempt} table: one row per attempt or suppression, in the order recorded ({@code seq}). */
@ApplicationScoped
public class LedgerRepository {

    private static final String COLUMNS = "seq, delivery_id, notification_id, alert_id, fingerprint, rule_id,"
            + " receiver, receiver_kind, attempt, status, attempted_at, latency_ms, response_code,"
            + " provider_message_id, error";

    // the same predicate as the partial index delivery_attempt_unpublished (V2), so the lookup uses it
    private static final String PUBLISHED_STATUSES = "status NOT IN ('QUEUED', 'UNROUTED')";

    /** Records attempts; a delivery id recorded before is left as it was (replays of the same work). */
    public void record(Connection connection, List<Delivery> deliveries) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO delivery_attempt (delivery_id,"
                + " notification_id, alert_id, fingerprint, rule_id, receiver, receiver_kind, attempt, status,"
                + " attempted_at, latency_ms, response_code, provider_message_id, error)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING")) {
            for (Delivery d : deliveries) {
                insert.setString(1, d.id());
                insert.setString(2, d.notificationId());
                insert.setString(3, d.alertId());
                insert.setString(4, d.fingerprint());
                insert.setString(5, d.ruleId());
                insert.setString(6, d.receiver());
                insert.setString(7, d.receiverKind());
                insert.setInt(8, d.attempt());
                insert.setString(9, d.outcome().name());
                Database.setInstant(insert, 10, d.attemptedAt());
                insert.setLong(11, d.durationMillis());
                if (d.responseCode() == null) {
                    insert.setNull(12, Types.INTEGER);
                } else {
                    insert.setInt(12, d.responseCode());
                }
                insert.setString(13, d.providerMessageId());
                insert.setString(14, d.error());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Locks up to {@code limit} recorded but unpublished rows, oldest first, skipping rows another instance holds.
     * Intake's {@code QUEUED} and {@code UNROUTED} rows are never published (they are not delivery attempts).
     *
     * @return the rows as deliveries, {@code producedAt} = {@code now}
     */
    public List<LedgerEntry> lockUnpublished(Connection connection, int limit, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM delivery_attempt"
                + " WHERE published_at IS NULL AND " + PUBLISHED_STATUSES + " ORDER BY seq LIMIT ?"
                + " FOR UPDATE SKIP LOCKED")) {
            select.setInt(1, limit);
            return read(select, now);
        }
    }

    /** Marks rows as published to Kafka. */
    public void markPublished(Connection connection, List<LedgerEntry> entries, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE delivery_attempt SET published_at = ? WHERE seq = ANY (?)")) {
            Database.setInstant(update, 1, now);
            update.setArray(2, connection.createArrayOf("bigint",
                    entries.stream().map(LedgerEntry::seq).toArray(Long[]::new)));
            update.executeUpdate();
        }
    }

    /** @return rows matching the filter, in {@code seq} order after the cursor */
    public List<LedgerEntry> find(Connection connection, LedgerQuery query, Instant now) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM delivery_attempt WHERE seq > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.after());
        if (query.alertId() != null) {
            sql.append(" AND alert_id = ?");
            parameters.add(query.alertId());
        }
        if (query.receiver() != null) {
            sql.append(" AND receiver = ?");
            parameters.add(query.receiver());
        }
        if (query.status() != null) {
            sql.append(" AND status = ?");
            parameters.add(query.status().name());
        }
        if (query.notificationId() != null) {
            sql.append(" AND notification_id = ?");
            parameters.add(query.notificationId());
        }
        if (query.since() != null) {
            sql.append(" AND attempted_at >= ?");
            parameters.add(query.since());
        }
        if (query.until() != null) {
            sql.append(" AND attempted_at < ?");
            parameters.add(query.until());
        }
        sql.append(" ORDER BY seq LIMIT ?");
        parameters.add(query.limit());
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof Instant instant) {
                    Database.setInstant(select, i + 1, instant);
                } else {
                    select.setObject(i + 1, value);
                }
            }
            return read(select, now);
        }
    }

    private static List<LedgerEntry> read(PreparedStatement select, Instant now) throws SQLException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                int code = rows.getInt("response_code");
                Integer responseCode = rows.wasNull() ? null : code;
                entries.add(new LedgerEntry(rows.getLong("seq"), new Delivery(Delivery.SCHEMA_VERSION,
                        rows.getString("delivery_id"), now, rows.getString("alert_id"), rows.getString("fingerprint"),
                        rows.getString("rule_id"), rows.getString("receiver"), rows.getString("receiver_kind"),
                        rows.getInt("attempt"), DeliveryOutcome.valueOf(rows.getString("status")),
                        Database.getInstant(rows, "attempted_at"), rows.getLong("latency_ms"),
                        rows.getString("provider_message_id"), rows.getString("error"), responseCode,
                        rows.getString("notification_id"))));
            }
        }
        return entries;
    }
}
