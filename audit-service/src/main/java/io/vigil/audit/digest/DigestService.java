package io.vigil.audit.digest;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.audit.verifier.ChainHead;
import io.vigil.audit.verifier.Digest;
import io.vigil.audit.verifier.DigestSigner;
import io.vigil.audit.verifier.DigestType;
import io.vigil.audit.verifier.Sha256;
import io.vigil.audit.verifier.SignedDigest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes and stores signed digests. Digest creation is serialized across instances by a transaction-scoped PostgreSQL
 * advisory lock, so digest numbers never collide and each links to its predecessor.
 */
@ApplicationScoped
public class DigestService {

    /** The advisory lock key that serializes digest creation and retention. */
    static final long DIGEST_LOCK = 0x76_69_67_69_6cL;
    private static final Logger LOGGER = Logger.getLogger(DigestService.class);
    private static final String HEADS = "SELECT chain_id, seq, hash FROM chain_head WHERE seq > 0 ORDER BY chain_id";

    private final AgroalDataSource dataSource;
    private final DigestRepository repository;
    private final DigestKeyring keyring;
    private final MeterRegistry registry;
    private final Clock clock;

    DigestService(AgroalDataSource dataSource, DigestRepository repository, DigestKeyring keyring,
            MeterRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.repository = repository;
        this.keyring = keyring;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Signs a periodic digest of every chain's head now, unless {@code minimumGap} has not passed since the newest
     * periodic digest (another instance just made one).
     *
     * @return the new digest, or empty when skipped
     */
    @Transactional
    public Optional<SignedDigest> signPeriodic(java.time.Duration minimumGap) {
        lock();
        Instant now = clock.instant();
        Optional<SignedDigest> lastPeriodic = repository.latestPeriodic();
        if (lastPeriodic.isPresent() && lastPeriodic.get().digest().periodEnd().plus(minimumGap).isAfter(now)) {
            return Optional.empty();
        }
        Map<String, Long> previousHeads = new HashMap<>();
        lastPeriodic.ifPresent(signed -> signed.digest().chains()
                .forEach(head -> previousHeads.put(head.chain(), head.toSeq())));
        List<ChainHead> heads = new ArrayList<>();
        for (CurrentHead head : currentHeads()) {
            long from = previousHeads.getOrDefault(head.chain(), 0L) + 1;
            heads.add(new ChainHead(head.chain(), from, head.seq(), head.seq() - from + 1, head.hash()));
        }
        return Optional.of(store(DigestType.PERIODIC, heads, now));
    }

    /**
     * Signs a retention digest in the caller's transaction (which holds the digest lock).
     *
     * @param removed per chain, the removed range and the hash of its last link
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SignedDigest signRetention(List<ChainHead> removed) {
        lock();
        return store(DigestType.RETENTION, removed, clock.instant());
    }

    /** Takes the digest lock for the rest of the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, DIGEST_LOCK);
            lock.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the digest lock: " + e.getMessage(), e);
        }
    }

    private SignedDigest store(DigestType type, List<ChainHead> heads, Instant now) {
        Optional<SignedDigest> latest = repository.latest();
        long seq = latest.map(signed -> signed.digest().seq() + 1).orElse(1L);
        String previousHash = latest.map(signed -> signed.digest().hash()).orElse(Sha256.ZERO);
        Instant periodStart = latest.map(signed -> signed.digest().periodEnd()).orElse(Instant.EPOCH);
        Instant periodEnd = now.isBefore(periodStart) ? periodStart : now;
        DigestSigner signer = keyring.signer();
        SignedDigest signed = signer.sign(new Digest(seq, type, periodStart, periodEnd, previousHash, heads,
                signer.keyId()));
        repository.insert(signed);
        registry.counter("vigil.audit.digests.signed", "type", type.wireName()).increment();
        LOGGER.infof("Signed digest: seq=%d type=%s chains=%d records=%d keyId=%s", seq, type.wireName(),
                heads.size(), heads.stream().mapToLong(ChainHead::count).sum(), signer.keyId());
        return signed;
    }

    private List<CurrentHead> currentHeads() {
        List<CurrentHead> heads = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(HEADS);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                heads.add(new CurrentHead(rows.getString(1), rows.getLong(2), rows.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the chain heads: " + e.getMessage(), e);
        }
        return heads;
    }

    private record CurrentHead(String chain, long seq, String hash) {
    }
}
