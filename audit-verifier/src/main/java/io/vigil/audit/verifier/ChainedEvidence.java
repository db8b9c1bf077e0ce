package io.vigil.audit.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored piece of evidence with its chain link, as verification reads it (from the database or an export line).
 *
 * @param link its chain link as stored (not trusted: verification recomputes it)
 * @param content what it says
 */
public record ChainedEvidence(ChainLink link, EvidenceContent content) {

    /**
     * @return the export form: {@code
     * {"type":"evidence","seq":..,"previousHash":..,"contentHash":..,"hash":..,"content":{..}}}
     */
    public ObjectNode toJson() {
        ObjectNode json = CanonicalJson.mapper().createObjectNode();
        json.put("type", "evidence");
        json.put("seq", link.seq());
        json.put("previousHash", link.previousHash());
        json.put("contentHash", link.contentHash());
        json.put("hash", link.hash());
        json.set("content", content.document());
        return json;
    }

    /** @return the evidence of an export line written by {@link #toJson()} */
    public static ChainedEvidence fromJson(JsonNode json) {
        EvidenceContent content = EvidenceContent.fromDocument(json.get("content"));
        ChainLink link = new ChainLink(content.chain(), Json.requiredLong(json, "seq"),
                Json.requiredText(json, "previousHash"), Json.requiredText(json, "contentHash"),
                Json.requiredText(json, "hash"));
        return new ChainedEvidence(link, content);
    }
}
