package io.vigil.audit.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One chain's entry in a digest. In a {@link DigestType#PERIODIC} digest: the links added since the previous digest
 * ({@code fromSeq..toSeq}, {@code count} of them, {@code fromSeq = toSeq + 1} and {@code count = 0} when none) and the
 * chain's head after them. In a {@link DigestType#RETENTION} digest: the links removed ({@code fromSeq..toSeq}) and
 * the hash of the last one removed, which the first kept link names as its previous hash.
 *
 * @param chain the chain id
 * @param fromSeq first sequence number covered
 * @param toSeq last sequence number covered (the head); 0 for a chain with no links yet
 * @param count number of links covered: {@code toSeq - fromSeq + 1}
 * @param headHash the hash of link {@code toSeq} ({@link Sha256#ZERO} when {@code toSeq} is 0)
 */
public record ChainHead(String chain, long fromSeq, long toSeq, long count, String headHash) {

    public ChainHead {
        if (count != toSeq - fromSeq + 1) {
            throw new IllegalArgumentException("count " + count + " of chain " + chain + " is not toSeq - fromSeq + 1");
        }
    }

    /** @return the canonical member object of the digest's {@code chains} array */
    ObjectNode toJson() {
        ObjectNode json = CanonicalJson.mapper().createObjectNode();
        json.put("chain", chain);
        json.put("fromSeq", fromSeq);
        json.put("toSeq", toSeq);
        json.put("count", count);
        json.put("headHash", headHash);
        return json;
    }

    static ChainHead fromJson(JsonNode json) {
        return new ChainHead(Json.requiredText(json, "chain"), Json.requiredLong(json, "fromSeq"),
                Json.requiredLong(json, "toSeq"), Json.requiredLong(json, "count"),
                Json.requiredText(json, "headHash"));
    }
}
