package io.vigil.audit.digest;

import io.agroal.api.AgroalDataSource;
import io.vigil.audit.verifier.CanonicalJson;
import io.vigil.audit.verifier.Digest;
import io.vigil.audit.verifier.DigestType;
import io.vigil.audit.verifier.SignedDigest;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores and reads signed digests. Each read parses the stored canonical document, so what is returned is exactly
 * what was signed (or what a tamperer left).
 */
@ApplicationScoped
public class DigestRepository {

    private static final String COLUMNS = "seq, document, signature";
    private static final String INSERT = """
            INSERT INTO evidence_digest (seq, type, period_start, period_end, previous_digest_hash, digest_hash,
                                         key_id, document, signature)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final AgroalDataSource dataSource;

    DigestRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts a signed digest in the caller's transaction. */
    void insert(SignedDigest signed) {
        Digest digest = signed.digest();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, digest.seq());
            insert.setString(2, digest.type().wireName());
            insert.setObject(3, OffsetDateTime.ofInstant(digest.periodStart(), ZoneOffset.UTC));
            insert.setObject(4, OffsetDateTime.ofInstant(digest.periodEnd(), ZoneOffset.UTC));
            insert.setString(5, digest.previousDigestHash());
            insert.setString(6, digest.hash());
            insert.setString(7, digest.keyId());
            insert.setString(8, new String(digest.canonicalBytes(), StandardCharsets.UTF_8));
            insert.setString(9, signed.signature());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store digest " + digest.seq() + ": " + e.getMessage(), e);
        }
    }

    /** @return the digest with the highest number */
    public Optional<SignedDigest> latest() {
        return one("SELECT " + COLUMNS + " FROM evidence_digest ORDER BY seq DESC LIMIT 1");
    }

    /** @return the newest periodic digest */
    public Optional<SignedDigest> latestPeriodic() {
        return one("SELECT " + COLUMNS + " FROM evidence_digest WHERE type = 'periodic' ORDER BY seq DESC LIMIT 1");
    }

    /** @return the digest with that number */
    public Optional<SignedDigest> find(long seq) {
        return list("SELECT " + COLUMNS + " FROM evidence_digest WHERE seq = ?", seq).stream().findFirst();
    }

    /** @return the newest digest whose period ended at or before the instant */
    public Optional<SignedDigest> lastEndingAtOrBefore(Instant instant) {
        return list("SELECT " + COLUMNS + " FROM evidence_digest WHERE period_end <= ? ORDER BY seq DESC LIMIT 1",
                utc(instant)).stream().findFirst();
    }

    /** @return the digests whose period ends after {@code since} and at or before {@code until}, in order */
    public List<SignedDigest> endingIn(Instant since, Instant until) {
        return list("SELECT " + COLUMNS + " FROM evidence_digest WHERE period_end > ? AND period_end <= ? ORDER BY seq",
                utc(since), utc(until));
    }

    /** @return retention digests numbered above {@code seq}, in order */
    public List<SignedDigest> retentionAfter(long seq) {
        return list("SELECT " + COLUMNS + " FROM evidence_digest WHERE type = ? AND seq > ? ORDER BY seq",
                DigestType.RETENTION.wireName(), seq);
    }

    /** @return a page of digests ending in the range, newest first, below the cursor {@code beforeSeq} */
    public List<SignedDigest> page(Instant since, Instant until, long beforeSeq, int limit) {
        return list("SELECT " + COLUMNS + " FROM evidence_digest WHERE period_end >= ? AND period_end < ? AND seq < ?"
                + " ORDER BY seq DESC LIMIT ?", utc(since), utc(until), beforeSeq, limit);
    }

    /** @return the first periodic digest after {@code afterSeq} whose head for the chain reaches {@code seq} */
    public Optional<SignedDigest> firstCovering(String chain, long seq) {
        String sql = "SELECT " + COLUMNS + " FROM evidence_digest WHERE type = 'periodic' AND EXISTS (SELECT 1 FROM "
                + "jsonb_array_elements(CAST(document AS jsonb) -> 'chains') AS c WHERE c ->> 'chain' = ? AND "
                + "CAST(c ->> 'toSeq' AS bigint) >= ?) ORDER BY seq LIMIT 1";
        return list(sql, chain, seq).stream().findFirst();
    }

    private Optional<SignedDigest> one(String sql) {
        return list(sql).stream().findFirst();
    }

    private List<SignedDigest> list(String sql, Object... parameters) {
        List<SignedDigest> digests = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    digests.add(new SignedDigest(Digest.fromJson(CanonicalJson.parse(rows.getString(2))),
                            rows.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read digests: " + e.getMessage(), e);
        }
        return digests;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
