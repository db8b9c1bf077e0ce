package io.vigil.audit.verifier;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Verifies evidence against signed digests and finds, per chain, the first broken link and its kind.
 *
 * <p>Procedure (see docs/audit.md, "Verifying"):
 * <ol>
 *   <li>Every digest's Ed25519 signature must verify with the published key its {@code keyId} names.</li>
 *   <li>Consecutive digests must have consecutive numbers and {@code previousDigestHash} must be the hash of the
 *       previous digest; without a base digest the first must be digest 1 with the zero hash.</li>
 *   <li>Each chain is walked from its start point: the base digest's head for it (or seq 0 and the zero hash), moved
 *       forward to the newest retention anchor (records removed by retention are not expected). Every record's
 *       content hash and link hash are recomputed, its previous hash must be the hash of the record before it, and
 *       at each periodic digest's head the record there must carry the signed head hash.</li>
 * </ol>
 * Not thread-safe; one instance per verification.
 */
public final class ChainVerifier {

    private final Map<String, PublicKey> keys;
    private final EvidenceSource source;
    private long recordsChecked;
    private long digestsChecked;

    /**
     * @param keys the trusted public keys by key id ({@link DigestKeys#keyId}), including retired ones
     * @param source where the records are read from
     */
    public ChainVerifier(Map<String, PublicKey> keys, EvidenceSource source) {
        this.keys = Map.copyOf(keys);
        this.source = source;
    }

    /**
     * @param base the digest just before the period, trusted as the start point once its signature verifies; null
     *        to verify from the very beginning (digest 1 and the first link of every chain)
     * @param digests the digests of the period, consecutive, in order
     * @param laterRetention retention digests made after the period, whose anchors say which older records are gone
     * @param includeTail also walk records after the newest digest's heads (not yet covered by any digest)
     * @return what was checked and what is broken
     */
    public VerificationReport verify(SignedDigest base, List<SignedDigest> digests, List<SignedDigest> laterRetention,
            boolean includeTail) {
        List<Break> breaks = new ArrayList<>();
        List<SignedDigest> all = new ArrayList<>();
        if (base != null) {
            all.add(base);
        }
        all.addAll(digests);
        all.addAll(laterRetention);
        for (SignedDigest signed : all) {
            checkSignature(signed, breaks);
        }
        checkDigestLinks(base, digests, breaks);
        Set<String> chains = new TreeSet<>();
        all.forEach(signed -> signed.digest().chains().forEach(head -> chains.add(head.chain())));
        if (includeTail) {
            chains.addAll(source.chains());
        }
        chains.removeIf(chain -> !source.includes(chain));
        for (String chain : chains) {
            Break broken = verifyChain(chain, base, digests, laterRetention, includeTail);
            if (broken != null) {
                breaks.add(broken);
            }
        }
        return new VerificationReport(digestsChecked, recordsChecked, breaks);
    }

    private void checkSignature(SignedDigest signed, List<Break> breaks) {
        digestsChecked++;
        PublicKey key = keys.get(signed.digest().keyId());
        if (key == null) {
            breaks.add(Break.inDigest(BreakKind.BAD_SIGNATURE, signed.digest().seq(),
                    "signed with key " + signed.digest().keyId() + ", which is not a published key"));
        } else if (!SignatureCheck.verify(key, signed)) {
            breaks.add(Break.inDigest(BreakKind.BAD_SIGNATURE, signed.digest().seq(),
                    "the Ed25519 signature does not verify with key " + signed.digest().keyId()));
        }
    }

    private static void checkDigestLinks(SignedDigest base, List<SignedDigest> digests, List<Break> breaks) {
        Digest previous = base == null ? null : base.digest();
        for (SignedDigest signed : digests) {
            Digest digest = signed.digest();
            long expectedSeq = previous == null ? 1 : previous.seq() + 1;
            String expectedHash = previous == null ? Sha256.ZERO : previous.hash();
            if (digest.seq() != expectedSeq) {
                breaks.add(Break.inDigest(BreakKind.MISSING_DIGEST, expectedSeq, "expected digest " + expectedSeq
                        + " before digest " + digest.seq() + "; it is missing"));
            } else if (!digest.previousDigestHash().equals(expectedHash)) {
                breaks.add(Break.inDigest(BreakKind.MISSING_DIGEST, digest.seq(), "previousDigestHash "
                        + digest.previousDigestHash() + " is not the hash of the digest before it (" + expectedHash
                        + ")"));
            }
            previous = digest;
        }
    }

