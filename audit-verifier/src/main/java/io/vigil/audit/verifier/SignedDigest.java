package io.vigil.audit.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A digest and its signature. Export and download form:
 * {@code {"type":"digest","digest":{..},"signature":"<base64 Ed25519 signature of the digest's canonical bytes>"}}.
 *
 * @param digest the digest document
 * @param signature the base64 (RFC 4648, padded) Ed25519 signature of {@link Digest#canonicalBytes()}
 */
public record SignedDigest(Digest digest, String signature) {

    /** @return the export form */
    public ObjectNode toJson() {
        ObjectNode json = CanonicalJson.mapper().createObjectNode();
        json.put("type", "digest");
        json.set("digest", digest.toJson());
        json.put("signature", signature);
        return json;
    }

    /** @return the signed digest of an export line written by {@link #toJson()} */
    public static SignedDigest fromJson(JsonNode json) {
        return new SignedDigest(Digest.fromJson(json.get("digest")), Json.requiredText(json, "signature"));
    }
}
