package io.vigil.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.Alert;
import io.vigil.contract.ComplianceEvaluation;
import io.vigil.contract.ComplianceStatus;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.Delivery;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.RuleChange;
import io.vigil.contract.RuleChangeType;
import io.vigil.contract.Severity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Contract messages with fresh ids, so tests sharing one broker and database never see each other's data. */
final class Messages {

    static final Instant PRODUCED_AT = Instant.parse("2026-11-23T09:00:01Z");
    static final Instant EVENT_TIME = Instant.parse("2026-11-23T09:00:00Z");

    private Messages() {
    }

    static String freshId() {
        return UUID.randomUUID().toString();
    }

    /** A fresh 12-digit account id, the key of events. */
    static String freshAccount() {
        return String.format("%012d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000_000L));
    }

    static NormalizedEvent stopLogging(String id, String accountId) {
        JsonNode raw = ContractJson.mapper().createObjectNode()
                .put("source", "aws.cloudtrail").put("detail-type", "AWS API Call via CloudTrail");
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, id, PRODUCED_AT, "aws.cloudtrail",
                "ct-" + id, EventClass.API_ACTIVITY, EVENT_TIME, accountId, "eu-west-1",
                new Actor("IAMUser", "arn:aws:iam::" + accountId + ":user/mallory", "mallory", accountId, false,
                        null, null),
                new Action("cloudtrail.amazonaws.com", "StopLogging", Outcome.SUCCESS, null, null, false),
                "203.0.113.7", "aws-cli/2.15.0",
                List.of(new ResourceRef("arn:aws:cloudtrail:eu-west-1:" + accountId + ":trail/main",
                        "AWS::CloudTrail::Trail", "main")),
                null, new Origin("sqs", "http://127.0.0.1:9324/000000000000/vigil-events", "m-" + id), raw);
    }

    static Alert alert(String id, String fingerprint, NormalizedEvent event) {
        return new Alert(Alert.SCHEMA_VERSION, id, PRODUCED_AT, fingerprint, "cis-cloudwatch-5",
                "CloudTrail configuration changes", "cloudwatch-filter", Severity.HIGH,
                List.of("SecurityHub:CloudWatch.5"), List.of("cis"), event.accountId(),
                "mallory stopped trail main in " + event.accountId() + " eu-west-1 from 203.0.113.7",
                event.accountId(), "eu-west-1", EVENT_TIME, EVENT_TIME, 1, List.of(event), 0, null);
    }

    static Delivery delivery(String id, String alertId, String receiver, String receiverKind) {
        return new Delivery(Delivery.SCHEMA_VERSION, id, PRODUCED_AT, alertId, "fp-" + alertId, "cis-cloudwatch-5",
                receiver, receiverKind, 1, DeliveryOutcome.DELIVERED, EVENT_TIME.plusSeconds(2), 42,
                "provider-" + id, null);
    }

    static RuleChange ruleChange(String id, String ruleId, String author) {
        return new RuleChange(RuleChange.SCHEMA_VERSION, id, PRODUCED_AT, ruleId, RuleChangeType.UPDATED, 2, author,
                EVENT_TIME, ContractJson.mapper().createObjectNode().put("threshold", 1),
                ContractJson.mapper().createObjectNode().put("threshold", 3));
    }

    static DeadLetter deadLetter(String id, String sourceMessageId) {
        return new DeadLetter(DeadLetter.SCHEMA_VERSION, id, PRODUCED_AT, DeadLetterReason.INVALID_JSON,
                "Unexpected character at line 1, column 2",
                new Origin("sqs", "http://127.0.0.1:9324/000000000000/vigil-events", sourceMessageId), EVENT_TIME,
                DeadLetter.ENCODING_UTF8, "{not json", 9);
    }

    static ComplianceEvaluation compliance(String id, String accountId, String ruleId) {
        return new ComplianceEvaluation(ComplianceEvaluation.SCHEMA_VERSION, id, PRODUCED_AT, ruleId,
                "arn:aws:ec2:eu-west-1:" + accountId + ":volume/vol-0abc", "AWS::EC2::Volume", accountId,
                "eu-west-1", ComplianceStatus.NON_COMPLIANT, "volume is not encrypted", EVENT_TIME, "ev-" + id);
    }
}
