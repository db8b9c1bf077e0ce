package io.vigil.notify.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which rows a set-based {@code INSERT ... ON CONFLICT DO NOTHING RETURNING <key>} stored, in the order of the rows
 * sent: a key stored before is not new, and a key sent twice is new only at its first place (the second insert met
 * the first).
 */
public final class InsertedKeys {

    private InsertedKeys() {
    }

    /**
     * Runs the insert, whose first returned column is the key.
     *
     * @return for each row, in order, whether it was stored now
     */
    public static <R> boolean[] insert(PreparedStatement insert, List<R> rows, Function<R, String> key)
            throws SQLException {
        Set<String> stored = new HashSet<>();
        try (ResultSet returned = insert.executeQuery()) {
            while (returned.next()) {
                stored.add(returned.getString(1));
            }
        }
        boolean[] isNew = new boolean[rows.size()];
        for (int i = 0; i < isNew.length; i++) {
            isNew[i] = stored.remove(key.apply(rows.get(i)));
        }
        return isNew;
    }
}
