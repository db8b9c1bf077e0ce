package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.JsonFields.firstNonBlank;
import static io.vigil.ingest.normalize.JsonFields.requiredText;
import static io.vigil.ingest.normalize.JsonFields.requiredTime;
import static io.vigil.ingest.normalize.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.Action;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.StableIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Normalizes an AWS Config {@code Config Rules Compliance Change} event: the rule is the operation, the new
 * compliance type the outcome ({@code COMPLIANT} success, {@code NON_COMPLIANT} failure, others unknown).
 * Identified by rule, resource and {@code resultRecordedTime}. Stateless and thread-safe.
 */
@ApplicationScoped
public class ConfigComplianceChangeNormalizer {

    /** The {@code sourceKind} of Config rule compliance changes. */
    public static final String SOURCE_KIND = "aws.config.compliance";

    public NormalizedEvent normalize(JsonNode envelope, Origin origin, Instant producedAt) {
        JsonNode detail = envelope.path("detail");
        String rule = requiredText(detail, "configRuleName", "detail.configRuleName");
        String resourceId = requiredText(detail, "resourceId", "detail.resourceId");
        String resourceType = text(detail, "resourceType");
        JsonNode result = JsonFields.requiredObject(detail, "newEvaluationResult", "detail.newEvaluationResult");
        String compliance = requiredText(result, "complianceType", "detail.newEvaluationResult.complianceType");
        Instant recorded = requiredTime(result, "resultRecordedTime",
                "detail.newEvaluationResult.resultRecordedTime");
        String accountId = firstNonBlank(text(detail, "awsAccountId"), text(envelope, "account"));
        if (accountId == null) {
            throw new InvalidShapeException("required field 'detail.awsAccountId' is missing");
        }
        String sourceEventId = rule + "/" + resourceType + "/" + resourceId + "/" + recorded;
        Outcome outcome = switch (compliance) {
            case "COMPLIANT" -> Outcome.SUCCESS;
            case "NON_COMPLIANT" -> Outcome.FAILURE;
            default -> Outcome.UNKNOWN;
        };
        String region = firstNonBlank(text(detail, "awsRegion"), text(envelope, "region"));
        String resourceArn = resourceId.startsWith("arn:") ? resourceId : null;
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, StableIds.of(SOURCE_KIND, sourceEventId),
                producedAt, SOURCE_KIND, sourceEventId, EventClass.COMPLIANCE_FINDING, recorded, accountId, region,
                null, new Action("config.amazonaws.com", rule, outcome,
                        outcome == Outcome.SUCCESS ? null : compliance, text(result, "annotation"), null),
                null, null, List.of(new ResourceRef(resourceArn, resourceType, resourceId)), null, origin, envelope);
    }
}
