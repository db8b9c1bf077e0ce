package io.vigil.audit.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A digest document: the state of every chain at the end of a period, linked to the previous digest. Digests form
 * their own chain: {@code previousDigestHash} is the {@link #hash()} of digest {@code seq - 1} ({@link Sha256#ZERO} for
 * digest 1). The signed bytes are the RFC 8785 canonical form of {@link #toJson()}:
 *
 * <pre>{"algorithm":"Ed25519","chains":[ChainHead...],"keyId":..,"periodEnd":..,"periodStart":..,
 *  "previousDigestHash":..,"seq":..,"type":"periodic"|"retention","version":1}</pre>
 *
 * @param seq the digest's number, from 1, without gaps
 * @param type periodic or retention
 * @param periodStart the previous digest's periodEnd (the service start for digest 1)
 * @param periodEnd when the heads were read
 * @param previousDigestHash the hash of the previous digest
 * @param chains one entry per chain, sorted by chain id
 * @param keyId the id of the key that signs it ({@link DigestKeys#keyId})
 */
public record Digest(long seq, DigestType type, Instant periodStart, Instant periodEnd, String previousDigestHash,
        List<ChainHead> chains, String keyId) {

    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    /** The signature algorithm (RFC 8032 pure Ed25519 over the canonical bytes). */
    public static final String ALGORITHM = "Ed25519";

    public Digest {
        periodStart = CanonicalTime.truncate(periodStart);
        periodEnd = CanonicalTime.truncate(periodEnd);
        List<ChainHead> sorted = new ArrayList<>(chains);
        sorted.sort(Comparator.comparing(ChainHead::chain));
        chains = List.copyOf(sorted);
    }

    /** @return the digest document */
    public ObjectNode toJson() {
        ObjectNode json = CanonicalJson.mapper().createObjectNode();
        json.put("version", VERSION);
        json.put("seq", seq);
        json.put("type", type.wireName());
        json.put("periodStart", CanonicalTime.format(periodStart));
        json.put("periodEnd", CanonicalTime.format(periodEnd));
        json.put("previousDigestHash", previousDigestHash);
        ArrayNode array = json.putArray("chains");
        chains.forEach(head -> array.add(head.toJson()));
        json.put("keyId", keyId);
        json.put("algorithm", ALGORITHM);
        return json;
    }

    /** @return the bytes that are signed and hashed: RFC 8785 of {@link #toJson()} */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(toJson());
    }

    /** @return SHA-256 (hex) of the canonical bytes; the next digest's previousDigestHash */
    public String hash() {
        return Sha256.hex(canonicalBytes());
    }

    /** @return the digest a document written by {@link #toJson()} describes */
    public static Digest fromJson(JsonNode json) {
        long version = Json.requiredLong(json, "version");
        if (version != VERSION) {
            throw new IllegalArgumentException("Unsupported digest version " + version);
        }
        String algorithm = Json.requiredText(json, "algorithm");
        if (!ALGORITHM.equals(algorithm)) {
            throw new IllegalArgumentException("Unsupported digest algorithm " + algorithm);
        }
        List<ChainHead> chains = new ArrayList<>();
        json.get("chains").forEach(head -> chains.add(ChainHead.fromJson(head)));
        return new Digest(Json.requiredLong(json, "seq"), DigestType.fromWireName(Json.requiredText(json, "type")),
                CanonicalTime.parse(Json.requiredText(json, "periodStart")),
                CanonicalTime.parse(Json.requiredText(json, "periodEnd")),
                Json.requiredText(json, "previousDigestHash"), chains, Json.requiredText(json, "keyId"));
    }
}
