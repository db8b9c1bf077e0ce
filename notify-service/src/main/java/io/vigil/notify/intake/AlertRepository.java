package io.vigil.notify.intake;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.store.Database;
import io.vigil.notify.store.InsertedKeys;
import io.vigil.notify.store.RowArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code alert} table: every alert received, with its labels and payload. */
@ApplicationScoped
public class AlertRepository {

    private static final ObjectMapper JSON = ContractJson.mapper();

    /** An alert as stored. */
    public record StoredAlert(Alert alert, AlertLabels labels, Instant receivedAt, boolean routed) {
    }

    /** An alert to store. */
    public record NewAlert(Alert alert, AlertLabels labels, boolean routed) {
    }

    /**
     * Stores alerts in one statement.
     *
     * @return for each alert, in order, whether it was new (false: its id was received before)
     */
    public boolean[] insertAll(Connection connection, List<NewAlert> alerts, Instant now) throws SQLException {
        if (alerts.isEmpty()) {
            return new boolean[0];
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert (alert_id, fingerprint,"
                + " rule_id, severity, labels, payload, received_at, routed) SELECT id, fingerprint, rule_id, severity,"
                + " labels::jsonb, payload::jsonb, ?::timestamptz, routed FROM unnest(?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[])"
                + " AS a (id, fingerprint, rule_id, severity, labels, payload, routed)"
                + " ON CONFLICT (alert_id) DO NOTHING RETURNING alert_id")) {
            Database.setInstant(insert, 1, now);
            insert.setArray(2, RowArrays.text(connection, alerts, a -> a.alert().id()));
            insert.setArray(3, RowArrays.text(connection, alerts, a -> a.alert().fingerprint()));
            insert.setArray(4, RowArrays.text(connection, alerts, a -> a.alert().ruleId()));
            insert.setArray(5, RowArrays.text(connection, alerts, a -> a.alert().severity().name()));
            insert.setArray(6, RowArrays.text(connection, alerts, a -> ContractJson.writeString(a.labels().values())));
            insert.setArray(7, RowArrays.text(connection, alerts, a -> ContractJson.writeString(a.alert())));
            insert.setArray(8, RowArrays.booleans(connection, alerts, NewAlert::routed));
            return InsertedKeys.insert(insert, alerts, a -> a.alert().id());
        }
    }

    /** Marks an alert as reaching no receiver (it was inhibited), so it does not escalate. */
    public void markUnrouted(Connection connection, String alertId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alert SET routed = false WHERE alert_id = ?")) {
            update.setString(1, alertId);
            update.executeUpdate();
        }
    }

    /** @return whether an alert with this id was received */
    public boolean exists(Connection connection, String alertId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM alert WHERE alert_id = ?")) {
            select.setString(1, alertId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** An alert received, as the inhibition check reads it. */
    public record ReceivedAlert(String alertId, Instant receivedAt, AlertLabels labels) {
    }

    /**
     * One page of the alerts received at or after {@code since} that have the given label values, newest first
     * (received time, then alert id); the next page continues after the last alert of this one.
     *
     * @param requiredLabels label values the alerts must have (jsonb containment: each listed value among the
     *        label's values)
     * @param after the last alert of the previous page; null for the first page
     */
    public List<ReceivedAlert> receivedSince(Connection connection, Instant since,
            Map<String, List<String>> requiredLabels, ReceivedAlert after, int limit) throws SQLException {
        List<ReceivedAlert> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT alert_id, received_at, labels FROM alert"
                + " WHERE received_at >= ? AND labels @> ?::jsonb"
                + (after == null ? "" : " AND (received_at, alert_id) < (?, ?)")
                + " ORDER BY received_at DESC, alert_id DESC LIMIT ?")) {
            int index = 1;
            Database.setInstant(select, index++, since);
            select.setString(index++, ContractJson.writeString(requiredLabels));
            if (after != null) {
                Database.setInstant(select, index++, after.receivedAt());
                select.setString(index++, after.alertId());
            }
            select.setInt(index, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new ReceivedAlert(rows.getString("alert_id"), Database.getInstant(rows, "received_at"),
                            labels(rows.getString("labels"))));
                }
            }
        }
        return found;
    }

    /** @return the stored alerts with these ids, by id */
    public Map<String, StoredAlert> load(Connection connection, Collection<String> alertIds) throws SQLException {
        Map<String, StoredAlert> found = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT alert_id, labels, payload,"
                + " received_at, routed FROM alert WHERE alert_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("text", alertIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString("alert_id"), new StoredAlert(
                            ContractJson.read(rows.getBytes("payload"), Alert.class), labels(rows.getString("labels")),
                            Database.getInstant(rows, "received_at"), rows.getBoolean("routed")));
                }
            }
        }
        return found;
    }

    /** @return the alert, if received */
    public Optional<StoredAlert> find(Connection connection, String alertId) throws SQLException {
        return Optional.ofNullable(load(connection, List.of(alertId)).get(alertId));
    }

    /**
     * Locks routed alerts of the given severities received before {@code receivedBefore}, not escalated and not
     * covered by an acknowledgement of their fingerprint, skipping rows another instance holds. An acknowledgement
     * covers every alert of the fingerprint while it is active and, once resolved, those received up to the resolve:
     * an alert received after the resolve escalates again.
     *
     * @return their ids
     */
    public List<String> lockEscalationCandidates(Connection connection, List<String> severities,
            Instant receivedBefore, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT alert_id FROM alert a"
                + " WHERE a.routed AND a.escalated_at IS NULL AND a.received_at <= ? AND a.severity = ANY (?)"
                + " AND NOT EXISTS (SELECT 1 FROM acknowledgement k WHERE k.fingerprint = a.fingerprint"
                + " AND (k.resolved_at IS NULL OR a.received_at <= k.resolved_at))"
                + " ORDER BY a.received_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            Database.setInstant(select, 1, receivedBefore);
            select.setArray(2, connection.createArrayOf("text", severities.toArray()));
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /** Marks an alert escalated. */
    public void markEscalated(Connection connection, String alertId, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alert SET escalated_at = ? WHERE alert_id = ?")) {
            Database.setInstant(update, 1, now);
            update.setString(2, alertId);
            update.executeUpdate();
        }
    }

    private static AlertLabels labels(String json) throws SQLException {
        try {
            return new AlertLabels(JSON.readValue(json, new TypeReference<Map<String, List<String>>>() {
            }));
        } catch (IOException e) {
            throw new SQLException("unreadable alert labels", e);
        }
    }
}
