package io.vigil.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A security event in Vigil's one schema, aligned with OCSF, on {@link Topics#EVENTS} keyed by {@link #accountId()}.
 *
 * @param schemaVersion version of this record's shape; {@link #SCHEMA_VERSION} when produced by this code
 * @param id stable id, the same every time the same source event is ingested (a name-based UUID of
 *        {@code sourceKind} and {@code sourceEventId})
 * @param producedAt when the ingest-service produced this record
 * @param sourceKind what produced the source document, e.g. {@code aws.cloudtrail}, {@code aws.guardduty}
 * @param sourceEventId the source's own id (CloudTrail {@code eventID}, finding id, EventBridge id)
 * @param eventClass the OCSF class; {@link #classUid()} and {@link #categoryUid()} are derived from it
 * @param time when the event happened at the source
 * @param accountId the AWS account the event belongs to
 * @param region the AWS region; nullable for global sources without one
 * @param actor who acted; nullable for findings without a principal
 * @param action what was done; nullable for findings
 * @param sourceIp the caller's IP address or AWS service name, as the source gives it; nullable
 * @param userAgent the caller's user agent; nullable
 * @param resources the resources involved; may be empty, never null
 * @param severity severity of a finding; nullable for activity events
 * @param origin where the source document entered Vigil
 * @param raw the source document exactly as received (for EventBridge, the whole envelope)
 * @param caveats what a consumer should know about how this event was made, each {@code code: detail} (e.g.
 *        {@code config-item-summary-only: ...} when an oversized Config item could not be read from S3 and the
 *        event was made from its summary); empty normally, never null
 */
public record NormalizedEvent(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("id") String id,
        @JsonProperty("producedAt") Instant producedAt,
        @JsonProperty("sourceKind") String sourceKind,
        @JsonProperty("sourceEventId") String sourceEventId,
        @JsonProperty("eventClass") EventClass eventClass,
        @JsonProperty("time") Instant time,
        @JsonProperty("accountId") String accountId,
        @JsonProperty("region") String region,
        @JsonProperty("actor") Actor actor,
        @JsonProperty("action") Action action,
        @JsonProperty("sourceIp") String sourceIp,
        @JsonProperty("userAgent") String userAgent,
        @JsonProperty("resources") List<ResourceRef> resources,
        @JsonProperty("severity") Severity severity,
        @JsonProperty("origin") Origin origin,
        @JsonProperty("raw") JsonNode raw,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("caveats") List<String> caveats) {

    /** The schema version this code writes: 2 since {@code caveats} was added (1 had no caveats). */
    public static final int SCHEMA_VERSION = 2;

    public NormalizedEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceKind, "sourceKind");
        Objects.requireNonNull(eventClass, "eventClass");
        Objects.requireNonNull(accountId, "accountId");
        resources = resources == null ? List.of() : List.copyOf(resources);
        caveats = caveats == null ? List.of() : List.copyOf(caveats);
    }

    /** An event without caveats (the shape before {@code caveats} existed). */
    public NormalizedEvent(int schemaVersion, String id, Instant producedAt, String sourceKind, String sourceEventId,
            EventClass eventClass, Instant time, String accountId, String region, Actor actor, Action action,
            String sourceIp, String userAgent, List<ResourceRef> resources, Severity severity, Origin origin,
            JsonNode raw) {
        this(schemaVersion, id, producedAt, sourceKind, sourceEventId, eventClass, time, accountId, region, actor,
                action, sourceIp, userAgent, resources, severity, origin, raw, List.of());
    }

    /** @return the OCSF {@code class_uid} of {@link #eventClass()} */
    @JsonProperty(value = "classUid", access = JsonProperty.Access.READ_ONLY)
    public int classUid() {
        return eventClass.classUid();
    }

    /** @return the OCSF {@code category_uid} of {@link #eventClass()} */
    @JsonProperty(value = "categoryUid", access = JsonProperty.Access.READ_ONLY)
    public int categoryUid() {
        return eventClass.categoryUid();
    }

    /** @return the operation name, or null when the event has no action */
    @JsonIgnore
    public String operation() {
        return action == null ? null : action.operation();
    }
}
