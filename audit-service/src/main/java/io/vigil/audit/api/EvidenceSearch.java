package io.vigil.audit.api;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The raw search parameters of {@code GET /api/v1/evidence}. They arrive as strings so that every malformed value is
 * answered with 400 naming the parameter ({@link EvidenceParameters}).
 */
public class EvidenceSearch {

    @QueryParam("kind")
    @Parameter(description = "Only this kind", schema = @Schema(type = SchemaType.STRING, enumeration = {"event",
            "dead_letter", "alert", "compliance", "rule_change", "delivery", "api_access", "malformed"}))
    String kind;

    @QueryParam("key")
    @Parameter(description = "Only this exact Kafka record key (account id, alert fingerprint, alert id, resource "
            + "ARN, rule id, source message id)")
    String key;

    @QueryParam("account")
    @Parameter(description = "Only this AWS account id")
    String account;

    @QueryParam("region")
    @Parameter(description = "Only this AWS region")
    String region;

    @QueryParam("control")
    @Parameter(description = "Only evidence for this control, e.g. CIS-3.5")
    String control;

    @QueryParam("rule")
    @Parameter(description = "Only this rule id")
    String rule;

    @QueryParam("actor")
    @Parameter(description = "Only this actor (IAM ARN, rule author, API user)")
    String actor;

    @QueryParam("eventName")
    @Parameter(description = "Only this API operation (event name), e.g. StopLogging")
    String eventName;

    @QueryParam("since")
    @Parameter(description = "Only evidence recorded at or after this ISO-8601 instant",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String since;

    @QueryParam("until")
    @Parameter(description = "Only evidence recorded before this ISO-8601 instant",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String until;

    @QueryParam("limit")
    @Parameter(description = "Page size, 1 to vigil.audit.api.max-page-size (1000); default "
            + "vigil.audit.api.default-page-size (100)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    String limit;

    @QueryParam("after")
    @Parameter(description = "The previous page's nextAfter",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
    String after;
}