    private Break verifyChain(String chain, SignedDigest base, List<SignedDigest> digests,
            List<SignedDigest> laterRetention, boolean includeTail) {
        ChainRange range = range(chain, base, digests, laterRetention, includeTail);
        if (range.throughSeq() <= range.afterSeq()) {
            return null;
        }
        Iterator<ChainedEvidence> records = source.records(chain, range.afterSeq(), range.throughSeq());
        try {
            return walk(chain, range.afterSeq(), range.startHash(), range.checkpoints(), records);
        } finally {
            if (records instanceof AutoCloseable closeable) {
                close(closeable);
            }
        }
    }

    /**
     * The part of a chain a verification walks: after the base digest's head (or the newest retention anchor) through
     * the last periodic digest's head (or the end of the chain with {@code includeTail}).
     *
     * @return the range and the signed checkpoints in it
     */
    public static ChainRange range(String chain, SignedDigest base, List<SignedDigest> digests,
            List<SignedDigest> laterRetention, boolean includeTail) {
        long startSeq = 0;
        String startHash = Sha256.ZERO;
        ChainHead baseHead = base == null ? null : head(base.digest(), chain);
        if (baseHead != null) {
            startSeq = baseHead.toSeq();
            startHash = baseHead.headHash();
        }
        List<SignedDigest> after = new ArrayList<>(digests);
        after.addAll(laterRetention);
        for (SignedDigest signed : after) {
            ChainHead head = head(signed.digest(), chain);
            if (head != null && signed.digest().type() == DigestType.RETENTION && head.toSeq() > startSeq) {
                startSeq = head.toSeq();
                startHash = head.headHash();
            }
        }
        NavigableMap<Long, Checkpoint> checkpoints = new TreeMap<>();
        for (SignedDigest signed : digests) {
            ChainHead head = head(signed.digest(), chain);
            if (head != null && signed.digest().type() == DigestType.PERIODIC && head.toSeq() > startSeq) {
                checkpoints.put(head.toSeq(), new Checkpoint(head.headHash(), signed.digest().seq()));
            }
        }
        long endSeq = includeTail ? Long.MAX_VALUE : checkpoints.isEmpty() ? startSeq : checkpoints.lastKey();
        return new ChainRange(startSeq, startHash, endSeq, checkpoints);
    }

    private Break walk(String chain, long startSeq, String startHash, NavigableMap<Long, Checkpoint> checkpoints,
            Iterator<ChainedEvidence> records) {
        long previousSeq = startSeq;
        String previousHash = startHash;
        String previousPreviousHash = null;
        String previousSourceId = null;
        while (records.hasNext()) {
            ChainedEvidence record = records.next();
            recordsChecked++;
            ChainLink link = record.link();
            String sourceId = record.content().sourceId();
            if (link.seq() == previousSeq && previousSourceId != null) {
                return Break.inChain(BreakKind.INSERTED, chain, link.seq(), sourceId, "two records hold seq "
                        + link.seq() + ": " + previousSourceId + " and " + sourceId);
            }
            Break content = checkContent(chain, record);
            if (content != null) {
                return content;
            }
            if (!link.previousHash().equals(previousHash)) {
                return brokenLink(chain, record, previousSeq, previousSourceId, previousPreviousHash, records);
            }
            Map.Entry<Long, Checkpoint> passed = checkpoints.floorEntry(link.seq() - 1);
            if (passed != null && passed.getKey() > previousSeq) {
                return Break.inChain(BreakKind.DELETED, chain, passed.getKey(), null, "digest "
                        + passed.getValue().digestSeq() + " counts a record at seq " + passed.getKey()
                        + ", which is missing");
            }
            Checkpoint checkpoint = checkpoints.get(link.seq());
            if (checkpoint != null && !checkpoint.hash().equals(link.hash())) {
                return Break.inChain(BreakKind.MODIFIED, chain, link.seq(), sourceId, "hash " + link.hash()
                        + " differs from the head hash " + checkpoint.hash() + " signed in digest "
                        + checkpoint.digestSeq());
            }
            previousPreviousHash = previousHash;
            previousHash = link.hash();
            previousSeq = link.seq();
            previousSourceId = sourceId;
        }
        Map.Entry<Long, Checkpoint> unreached = checkpoints.higherEntry(previousSeq);
        if (unreached != null) {
            return Break.inChain(BreakKind.DELETED, chain, previousSeq + 1, null, "digest "
                    + unreached.getValue().digestSeq() + " says the chain reaches seq " + unreached.getKey()
                    + ", but its records end at seq " + previousSeq);
        }
        return null;
    }

