package io.vigil.notify.ack;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.notify.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code acknowledgement} table: one row per acknowledged fingerprint, holding its current (latest)
 * acknowledgement. An acknowledgement is active until resolved; acknowledging a resolved fingerprint again starts a
 * new acknowledgement in the same row (who, when, comment replaced, {@code resolved_at} cleared).
 */
@ApplicationScoped
public class AcknowledgementRepository {

    /**
     * An acknowledgement.
     *
     * @param fingerprint the acknowledged alert fingerprint (every alert of it received until resolved)
     * @param alertId the alert that was acknowledged
     * @param acknowledgedBy who
     * @param comment why or what was done; nullable
     * @param acknowledgedAt when
     * @param resolvedAt when it was resolved; null while the acknowledgement is active
     */
    public record Acknowledgement(
            @JsonProperty("fingerprint") String fingerprint,
            @JsonProperty("alertId") String alertId,
            @JsonProperty("acknowledgedBy") String acknowledgedBy,
            @JsonProperty("comment") String comment,
            @JsonProperty("acknowledgedAt") Instant acknowledgedAt,
            @JsonProperty("resolvedAt") Instant resolvedAt) {

        /** @return whether it was resolved at or after {@code receivedAt} (an alert received then is closed) */
        public boolean resolvedSince(Instant receivedAt) {
            return resolvedAt != null && !resolvedAt.isBefore(receivedAt);
        }
    }

    /**
     * Acknowledges a fingerprint: a new row, or a new acknowledgement in place of one resolved before the alert was
     * received. An active (unresolved) acknowledgement is left as it was, and so is one resolved at or after
     * {@code receivedAt}: that resolve closed the alert, and acknowledging it (say from a stale link) must not hold
     * back later alerts of the fingerprint. The condition is part of the upsert, so a resolve committed meanwhile is
     * seen.
     *
     * @param receivedAt when the acknowledged alert was received
     * @return whether the fingerprint was newly acknowledged
     */
    public boolean acknowledge(Connection connection, String fingerprint, String alertId, Instant receivedAt,
            String by, String comment, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO acknowledgement (fingerprint,"
                + " alert_id, acknowledged_by, comment, acknowledged_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (fingerprint) DO UPDATE SET alert_id = EXCLUDED.alert_id,"
                + " acknowledged_by = EXCLUDED.acknowledged_by, comment = EXCLUDED.comment,"
                + " acknowledged_at = EXCLUDED.acknowledged_at, resolved_at = NULL"
                + " WHERE acknowledgement.resolved_at < ?")) {
            insert.setString(1, fingerprint);
            insert.setString(2, alertId);
            insert.setString(3, by);
            insert.setString(4, comment);
            Database.setInstant(insert, 5, now);
            Database.setInstant(insert, 6, receivedAt);
            return insert.executeUpdate() == 1;
        }
    }

    /** @return whether it was newly resolved */
    public boolean resolve(Connection connection, String fingerprint, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE acknowledgement SET resolved_at = ?"
                + " WHERE fingerprint = ? AND resolved_at IS NULL")) {
            Database.setInstant(update, 1, now);
            update.setString(2, fingerprint);
            return update.executeUpdate() == 1;
        }
    }

    /** @return the acknowledgement of a fingerprint */
    public Optional<Acknowledgement> find(Connection connection, String fingerprint) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM acknowledgement WHERE fingerprint = ?")) {
            select.setString(1, fingerprint);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Acknowledgement(rows.getString("fingerprint"), rows.getString("alert_id"),
                        rows.getString("acknowledged_by"), rows.getString("comment"),
                        Database.getInstant(rows, "acknowledged_at"), Database.getInstant(rows, "resolved_at")));
            }
        }
    }
}
