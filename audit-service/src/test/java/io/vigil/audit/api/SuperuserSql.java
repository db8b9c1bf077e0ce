package io.vigil.audit.api;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tampering as the threat model's DBA would: a superuser session with {@code session_replication_role = replica},
 * which disables the append-only triggers. Each change is undone by {@link #restore} from a snapshot, so other tests
 * see intact evidence.
 */
final class SuperuserSql implements AutoCloseable {

    private final Connection connection;

    SuperuserSql(AgroalDataSource dataSource) throws SQLException {
        this.connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
        }
    }

    /** Snapshots a chain's rows and the digests into temporary tables. */
    SuperuserSql snapshot(String chain) throws SQLException {
        execute("DROP TABLE IF EXISTS pg_temp.evidence_snapshot", new Object[0]);
        execute("DROP TABLE IF EXISTS pg_temp.digest_snapshot", new Object[0]);
        execute("CREATE TEMP TABLE evidence_snapshot AS SELECT * FROM evidence WHERE false", new Object[0]);
        execute("INSERT INTO evidence_snapshot SELECT * FROM evidence WHERE chain_id = ?", chain);
        execute("CREATE TEMP TABLE digest_snapshot AS SELECT * FROM evidence_digest", new Object[0]);
        return this;
    }

    int execute(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** Puts the chain's rows and the digests back as snapshotted. */
    void restore(String chain) throws SQLException {
        execute("DELETE FROM evidence WHERE chain_id = ?", chain);
        execute("INSERT INTO evidence SELECT * FROM evidence_snapshot", new Object[0]);
        execute("DELETE FROM evidence_digest WHERE seq IN (SELECT seq FROM digest_snapshot)", new Object[0]);
        execute("INSERT INTO evidence_digest SELECT * FROM digest_snapshot", new Object[0]);
    }

    @Override
    public void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = origin");
        } finally {
            connection.close();
        }
    }
}
