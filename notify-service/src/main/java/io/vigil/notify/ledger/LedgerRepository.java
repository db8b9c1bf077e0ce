package io.vigil.notify.ledger;

import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.notify.store.Database;
import io.vigil.notify.store.RowArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code delivery_attempt} table: one row per attempt or suppression, numbered in the order inserted
 * ({@code seq}) and paged in the order of the transactions that recorded them ({@link LedgerCursor}).
 */
@ApplicationScoped
public class LedgerRepository {

    private static final String COLUMNS = "seq, recorded_tx, delivery_id, notification_id, alert_id, fingerprint,"
            + " rule_id, receiver, receiver_kind, attempt, status, attempted_at, latency_ms, response_code,"
            + " provider_message_id, error";

    /**
     * Records attempts; a delivery id recorded before is left as it was (replays of the same work). Each new row
     * but intake's {@code QUEUED} and {@code UNROUTED} rows (not delivery attempts) is queued for publication in
     * the same statement.
     */
    public void record(Connection connection, List<Delivery> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        // one statement for all rows; unnest keeps their order, so seq follows the list
        try (PreparedStatement insert = connection.prepareStatement("WITH recorded AS (INSERT INTO delivery_attempt"
                + " (delivery_id, notification_id, alert_id, fingerprint, rule_id, receiver, receiver_kind, attempt,"
                + " status, attempted_at, latency_ms, response_code, provider_message_id, error)"
                + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::int4[], ?::text[], ?::timestamptz[], ?::int8[], ?::int4[], ?::text[], ?::text[])"
                + " ON CONFLICT (delivery_id) DO NOTHING RETURNING seq, status)"
                + " INSERT INTO delivery_publication SELECT seq FROM recorded"
                + " WHERE status NOT IN ('QUEUED', 'UNROUTED')")) {
            insert.setArray(1, RowArrays.text(connection, deliveries, Delivery::id));
            insert.setArray(2, RowArrays.text(connection, deliveries, Delivery::notificationId));
            insert.setArray(3, RowArrays.text(connection, deliveries, Delivery::alertId));
            insert.setArray(4, RowArrays.text(connection, deliveries, Delivery::fingerprint));
            insert.setArray(5, RowArrays.text(connection, deliveries, Delivery::ruleId));
            insert.setArray(6, RowArrays.text(connection, deliveries, Delivery::receiver));
            insert.setArray(7, RowArrays.text(connection, deliveries, Delivery::receiverKind));
            insert.setArray(8, RowArrays.integers(connection, deliveries, Delivery::attempt));
            insert.setArray(9, RowArrays.text(connection, deliveries, d -> d.outcome().name()));
            insert.setArray(10, RowArrays.instants(connection, deliveries, Delivery::attemptedAt));
            insert.setArray(11, RowArrays.longs(connection, deliveries, Delivery::durationMillis));
            insert.setArray(12, RowArrays.integers(connection, deliveries, Delivery::responseCode));
            insert.setArray(13, RowArrays.text(connection, deliveries, Delivery::providerMessageId));
            insert.setArray(14, RowArrays.text(connection, deliveries, Delivery::error));
            insert.executeUpdate();
        }
    }

    /**
     * Locks up to {@code limit} rows queued for publication, oldest first, skipping rows another instance holds.
     *
     * @return the rows as deliveries, {@code producedAt} = {@code now}
     */
    public List<LedgerEntry> lockUnpublished(Connection connection, int limit, Instant now) throws SQLException {
        // the ledger rows are looked up by primary key: a join would let the planner scan the whole ledger
        try (PreparedStatement select = connection.prepareStatement("WITH queued AS (SELECT seq FROM"
                + " delivery_publication ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED) SELECT " + COLUMNS
                + " FROM delivery_attempt WHERE seq = ANY (ARRAY (SELECT seq FROM queued)) ORDER BY seq")) {
            select.setInt(1, limit);
            return read(select, now);
        }
    }

    /** Takes rows published to Kafka off the publication queue. */
    public void markPublished(Connection connection, List<LedgerEntry> entries) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM delivery_publication WHERE seq = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("bigint",
                    entries.stream().map(LedgerEntry::seq).toArray(Long[]::new)));
            delete.executeUpdate();
        }
    }

    /**
     * Reads the publication queue without locking it: its rows, counted up to {@code countLimit} (a queue that grew
     * while Kafka was down is not walked whole on every reading), and when its first row was attempted.
     */
    public PublicationBacklog publicationBacklog(Connection connection, long countLimit) throws SQLException {
        // the held-back rows are the newest, found along the page index (recorded_tx, seq)
        try (PreparedStatement select = connection.prepareStatement("SELECT (SELECT count(*) FROM (SELECT 1 FROM"
                + " delivery_publication LIMIT ?) capped) AS queued, (SELECT attempted_at FROM delivery_attempt"
                + " WHERE seq = (SELECT min(seq) FROM delivery_publication)) AS head_attempted_at,"
                + " (SELECT count(*) FROM (SELECT 1 FROM delivery_attempt"
                + " WHERE recorded_tx >= pg_snapshot_xmin(pg_current_snapshot()) LIMIT ?) newest) AS held_back")) {
            select.setLong(1, countLimit);
            select.setLong(2, countLimit);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return new PublicationBacklog(rows.getLong("queued"), Database.getInstant(rows, "head_attempted_at"),
                        rows.getLong("held_back"));
            }
        }
    }

    /**
     * @return rows matching the filter after the cursor, in page order ({@link LedgerCursor}), of transactions older
     *         than every transaction still running: a row of a transaction still open, or of one younger than it,
     *         is on a later page, so no row can commit behind a cursor already handed out
     */
    public List<LedgerEntry> find(Connection connection, LedgerQuery query, Instant now) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM delivery_attempt"
                + " WHERE (recorded_tx, seq) > (CAST(? AS xid8), ?)"
                + " AND recorded_tx < pg_snapshot_xmin(pg_current_snapshot())");
        List<Object> parameters = new ArrayList<>();
        parameters.add(Long.toString(query.after().transaction()));
        parameters.add(query.after().seq());
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
        sql.append(" ORDER BY recorded_tx, seq LIMIT ?");
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
                long seq = rows.getLong("seq");
                String cursor = new LedgerCursor(Long.parseLong(rows.getString("recorded_tx")), seq).text();
                entries.add(new LedgerEntry(seq, cursor, new Delivery(Delivery.SCHEMA_VERSION,
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
