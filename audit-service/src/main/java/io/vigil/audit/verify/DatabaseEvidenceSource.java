package io.vigil.audit.verify;

import io.vigil.audit.verifier.CanonicalJson;
import io.vigil.audit.verifier.ChainLink;
import io.vigil.audit.verifier.ChainedEvidence;
import io.vigil.audit.verifier.EvidenceContent;
import io.vigil.audit.verifier.EvidenceSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads chains from the evidence table with a server-side cursor (fetch size {@value #FETCH_SIZE}), so verifying a
 * long chain does not hold it in memory. Needs a connection in a transaction (cursors need autocommit off).
 */
public final class DatabaseEvidenceSource implements EvidenceSource {

    static final int FETCH_SIZE = 1000;
    /** The columns {@link #read} expects, in order. */
    public static final String COLUMNS = "chain_id, seq, kind, source_id, occurred_at, recorded_at, account, region, "
            + "controls, rule, actor, event_name, message_key, kafka_offset, payload, "
            + "previous_hash, content_hash, hash";
    private static final String RECORDS = "SELECT " + COLUMNS + " FROM evidence WHERE chain_id = ? AND seq > ? "
            + "AND seq <= ? ORDER BY seq, recorded_at, position";

    private final Connection connection;
    private final Set<String> onlyChains;

    /**
     * @param connection a connection in a transaction
     * @param onlyChains when not empty, only these chains
     */
    public DatabaseEvidenceSource(Connection connection, Set<String> onlyChains) {
        this.connection = connection;
        this.onlyChains = onlyChains;
    }

    @Override
    public Set<String> chains() {
        Set<String> chains = new LinkedHashSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT chain_id FROM chain_head WHERE seq > 0 ORDER BY chain_id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                chains.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list chains: " + e.getMessage(), e);
        }
        if (!onlyChains.isEmpty()) {
            chains.retainAll(onlyChains);
        }
        return chains;
    }

    @Override
    public boolean includes(String chain) {
        return onlyChains.isEmpty() || onlyChains.contains(chain);
    }

    @Override
    public Iterator<ChainedEvidence> records(String chain, long afterSeq, long throughSeq) {
        if (!includes(chain)) {
            return List.<ChainedEvidence>of().iterator();
        }
        try {
            PreparedStatement query = connection.prepareStatement(RECORDS);
            query.setFetchSize(FETCH_SIZE);
            query.setString(1, chain);
            query.setLong(2, afterSeq);
            query.setLong(3, throughSeq);
            return new Rows(query, query.executeQuery());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read chain " + chain + ": " + e.getMessage(), e);
        }
    }

    /** @return the evidence of the current row of a result set selecting {@link #COLUMNS} */
    public static ChainedEvidence read(ResultSet row) throws SQLException {
        Array controls = row.getArray(9);
        OffsetDateTime occurredAt = row.getObject(5, OffsetDateTime.class);
        long offset = row.getLong(14);
        Long kafkaOffset = row.wasNull() ? null : offset;
        EvidenceContent content = new EvidenceContent(row.getString(1), row.getString(3), row.getString(4),
                occurredAt == null ? null : occurredAt.toInstant(),
                row.getObject(6, OffsetDateTime.class).toInstant(), row.getString(7), row.getString(8),
                controls == null ? List.of() : Arrays.asList((String[]) controls.getArray()), row.getString(10),
                row.getString(11), row.getString(12), row.getString(13), kafkaOffset,
                CanonicalJson.parse(row.getString(15)));
        return new ChainedEvidence(new ChainLink(row.getString(1), row.getLong(2), row.getString(16),
                row.getString(17), row.getString(18)), content);
    }

    private static final class Rows implements Iterator<ChainedEvidence>, AutoCloseable {

        private final PreparedStatement statement;
        private final ResultSet rows;
        private Boolean hasNext;

        Rows(PreparedStatement statement, ResultSet rows) {
            this.statement = statement;
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (hasNext == null) {
                try {
                    hasNext = rows.next();
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot read evidence: " + e.getMessage(), e);
                }
            }
            return hasNext;
        }

        @Override
        public ChainedEvidence next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            hasNext = null;
            try {
                return read(rows);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read evidence: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws SQLException {
            rows.close();
            statement.close();
        }
    }
}
