package io.vigil.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** One realistic instance of every contract message, shared by the contract tests. */
final class ContractSamples {

    static final Instant PRODUCED = Instant.parse("2026-11-23T09:15:02.123Z");
    static final Instant EVENT_TIME = Instant.parse("2026-11-23T09:14:58Z");

    private ContractSamples() {
    }

    static JsonNode rawStopLogging() {
        return ContractJson.read(
                """
                        {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"AWS API Call via CloudTrail",
                         "source":"aws.cloudtrail","account":"111122223333","time":"2026-11-23T09:14:58Z","region":"us-east-1",
                         "resources":[],"detail":{"eventVersion":"1.09","eventSource":"cloudtrail.amazonaws.com",
                         "eventName":"StopLogging","eventID":"3f1c2b7a-0d5e-4c4e-9a53-7b8f2d1e6a90","sourceIPAddress":"203.0.113.7",
                         "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice"},"score":0.10}}
                        """,
                JsonNode.class);
    }

    static NormalizedEvent event() {
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, "0c0f6d6e-5d4b-3a57-8d6f-0f8c3e0b8f11", PRODUCED,
                "aws.cloudtrail", "3f1c2b7a-0d5e-4c4e-9a53-7b8f2d1e6a90", EventClass.API_ACTIVITY, EVENT_TIME,
                "111122223333", "us-east-1",
                new Actor("IAMUser", "arn:aws:iam::111122223333:user/alice", "alice", "111122223333", false, null,
                        null),
                new Action("cloudtrail.amazonaws.com", "StopLogging", Outcome.SUCCESS, null, null, false),
                "203.0.113.7", "aws-cli/2.15.0",
                List.of(new ResourceRef("arn:aws:cloudtrail:us-east-1:111122223333:trail/main",
                        "AWS::CloudTrail::Trail", "main")),
                null,
                new Origin("sqs", "http://127.0.0.1:9324/000000000000/vigil-events", "m-1"),
                rawStopLogging());
    }

    static DeadLetter deadLetter() {
        return new DeadLetter(DeadLetter.SCHEMA_VERSION, "dl-1", PRODUCED, DeadLetterReason.INVALID_JSON,
                "Unexpected character 'n' at line 1, column 1", new Origin("sqs", "queue-url", "m-2"), EVENT_TIME,
                DeadLetter.ENCODING_UTF8, "not json", 8);
    }

    static Alert alert() {
        return new Alert(Alert.SCHEMA_VERSION, "alert-1", PRODUCED, "fp-1", "cis-cloudwatch-5",
                "CloudTrail configuration changed", "cloudwatch-filter", Severity.HIGH,
                List.of("SecurityHub:CloudWatch.5", "CIS-AWS-1.2:3.5"), List.of("cis"), "111122223333",
                "arn:aws:iam::111122223333:user/alice called StopLogging", "111122223333", "us-east-1",
                EVENT_TIME, EVENT_TIME, 1, List.of(event()), 0, "https://runbooks.example/cloudtrail");
    }

    static ComplianceEvaluation compliance() {
        return new ComplianceEvaluation(ComplianceEvaluation.SCHEMA_VERSION, "ce-1", PRODUCED, "ebs-encrypted",
                "arn:aws:ec2:us-east-1:111122223333:volume/vol-0abc", "AWS::EC2::Volume", "111122223333",
                "us-east-1", ComplianceStatus.NON_COMPLIANT, "Volume is not encrypted", EVENT_TIME, "evt-9");
    }

    static RuleChange ruleChange() {
        return new RuleChange(RuleChange.SCHEMA_VERSION, "rc-1", PRODUCED, "cis-cloudwatch-5", RuleChangeType.UPDATED,
                2, "alice", EVENT_TIME, ContractJson.read("{\"severity\":\"medium\"}", JsonNode.class),
                ContractJson.read("{\"severity\":\"high\"}", JsonNode.class));
    }

    static Delivery delivery() {
        return new Delivery(Delivery.SCHEMA_VERSION, "d-1", PRODUCED, "alert-1", "fp-1", "cis-cloudwatch-5",
                "security-webhook", "webhook", 1, DeliveryOutcome.DELIVERED, EVENT_TIME, 42, null, null, 202, "n-1");
    }
}
