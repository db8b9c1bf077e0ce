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
 * <p>Guarantees, once the caller commits: each chain's head row is locked ({@code SELECT ... FOR UPDATE}) while its
 * links are computed and
 * written, so concurrent writers (two instances during a rebalance) never fork a chain; a piece of evidence whose
 * (kind, source id) is already claimed, or whose Kafka offset is at or before its chain's head offset, is not
 * appended again; a chain's recorded times never go backwards. The rows of a batch are written with one JDBC batch.
 */
public final class ChainWriter {

    private static final String CREATE_HEADS = """
            INSERT INTO chain_head (chain_id, seq, hash, recorded_at, kafka_offset)
            SELECT c, 0, ?, 'epoch', -1 FROM unnest(?::text[]) AS t(c) ON CONFLICT (chain_id) DO NOTHING
            """;
    private static final String LOCK_HEADS = """
            SELECT chain_id, seq, hash, recorded_at, kafka_offset FROM chain_head
            WHERE chain_id = ANY(?::text[]) ORDER BY chain_id FOR UPDATE
            """;
    private static final String UPDATE_HEADS = """
            UPDATE chain_head h SET seq = u.s, hash = u.h, recorded_at = CAST(u.r AS timestamptz), kafka_offset = u.o
            FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[]) AS u(c, s, h, r, o)
            WHERE h.chain_id = u.c
            """;
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
     * partition of {@code now} must exist. Five statements whatever the number of chains: create and lock the heads,
     * claim the ids, insert the rows (one JDBC batch), move the heads.
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
        if (byChain.isEmpty()) {
            return new AppendResult(appended, duplicates);
        }
        Map<String, Head> heads = lockHeads(byChain.keySet());
        Map<String, NewEvidence> unique = new LinkedHashMap<>();
        for (Map.Entry<String, List<NewEvidence>> chain : byChain.entrySet()) {
            Head head = heads.get(chain.getKey());
            for (NewEvidence candidate : chain.getValue()) {
                boolean replayedOffset = candidate.offset() != null && candidate.offset() <= head.offset();
                if (replayedOffset || unique.putIfAbsent(claimKey(candidate), candidate) != null) {
                    duplicates.add(candidate);
                }
            }
        }
        Set<String> claimed = claim(unique.values(), now);
        List<NewEvidence> fresh = new ArrayList<>();
        for (NewEvidence item : unique.values()) {
            if (claimed.contains(claimKey(item))) {
                fresh.add(item);
            } else {
                duplicates.add(item);
            }
        }
        // Canonicalizing and hashing the contents is the costly part and independent per record: done in parallel.
        List<HashedContent> hashed = fresh.parallelStream().map(item -> {
            Head head = heads.get(item.chain());
            EvidenceContent content = content(item, head.recordedAt().isAfter(now) ? head.recordedAt() : now);
            return new HashedContent(content, content.contentHash());
        }).toList();
        Map<String, Head> moved = new TreeMap<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < fresh.size(); i++) {
                NewEvidence item = fresh.get(i);
                EvidenceContent content = hashed.get(i).content();
                Head head = moved.getOrDefault(item.chain(), heads.get(item.chain()));
                ChainLink link = ChainLink.next(item.chain(), head.seq() + 1, head.hash(), hashed.get(i).hash());
                bind(insert, item, content, link);
                insert.addBatch();
                appended.add(new AppendedLink(item, link, content.recordedAt()));
                long offset = item.offset() == null ? head.offset() : Math.max(head.offset(), item.offset());
                moved.put(item.chain(), new Head(link.seq(), link.hash(), content.recordedAt(), offset));
            }
            if (!appended.isEmpty()) {
                insert.executeBatch();
            }
        }
        moveHeads(moved);
        return new AppendResult(appended, duplicates);
    }

    private Map<String, Head> lockHeads(Set<String> chains) throws SQLException {
        java.sql.Array ids = connection.createArrayOf("text", chains.toArray());
        try (PreparedStatement create = connection.prepareStatement(CREATE_HEADS)) {
            create.setString(1, Sha256.ZERO);
            create.setArray(2, ids);
            create.executeUpdate();
        }
        Map<String, Head> heads = new TreeMap<>();
        try (PreparedStatement lock = connection.prepareStatement(LOCK_HEADS)) {
            lock.setArray(1, ids);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    heads.put(rows.getString(1), new Head(rows.getLong(2), rows.getString(3),
                            rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getLong(5)));
                }
            }
        }
        return heads;
    }

    private void moveHeads(Map<String, Head> moved) throws SQLException {
        if (moved.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE_HEADS)) {
            update.setArray(1, connection.createArrayOf("text", moved.keySet().toArray()));
            update.setArray(2, connection.createArrayOf("bigint",
                    moved.values().stream().map(Head::seq).toArray()));
            update.setArray(3, connection.createArrayOf("text", moved.values().stream().map(Head::hash).toArray()));
            update.setArray(4, connection.createArrayOf("text",
                    moved.values().stream().map(head -> head.recordedAt().toString()).toArray()));
            update.setArray(5, connection.createArrayOf("bigint",
                    moved.values().stream().map(Head::offset).toArray()));
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

    private void bind(PreparedStatement insert, NewEvidence item, EvidenceContent content, ChainLink link)
            throws SQLException {
        insert.setString(1, link.chain());
        insert.setLong(2, link.seq());
        insert.setString(3, content.kind());
        insert.setString(4, content.sourceId());
        insert.setObject(5, content.occurredAt() == null
                ? null
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

    private Set<String> claim(java.util.Collection<NewEvidence> evidence, Instant now) throws SQLException {
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

    private record HashedContent(EvidenceContent content, String hash) {
    }
}
