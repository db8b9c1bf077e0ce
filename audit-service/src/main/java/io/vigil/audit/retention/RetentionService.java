package io.vigil.audit.retention;

import io.agroal.api.AgroalDataSource;
import io.vigil.audit.chain.EvidencePartitions;
import io.vigil.audit.digest.DigestService;
import io.vigil.audit.verifier.ChainHead;
import io.vigil.audit.verifier.SignedDigest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Removes old evidence without breaking verification of what is kept. In one transaction, under the digest lock: for
 * every chain, the removed range and the hash of its last removed link are signed into a retention digest, then the
 * partitions are dropped and the idempotency claims of the same age deleted. Because a chain's recorded times never
 * go backwards, what is removed is always a prefix of each chain, and its first kept link names the signed anchor
 * as its previous hash.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOGGER = Logger.getLogger(RetentionService.class);
    private static final String REMOVED = """
            SELECT chain_id, min(seq), max(seq),
                   (array_agg(hash ORDER BY seq DESC))[1]
            FROM evidence WHERE recorded_at < ? GROUP BY chain_id ORDER BY chain_id
            """;

    private final AgroalDataSource dataSource;
    private final EvidencePartitions partitions;
    private final DigestService digests;

    RetentionService(AgroalDataSource dataSource, EvidencePartitions partitions, DigestService digests) {
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.digests = digests;
    }

    /**
     * Removes every daily partition that ends at or before the cutoff.
     *
     * @return the retention digest signed, or empty when there was nothing to remove
     */
    @Transactional
    public Optional<SignedDigest> removeBefore(Instant cutoff) {
        digests.lock();
        List<LocalDate> days = partitions.days().stream()
                .filter(day -> !day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(cutoff))
                .toList();
        if (days.isEmpty()) {
            return Optional.empty();
        }
        Instant end = days.getLast().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Connection connection = dataSource.getConnection()) {
            List<ChainHead> removed = removedRanges(connection, end);
            SignedDigest digest = digests.signRetention(removed);
            for (LocalDate day : days) {
                partitions.drop(connection, day);
            }
            try (PreparedStatement claims = connection.prepareStatement(
                    "DELETE FROM evidence_claim WHERE recorded_at < ?")) {
                claims.setObject(1, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
                claims.executeUpdate();
            }
            LOGGER.infof("Retention removed evidence: before=%s partitions=%d chains=%d records=%d digest=%d", end,
                    days.size(), removed.size(), removed.stream().mapToLong(ChainHead::count).sum(),
                    digest.digest().seq());
            return Optional.of(digest);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot apply retention: " + e.getMessage(), e);
        }
    }

    private static List<ChainHead> removedRanges(Connection connection, Instant end) throws SQLException {
        List<ChainHead> removed = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(REMOVED)) {
            query.setObject(1, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long from = rows.getLong(2);
                    long to = rows.getLong(3);
                    removed.add(new ChainHead(rows.getString(1), from, to, to - from + 1, rows.getString(4)));
                }
            }
        }
        return removed;
    }
}
