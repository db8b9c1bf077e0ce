package io.vigil.notify.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One column of many rows as a PostgreSQL array parameter, so that a statement over the rows
 * ({@code INSERT ... SELECT ... FROM unnest(?::text[], ...)}, {@code UPDATE ... FROM unnest(...)}) runs once instead of
 * once per row: a JDBC batch still executes, plans and locks per row, which cost more than the rows' writes on the
 * hot paths. Instants are sent as ISO-8601 text, to be cast to {@code timestamptz[]} in the statement.
 */
public final class RowArrays {

    private RowArrays() {
    }

    /** @return the rows' values as {@code text[]}; nulls stay null */
    public static <R> Array text(Connection connection, List<R> rows, Function<R, String> column)
            throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(column).toArray(String[]::new));
    }

    /** @return the rows' values as {@code int4[]}; nulls stay null */
    public static <R> Array integers(Connection connection, List<R> rows, Function<R, Integer> column)
            throws SQLException {
        return connection.createArrayOf("int4", rows.stream().map(column).toArray(Integer[]::new));
    }

    /** @return the rows' values as {@code int8[]}; nulls stay null */
    public static <R> Array longs(Connection connection, List<R> rows, Function<R, Long> column)
            throws SQLException {
        return connection.createArrayOf("int8", rows.stream().map(column).toArray(Long[]::new));
    }

    /** @return the rows' values as {@code bool[]} */
    public static <R> Array booleans(Connection connection, List<R> rows, Function<R, Boolean> column)
            throws SQLException {
        return connection.createArrayOf("bool", rows.stream().map(column).toArray(Boolean[]::new));
    }

    /** @return the rows' instants as ISO-8601 {@code text[]}, for {@code ?::timestamptz[]}; nulls stay null */
    public static <R> Array instants(Connection connection, List<R> rows, Function<R, Instant> column)
            throws SQLException {
        return text(connection, rows, row -> {
            Instant instant = column.apply(row);
            return instant == null ? null : instant.toString();
        });
    }
}
