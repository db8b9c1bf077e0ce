package io.vigil.audit.chain;

import io.vigil.audit.evidence.NewEvidence;
import io.vigil.audit.verifier.CanonicalJson;
import io.vigil.audit.verifier.ChainLink;
import io.vigil.audit.verifier.EvidenceContent;
import io.vigil.audit.verifier.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Appends evidence as links of its chain, with plain JDBC on a connection whose transaction the caller owns (and
 * commits). The production path ({@link ChainAppender}) and the benchmark both use it.
 *
 * <p>Guarantees, once the caller commits: each chain's head row is locked ({@code SELECT ... FOR UPDATE}) while its links are computed and
 * written, so concurrent writers (two instances during a rebalance) never fork a chain; a piece of evidence whose
 * (kind, source id) is already claimed, or whose Kafka offset is at or before its chain's head offset, is not
 * appended again; a chain's recorded times never go backwards. The rows of a batch are written with one JDBC batch.
 */
public final class ChainWriter {

    private static final String CREATE_HEAD = """
            INSERT INTO chain_head (chain_id, seq, hash, recorded_at, kafka_offset)
            VALUES (?, 0, ?, 'epoch', -1) ON CONFLICT (chain_id) DO NOTHING
            """;
    private static final String LOCK_HEAD =
            "SELECT seq, hash, recorded_at, kafka_offset FROM chain_head WHERE chain_id = ? FOR UPDATE";
    private static final String UPDATE_HEAD =
            "UPDATE chain_head SET seq = ?, hash = ?, recorded_at = ?, kafka_offset = ? WHERE chain_id = ?";
    private static final String CLAIM = """
            INSERT INTO evidence_claim (kind, source_id, recorded_at)
            SELECT k, s, ? FROM unnest(?::text[], ?::text[]) AS t(k, s)
            ON CONFLICT (kind, source_id) DO NOTHING
            RETURNING kind, source_id
            """;
    private static final String INSERT = """
            INSERT INTO evidence (chain_id, seq, kind, source_id, occurred_at, recorded_at, account, region, controls,
                                  rule, actor, event_name, message_key, kafka_offset, payload, previous_hash,
                                  content_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
            """;

    private final Connection connection;

    /** @param connection a connection with autocommit off, or enlisted in a transaction */
    public ChainWriter(Connection connection) {
        this.connection = connection;
    }

    /**
     * Appends the batch, recorded at {@code now} (or later, so a chain's times never go backwards). The daily
     * partition of {@code now} must exist.
     *
     * @return the appended links and the duplicates
     */
    public AppendResult append(List<NewEvidence> batch, Instant now) throws SQLException {
        Map<String, List<NewEvidence>> byChain = new TreeMap<>();
        for (NewEvidence evidence : batch) {
            byChain.computeIfAbsent(evidence.chain(), chain -> new ArrayList<>()).add(evidence);
        }
        List<AppendedLink> appended = new ArrayList<>();
        List<NewEvidence> duplicates = new ArrayList<>();
        for (Map.Entry<String, List<NewEvidence>> chain : byChain.entrySet()) {
            appendToChain(connection, chain.getKey(), chain.getValue(), now, appended, duplicates);
        }
        return new AppendResult(appended, duplicates);
    }

