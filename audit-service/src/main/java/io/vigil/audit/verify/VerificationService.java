package io.vigil.audit.verify;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.audit.digest.DigestConfig;
import io.vigil.audit.digest.DigestKeyring;
import io.vigil.audit.digest.DigestRepository;
import io.vigil.audit.verifier.Break;
import io.vigil.audit.verifier.ChainVerifier;
import io.vigil.audit.verifier.SignedDigest;
import io.vigil.audit.verifier.VerificationReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Verifies a period of stored evidence with the shared {@link ChainVerifier}: the digests whose period ends in
 * {@code (since, until]}, starting from the newest digest ending at or before {@code since} (trusted once its
 * signature verifies), and every record those digests cover. Without {@code until} the records after the newest
 * digest are walked too, and a newest digest older than three intervals is reported as a missing digest.
 */
@ApplicationScoped
public class VerificationService {

    /** The lower bound used when no {@code since} is given. */
    public static final Instant BEGINNING = Instant.parse("0001-01-01T00:00:00Z");
    /** The upper bound used when no {@code until} is given. */
    public static final Instant END = Instant.parse("9999-12-31T00:00:00Z");

    private final AgroalDataSource dataSource;
    private final DigestRepository digests;
    private final DigestKeyring keyring;
    private final DigestConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    VerificationService(AgroalDataSource dataSource, DigestRepository digests, DigestKeyring keyring,
            DigestConfig config, MeterRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.digests = digests;
        this.keyring = keyring;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * @param since start of the period (exclusive digest period end); null for the beginning
     * @param until end of the period (inclusive); null for now, including evidence not yet in a digest
     * @param chains when not empty, only these chains' records are walked (digests are always checked)
     */
    @Transactional
    public VerificationReport verify(Instant since, Instant until, Set<String> chains) {
        Window window = window(since, until);
        try (Connection connection = dataSource.getConnection()) {
            DatabaseEvidenceSource source = new DatabaseEvidenceSource(connection, chains);
            VerificationReport report = new ChainVerifier(keyring.publishedKeys(), source)
                    .verify(window.base(), window.digests(), window.laterRetention(), until == null);
            if (until != null) {
                return count(report);
            }
            List<Break> breaks = new ArrayList<>(report.breaks());
            Instant newest = digests.latest().map(signed -> signed.digest().periodEnd()).orElse(null);
            DigestFreshness.check(newest, firstRecordedAt(connection), clock.instant(), config.interval())
                    .ifPresent(breaks::add);
            return count(new VerificationReport(report.digestsChecked(), report.recordsChecked(), breaks));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot verify: " + e.getMessage(), e);
        }
    }

    /** @return the digests that verifying that period uses */
    public Window window(Instant since, Instant until) {
        SignedDigest base = since == null ? null : digests.lastEndingAtOrBefore(since).orElse(null);
        List<SignedDigest> period = digests.endingIn(since == null ? BEGINNING : since, until == null ? END : until);
        long lastSeq = !period.isEmpty()
                ? period.getLast().digest().seq()
                : base != null ? base.digest().seq() : 0;
        return new Window(base, period, digests.retentionAfter(lastSeq));
    }

    private VerificationReport count(VerificationReport report) {
        registry.counter("vigil.audit.verifications", "outcome", report.ok() ? "ok" : "broken").increment();
        registry.counter("vigil.audit.verification.records").increment(report.recordsChecked());
        return report;
    }

    private static Instant firstRecordedAt(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT min(recorded_at) FROM evidence");
                ResultSet row = query.executeQuery()) {
            row.next();
            OffsetDateTime first = row.getObject(1, OffsetDateTime.class);
            return first == null ? null : first.toInstant();
        }
    }

    /**
     * The digests of a verification.
     *
     * @param base the trusted start; nullable
     * @param digests the period's digests
     * @param laterRetention retention digests after them
     */
    public record Window(SignedDigest base, List<SignedDigest> digests, List<SignedDigest> laterRetention) {
    }
}
