package io.vigil.notify.silence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contract.ContractJson;
import io.vigil.notify.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code silence} table. */
@ApplicationScoped
public class SilenceRepository {

    private static final ObjectMapper JSON = ContractJson.mapper();

    /** Stores a new silence. */
    public void insert(Connection connection, Silence silence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO silence (silence_id, matchers,"
                + " starts_at, ends_at, created_by, comment, created_at) VALUES (?, ?::jsonb, ?, ?, ?, ?, ?)")) {
            insert.setString(1, silence.id());
            insert.setString(2, ContractJson.writeString(silence.matchers()));
            Database.setInstant(insert, 3, silence.startsAt());
            Database.setInstant(insert, 4, silence.endsAt());
            insert.setString(5, silence.createdBy());
            insert.setString(6, silence.comment());
            Database.setInstant(insert, 7, silence.createdAt());
            insert.executeUpdate();
        }
    }

    /** @return silences not ended at {@code now} (pending and active), or all when {@code includeExpired} */
    public List<Silence> list(Connection connection, Instant now, boolean includeExpired) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM silence"
                + (includeExpired ? "" : " WHERE ends_at > ?") + " ORDER BY created_at, silence_id")) {
            if (!includeExpired) {
                Database.setInstant(select, 1, now);
            }
            return read(select, now);
        }
    }

    /** @return the silences in force at {@code now} */
    public List<Silence> active(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM silence WHERE starts_at <= ? AND ends_at > ? ORDER BY created_at, silence_id")) {
            Database.setInstant(select, 1, now);
            Database.setInstant(select, 2, now);
            return read(select, now);
        }
    }

    /** @return the silence, if it exists */
    public Optional<Silence> find(Connection connection, String id, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM silence WHERE silence_id = ?")) {
            select.setString(1, id);
            return read(select, now).stream().findFirst();
        }
    }

    /** Ends a silence at {@code now} unless it already ended. */
    public void expire(Connection connection, String id, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE silence SET ends_at = ? WHERE silence_id = ? AND ends_at > ?")) {
            Database.setInstant(update, 1, now);
            update.setString(2, id);
            Database.setInstant(update, 3, now);
            update.executeUpdate();
        }
    }

    private static List<Silence> read(PreparedStatement select, Instant now) throws SQLException {
        List<Silence> silences = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Instant startsAt = Database.getInstant(rows, "starts_at");
                Instant endsAt = Database.getInstant(rows, "ends_at");
                List<String> matchers;
                try {
                    matchers = JSON.readValue(rows.getString("matchers"), new TypeReference<List<String>>() {
                    });
                } catch (IOException e) {
                    throw new SQLException("silence " + rows.getString("silence_id") + " has unreadable matchers", e);
                }
                silences.add(new Silence(rows.getString("silence_id"), matchers, startsAt, endsAt,
                        rows.getString("created_by"), rows.getString("comment"),
                        Database.getInstant(rows, "created_at"), Silence.stateAt(startsAt, endsAt, now)));
            }
        }
        return silences;
    }
}