    private void appendToChain(Connection connection, String chain, List<NewEvidence> evidence, Instant now,
            List<AppendedLink> appended, List<NewEvidence> duplicates) throws SQLException {
        Head head = lockHead(connection, chain);
        List<NewEvidence> fresh = new ArrayList<>();
        Map<String, NewEvidence> unique = new LinkedHashMap<>();
        for (NewEvidence candidate : evidence) {
            boolean replayedOffset = candidate.offset() != null && candidate.offset() <= head.offset();
            if (replayedOffset || unique.putIfAbsent(claimKey(candidate), candidate) != null) {
                duplicates.add(candidate);
            }
        }
        Set<String> claimed = claim(connection, unique.values(), now);
        for (NewEvidence candidate : unique.values()) {
            if (claimed.contains(claimKey(candidate))) {
                fresh.add(candidate);
            } else {
                duplicates.add(candidate);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        Instant recordedAt = head.recordedAt().isAfter(now) ? head.recordedAt() : now;
        long seq = head.seq();
        String previous = head.hash();
        long offset = head.offset();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (NewEvidence item : fresh) {
                EvidenceContent content = content(item, recordedAt);
                ChainLink link = ChainLink.next(chain, ++seq, previous, content.contentHash());
                bind(connection, insert, item, content, link);
                insert.addBatch();
                appended.add(new AppendedLink(item, link, recordedAt));
                previous = link.hash();
                if (item.offset() != null) {
                    offset = Math.max(offset, item.offset());
                }
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE_HEAD)) {
            update.setLong(1, seq);
            update.setString(2, previous);
            update.setObject(3, OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC));
            update.setLong(4, offset);
            update.setString(5, chain);
            update.executeUpdate();
        }
    }

    /** @return the content that is hashed for this evidence recorded at that time */
    public static EvidenceContent content(NewEvidence item, Instant recordedAt) {
        return new EvidenceContent(item.chain(), item.kind().wireName(), item.sourceId(),
                item.descriptor().occurredAt(), recordedAt, item.descriptor().account(), item.descriptor().region(),
                item.descriptor().controls(), item.descriptor().rule(), item.descriptor().actor(),
                item.descriptor().eventName(), item.key(), item.offset(), CanonicalJson.parse(item.payloadJson()));
    }

    private static void bind(Connection connection, PreparedStatement insert, NewEvidence item,
            EvidenceContent content, ChainLink link) throws SQLException {
        insert.setString(1, link.chain());
        insert.setLong(2, link.seq());
        insert.setString(3, content.kind());
        insert.setString(4, content.sourceId());
        insert.setObject(5, content.occurredAt() == null ? null
                : OffsetDateTime.ofInstant(content.occurredAt(), ZoneOffset.UTC));
        insert.setObject(6, OffsetDateTime.ofInstant(content.recordedAt(), ZoneOffset.UTC));
        insert.setString(7, content.account());
        insert.setString(8, content.region());
        insert.setArray(9, connection.createArrayOf("text", content.controls().toArray()));
        insert.setString(10, content.rule());
        insert.setString(11, content.actor());
        insert.setString(12, content.eventName());
        insert.setString(13, content.key());
        if (content.offset() == null) {
            insert.setNull(14, java.sql.Types.BIGINT);
        } else {
            insert.setLong(14, content.offset());
        }
        insert.setString(15, item.payloadJson());
        insert.setString(16, link.previousHash());
        insert.setString(17, link.contentHash());
        insert.setString(18, link.hash());
    }

    private static Head lockHead(Connection connection, String chain) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(CREATE_HEAD)) {
            create.setString(1, chain);
            create.setString(2, Sha256.ZERO);
            create.executeUpdate();
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK_HEAD)) {
            lock.setString(1, chain);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                OffsetDateTime recordedAt = row.getObject(3, OffsetDateTime.class);
                return new Head(row.getLong(1), row.getString(2),
                        recordedAt.toInstant(), row.getLong(4));
            }
        }
    }

    private static Set<String> claim(Connection connection, java.util.Collection<NewEvidence> evidence, Instant now)
            throws SQLException {
        Set<String> claimed = new HashSet<>();
        if (evidence.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            claim.setArray(2, connection.createArrayOf("text",
                    evidence.stream().map(item -> item.kind().wireName()).toArray()));
            claim.setArray(3, connection.createArrayOf("text", evidence.stream().map(NewEvidence::sourceId).toArray()));
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getString(1) + "\u0000" + rows.getString(2));
                }
            }
        }
        return claimed;
    }

    private static String claimKey(NewEvidence evidence) {
        return evidence.kind().wireName() + "\u0000" + evidence.sourceId();
    }

    private record Head(long seq, String hash, Instant recordedAt, long offset) {
    }
}
