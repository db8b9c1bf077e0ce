package io.vigil.audit.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a piece of evidence says, as hashed into its chain link. The content document is this JSON object,
 * every member always present (absent values are JSON {@code null}, absent controls an empty array):
 *
 * <pre>{"account","actor","chain","controls","eventName","key","kind","occurredAt","offset","payload",
 *  "recordedAt","region","rule","sourceId"}</pre>
 *
 * and {@link #contentHash()} is the SHA-256 of its RFC 8785 canonical UTF-8 bytes.
 *
 * @param chain the chain it belongs to, e.g. {@code vigil.events.v1/0} (topic and partition) or {@code api-access}
 * @param kind what it is, e.g. {@code event}, {@code alert}, {@code api-access}
 * @param sourceId the id of the message (or access) it records; unique per kind
 * @param occurredAt when what it records happened (event time, alert time, delivery attempt, ...); nullable
 * @param recordedAt when the audit-service recorded it; microsecond precision
 * @param account the AWS account it concerns; nullable
 * @param region the AWS region it concerns; nullable
 * @param controls the compliance controls it evidences, e.g. {@code CIS-3.5}; never null, may be empty
 * @param rule the rule involved; nullable
 * @param actor who acted (IAM ARN, rule author, API user); nullable
 * @param eventName the AWS API operation (event name); nullable
 * @param key the Kafka record key; nullable
 * @param offset the Kafka offset it was read from; null for evidence not read from Kafka
 * @param payload the recorded message or access, as JSON
 */
public record EvidenceContent(String chain, String kind, String sourceId, Instant occurredAt, Instant recordedAt,
        String account, String region, List<String> controls, String rule, String actor, String eventName,
        String key, Long offset, JsonNode payload) {

    public EvidenceContent {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(payload, "payload");
        occurredAt = CanonicalTime.truncate(occurredAt);
        recordedAt = CanonicalTime.truncate(recordedAt);
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    /** @return the content document described above */
    public ObjectNode document() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode document = json.objectNode();
        document.put("chain", chain);
        document.put("kind", kind);
        document.put("sourceId", sourceId);
        document.put("occurredAt", CanonicalTime.format(occurredAt));
        document.put("recordedAt", CanonicalTime.format(recordedAt));
        document.put("account", account);
        document.put("region", region);
        ArrayNode controlsArray = document.putArray("controls");
        controls.forEach(controlsArray::add);
        document.put("rule", rule);
        document.put("actor", actor);
        document.put("eventName", eventName);
        document.put("key", key);
        document.put("offset", offset);
        document.set("payload", payload);
        return document;
    }

    /** @return SHA-256 (hex) of the canonical content document */
    public String contentHash() {
        return Sha256.hex(CanonicalJson.bytes(document()));
    }

    /** @return the content described by a content document, as exported */
    public static EvidenceContent fromDocument(JsonNode document) {
        List<String> controls = Json.strings(document.get("controls"));
        JsonNode offset = document.get("offset");
        return new EvidenceContent(Json.text(document, "chain"), Json.text(document, "kind"),
                Json.text(document, "sourceId"), CanonicalTime.parse(Json.text(document, "occurredAt")),
                CanonicalTime.parse(Json.text(document, "recordedAt")), Json.text(document, "account"),
                Json.text(document, "region"), controls, Json.text(document, "rule"), Json.text(document, "actor"),
                Json.text(document, "eventName"), Json.text(document, "key"),
                offset == null || offset.isNull() ? null : offset.asLong(), document.get("payload"));
    }
}