    private static Break checkContent(String chain, ChainedEvidence record) {
        ChainLink link = record.link();
        String contentHash = record.content().contentHash();
        if (!contentHash.equals(link.contentHash())) {
            return Break.inChain(BreakKind.MODIFIED, chain, link.seq(), record.content().sourceId(),
                    "the content hashes to " + contentHash + ", the record says " + link.contentHash());
        }
        if (!ChainLink.linkHash(link.previousHash(), link.contentHash()).equals(link.hash())) {
            return Break.inChain(BreakKind.MODIFIED, chain, link.seq(), record.content().sourceId(),
                    "the link hash is not SHA-256(previousHash || contentHash)");
        }
        if (!chain.equals(record.content().chain())) {
            return Break.inChain(BreakKind.INSERTED, chain, link.seq(), record.content().sourceId(),
                    "the record belongs to chain " + record.content().chain());
        }
        return null;
    }

    /** Classifies a record whose previous hash is not the hash of the record before it. */
    private Break brokenLink(String chain, ChainedEvidence record, long previousSeq, String previousSourceId,
            String previousPreviousHash, Iterator<ChainedEvidence> rest) {
        ChainLink link = record.link();
        String sourceId = record.content().sourceId();
        if (previousSourceId != null && link.previousHash().equals(previousPreviousHash)) {
            return Break.inChain(BreakKind.INSERTED, chain, previousSeq, previousSourceId, "record at seq "
                    + link.seq() + " links past the record at seq " + previousSeq + ", which is not part of the chain");
        }
        Set<String> laterHashes = new HashSet<>();
        rest.forEachRemaining(later -> laterHashes.add(later.link().hash()));
        if (laterHashes.contains(link.previousHash())) {
            return Break.inChain(BreakKind.REORDERED, chain, link.seq(), sourceId, "its predecessor (hash "
                    + link.previousHash() + ") comes after it in the chain");
        }
        if (link.seq() > previousSeq + 1) {
            return Break.inChain(BreakKind.DELETED, chain, previousSeq + 1, null, "records " + (previousSeq + 1)
                    + ".." + (link.seq() - 1) + " are missing; seq " + link.seq() + " links to hash "
                    + link.previousHash());
        }
        if (previousSourceId == null) {
            return Break.inChain(BreakKind.INSERTED, chain, link.seq(), sourceId, "its previous hash "
                    + link.previousHash() + " is not the signed start of the chain");
        }
        return Break.inChain(BreakKind.MODIFIED, chain, previousSeq, previousSourceId, "the record at seq "
                + previousSeq + " was rewritten: seq " + link.seq() + " links to hash " + link.previousHash());
    }

    private static ChainHead head(Digest digest, String chain) {
        return digest.chains().stream().filter(head -> head.chain().equals(chain)).findFirst().orElse(null);
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot close the evidence source: " + e.getMessage(), e);
        }
    }

    /**
     * The walked part of a chain.
     *
     * @param afterSeq records after this sequence number
     * @param startHash the hash the first walked record must name as its previous hash
     * @param throughSeq records through this sequence number ({@code Long.MAX_VALUE}: to the end)
     * @param checkpoints signed head hashes by sequence number
     */
    public record ChainRange(long afterSeq, String startHash, long throughSeq,
            NavigableMap<Long, Checkpoint> checkpoints) {
    }

    /**
     * A signed head.
     *
     * @param hash the head hash
     * @param digestSeq the digest that signs it
     */
    public record Checkpoint(String hash, long digestSeq) {
    }
}
