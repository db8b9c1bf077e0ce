package io.vigil.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.Alert;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.Severity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Realistic alerts for tests: CIS CloudWatch.5 raised by a CloudTrail StopLogging call. */
public final class TestAlerts {

    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "eu-west-1";
    public static final String ACTOR_ARN = "arn:aws:iam::111122223333:user/mallory";
    public static final String SOURCE_IP = "203.0.113.7";
    public static final String EVENT_NAME = "StopLogging";
    public static final String RULE_ID = "CloudWatch.5";
    public static final String RULE_TITLE = "CloudTrail configuration changed";
    public static final Instant EVENT_TIME = Instant.parse("2026-11-23T09:14:58Z");
    public static final String RUNBOOK = "https://runbooks.example/cloudtrail-stopped";

    private TestAlerts() {
    }

    /** @return a StopLogging alert with a fresh id and fingerprint, tagged {@code email-sns} (see the test routes) */
    public static Alert stopLogging(Severity severity) {
        return stopLogging(severity, "arn:aws:iam::111122223333:user/mallory called StopLogging on trail main");
    }

    public static Alert stopLogging(Severity severity, String summary) {
        String alertId = "alert-" + UUID.randomUUID();
        return alert(alertId, "fp-" + alertId, severity, RULE_ID, ACCOUNT, List.of("email-sns"), summary);
    }

    /** @return an alert with a fresh id, the given fingerprint, rule, account and tags */
    public static Alert alert(String fingerprint, Severity severity, String ruleId, String account,
            List<String> tags) {
        return alert("alert-" + UUID.randomUUID(), fingerprint, severity, ruleId, account, tags,
                ACTOR_ARN + " called " + EVENT_NAME + " on trail main");
    }

    /** @return an alert with a fresh id and fingerprint, the given rule, account and one tag */
    public static Alert tagged(String tag, Severity severity, String account) {
        return alert("fp-" + UUID.randomUUID(), severity, RULE_ID, account, List.of(tag));
    }

    /** @return an alert with a fresh id and fingerprint, one tag and the given compliance controls */
    public static Alert withControls(String tag, List<String> controls) {
        String alertId = "alert-" + UUID.randomUUID();
        return alert(alertId, "fp-" + alertId, Severity.HIGH, RULE_ID, ACCOUNT, List.of(tag),
                ACTOR_ARN + " called " + EVENT_NAME + " on trail main", controls);
    }

    private static Alert alert(String alertId, String fingerprint, Severity severity, String ruleId, String account,
            List<String> tags, String summary) {
        return alert(alertId, fingerprint, severity, ruleId, account, tags, summary,
                List.of("SecurityHub:CloudWatch.5", "CIS-AWS-1.2:3.5"));
    }

    private static Alert alert(String alertId, String fingerprint, Severity severity, String ruleId, String account,
            List<String> tags, String summary, List<String> controls) {
        NormalizedEvent event = new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                EVENT_TIME.plusSeconds(2), "aws.cloudtrail", UUID.randomUUID().toString(), EventClass.API_ACTIVITY,
                EVENT_TIME, account, REGION,
                new Actor("IAMUser", ACTOR_ARN, "mallory", account, false, null, null),
                new Action("cloudtrail.amazonaws.com", EVENT_NAME, Outcome.SUCCESS, null, null, false),
                SOURCE_IP, "aws-cli/2.15.0",
                List.of(new ResourceRef("arn:aws:cloudtrail:eu-west-1:111122223333:trail/main",
                        "AWS::CloudTrail::Trail", "main")),
                null, new Origin("sqs", "http://127.0.0.1:9324/000000000000/vigil-events", "m-1"),
                JsonNodeFactory.instance.objectNode().put("detail-type", "AWS API Call via CloudTrail"));
        return new Alert(Alert.SCHEMA_VERSION, alertId, EVENT_TIME.plusSeconds(3), fingerprint, ruleId,
                RULE_TITLE, "cloudwatch-filter", severity, controls, tags, account, summary, account, REGION,
                EVENT_TIME, EVENT_TIME, 1, List.of(event), 0,
                RUNBOOK);
    }
}
