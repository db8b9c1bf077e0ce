package io.vigil.audit.verifier;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds chains and signed digests in memory, the way the audit-service does, for verifier tests. */
final class TestEvidence {

    static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    final KeyPair keys = generate();
    final DigestSigner signer = new DigestSigner(keys.getPrivate(), keys.getPublic());
    final Map<String, List<ChainedEvidence>> records = new TreeMap<>();
    final List<SignedDigest> digests = new ArrayList<>();
    private final Map<String, Long> lastDigestedSeq = new TreeMap<>();
    private final Map<String, Long> lastRemoved = new TreeMap<>();

    /** Appends n records to the chain. */
    TestEvidence append(String chain, int n) {
        List<ChainedEvidence> list = records.computeIfAbsent(chain, c -> new ArrayList<>());
        for (int i = 0; i < n; i++) {
            long seq = list.isEmpty() ? lastRemoved.getOrDefault(chain, 0L) + 1 : list.getLast().link().seq() + 1;
            String previous = list.isEmpty() ? Sha256.ZERO : list.getLast().link().hash();
            EvidenceContent content = new EvidenceContent(chain, "event", chain + "#" + seq,
                    START.plusSeconds(seq), START.plusSeconds(seq), "123456789012", "eu-west-1", List.of("CIS-3.5"),
                    "cis-3.5", "arn:aws:iam::123456789012:user/mallory", "StopLogging", "123456789012", seq - 1,
                    CanonicalJson.parse("{\"id\":\"" + chain + "#" + seq + "\",\"n\":" + seq + "}"));
            list.add(new ChainedEvidence(ChainLink.next(chain, seq, previous, content.contentHash()), content));
        }
        return this;
    }

    /** Signs a periodic digest of every chain's head. */
    TestEvidence digest() {
        List<ChainHead> heads = new ArrayList<>();
        records.forEach((chain, list) -> {
            long from = lastDigestedSeq.getOrDefault(chain, 0L) + 1;
            long to = list.getLast().link().seq();
            heads.add(new ChainHead(chain, from, to, to - from + 1, list.getLast().link().hash()));
            lastDigestedSeq.put(chain, to);
        });
        sign(DigestType.PERIODIC, heads);
        return this;
    }

    /** Removes the chain's records through seq and signs a retention digest anchoring what is left. */
    TestEvidence retain(String chain, long throughSeq) {
        List<ChainedEvidence> list = records.get(chain);
        String anchor = list.get((int) throughSeq - 1).link().hash();
        list.removeIf(evidence -> evidence.link().seq() <= throughSeq);
        lastRemoved.put(chain, throughSeq);
        sign(DigestType.RETENTION, List.of(new ChainHead(chain, 1, throughSeq, throughSeq, anchor)));
        return this;
    }

    private void sign(DigestType type, List<ChainHead> heads) {
        long seq = digests.size() + 1;
        String previous = digests.isEmpty() ? Sha256.ZERO : digests.getLast().digest().hash();
        Instant start = START.plus(java.time.Duration.ofHours(seq - 1));
        digests.add(signer.sign(new Digest(seq, type, start, start.plusSeconds(3600), previous, heads,
                signer.keyId())));
    }

    EvidenceExport export() {
        return new EvidenceExport(null, digests, List.of(), true, records);
    }

    VerificationReport verify() {
        return export().verify(Map.of(signer.keyId(), keys.getPublic()));
    }

    ChainedEvidence record(String chain, long seq) {
        return records.get(chain).stream().filter(e -> e.link().seq() == seq).findFirst().orElseThrow();
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
