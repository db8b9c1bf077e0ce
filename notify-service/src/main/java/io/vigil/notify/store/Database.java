package io.vigil.notify.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Runs work in one PostgreSQL transaction on a pooled connection (plain JDBC over Agroal: the statements are few,
 * hand-written and use {@code FOR UPDATE SKIP LOCKED}, which an ORM would only hide). Rolls back on any exception.
 */
@ApplicationScoped
public class Database {

    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * @return what the work returned, after the commit
     * @throws StoreException when the database failed; the transaction was rolled back
     */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /** Binds an instant to a timestamptz parameter; null stays null. */
    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : instant.atOffset(ZoneOffset.UTC));
    }

    /** @return a timestamptz column as an instant, or null */
    public static Instant getInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
