package io.vigil.rules.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.ContractJson;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import io.vigil.rules.model.RuleTest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a rule test's input into the normalized event the rules see, the way the ingest-service normalizes it (the
 * fields rules, dedup keys and alert summaries read). The rules-service cannot call the ingest-service, so this is a
 * faithful subset for tests: CloudTrail records and envelopes, GuardDuty, Security Hub (ASFF and OCSF), Inspector2
 * and Config configuration items. Stateless and thread-safe.
 */
public final class TestInputs {

    /** Account used when an input names none. */
    public static final String DEFAULT_ACCOUNT = "111122223333";
    /** Time used when an input has none. */
    public static final Instant DEFAULT_TIME = Instant.parse("2026-11-23T08:00:00Z");
    private static final Origin ORIGIN = new Origin("test", "rule-test", null);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TestInputs() {
    }

    /**
     * @throws IllegalArgumentException when the input cannot be normalized (e.g. an {@code event} that is not a
     *         normalized event)
     */
    public static NormalizedEvent normalize(RuleTest test) {
        JsonNode document = test.document();
        return switch (test.input()) {
            case CLOUDTRAIL -> cloudTrail(document, document, null);
            case EVENTBRIDGE -> envelope(document);
            case CONFIG_ITEM -> configItem(wrapConfigItem(document), document);
            case EVENT -> event(document);
        };
    }

    private static NormalizedEvent event(JsonNode document) {
        try {
            return ContractJson.mapper().treeToValue(document, NormalizedEvent.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a normalized event: " + e.getMessage(), e);
        }
    }

    /** Dispatches an EventBridge envelope on its {@code source} and {@code detail-type}. */
    static NormalizedEvent envelope(JsonNode envelope) {
        String source = envelope.path("source").asText("");
        String detailType = envelope.path("detail-type").asText("");
        JsonNode detail = envelope.path("detail");
        if (detailType.endsWith("via CloudTrail")) {
            return cloudTrail(detail, envelope, envelope);
        }
        return switch (source) {
            case "aws.guardduty" -> finding(envelope, "aws.guardduty", EventClass.DETECTION_FINDING,
                    text(detail, "id"), guardDuty(detail.path("severity")));
            case "aws.securityhub" -> {
                JsonNode finding = detail.path("findings").path(0);
                if (detailType.equals("Findings Imported V2")) {
                    yield finding(envelope, "aws.securityhub.ocsf", ocsfClass(finding.path("class_uid").asInt()),
                            text(finding.path("finding_info"), "uid"), ocsfSeverity(finding));
                }
                yield finding(envelope, "aws.securityhub", EventClass.COMPLIANCE_FINDING, text(finding, "Id"),
                        label(finding.path("Severity").path("Label").asText(null)));
            }
            case "aws.inspector2" -> finding(envelope, "aws.inspector2", EventClass.VULNERABILITY_FINDING,
                    text(detail, "findingArn"), label(text(detail, "severity")));
            case "aws.config" -> {
                JsonNode item = detail.has("configurationItem")
                        ? detail.path("configurationItem")
                        : detail.path("configurationItemSummary");
                yield configItem(envelope, item);
            }
            default -> new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, StableIds.of(source, text(envelope, "id")),
                    DEFAULT_TIME, source.isBlank() ? "aws.unknown" : source, text(envelope, "id"), EventClass.OTHER,
                    time(text(envelope, "time")), account(text(envelope, "account")), text(envelope, "region"),
                    null, null, null, null, List.of(), null, ORIGIN, envelope);
        };
    }

    private static NormalizedEvent cloudTrail(JsonNode record, JsonNode raw, JsonNode envelope) {
        JsonNode identity = record.path("userIdentity");
        String mfa = identity.path("sessionContext").path("attributes").path("mfaAuthenticated").asText(null);
        Actor actor = identity.isObject()
                ? new Actor(text(identity, "type"), text(identity, "arn"),
                        text(identity, "userName"), text(identity, "accountId"),
                        mfa == null ? null : Boolean.valueOf(mfa),
                        text(identity.path("sessionContext").path("sessionIssuer"), "arn"), text(identity, "invokedBy"))
                : null;
        String errorCode = text(record, "errorCode");
        String operation = text(record, "eventName");
        String service = text(record, "eventSource");
        Action action = new Action(service, operation, errorCode == null ? Outcome.SUCCESS : Outcome.FAILURE,
                errorCode, text(record, "errorMessage"),
                record.path("readOnly").isBoolean() ? record.get("readOnly").booleanValue() : null);
        List<ResourceRef> resources = new ArrayList<>();
        for (JsonNode resource : record.path("resources")) {
            resources.add(new ResourceRef(text(resource, "ARN"), text(resource, "type"), null));
        }
        String eventId = text(record, "eventID");
        if (eventId == null) {
            eventId = StableIds.of("test", record.toString());
        }
        String account = text(record, "recipientAccountId");
        if (account == null) {
            account = text(identity, "accountId");
        }
        if (account == null && envelope != null) {
            account = text(envelope, "account");
        }
        EventClass eventClass = "ConsoleLogin".equals(operation)
                ? EventClass.AUTHENTICATION
                : EventClass.API_ACTIVITY;
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, StableIds.of("aws.cloudtrail", eventId),
                DEFAULT_TIME, "aws.cloudtrail", eventId, eventClass, time(text(record, "eventTime")), account(account),
                text(record, "awsRegion"), actor, action, text(record, "sourceIPAddress"), text(record, "userAgent"),
                resources, null, ORIGIN, raw);
    }

    private static NormalizedEvent finding(JsonNode envelope, String kind, EventClass eventClass, String id,
            Severity severity) {
        JsonNode detail = envelope.path("detail");
        String findingId = id != null ? id : text(envelope, "id");
        String account = text(detail, "accountId") != null ? text(detail, "accountId") : text(envelope, "account");
        JsonNode resource = detail.path("resource");
        List<ResourceRef> resources = new ArrayList<>();
        if (resource.isObject()) {
            resources.add(new ResourceRef(null, text(resource, "resourceType"), null));
        }
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, StableIds.of(kind, String.valueOf(findingId)),
                DEFAULT_TIME, kind, findingId, eventClass, time(text(envelope, "time")), account(account),
                text(envelope, "region"), null, null, null, null, resources, severity, ORIGIN, envelope);
    }

    private static NormalizedEvent configItem(JsonNode envelope, JsonNode item) {
        String type = text(item, "resourceType");
        String resourceId = text(item, "resourceId");
        String sourceEventId = type + "/" + resourceId + "/" + text(item, "configurationStateId");
        String changeType = text(envelope.path("detail").path("configurationItemDiff"), "changeType");
        String account = text(item, "awsAccountId") != null ? text(item, "awsAccountId") : text(envelope, "account");
        String name = text(item, "resourceName") != null ? text(item, "resourceName") : resourceId;
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, StableIds.of("aws.config", sourceEventId),
                DEFAULT_TIME, "aws.config", sourceEventId, EventClass.CONFIG_STATE_CHANGE,
                time(text(item, "configurationItemCaptureTime")), account(account),
                text(item, "awsRegion") != null ? text(item, "awsRegion") : text(envelope, "region"), null,
                new Action("config.amazonaws.com", changeType != null
                        ? changeType
                        : String.valueOf(text(item, "configurationItemStatus")), Outcome.SUCCESS, null, null, null),
                null, null, List.of(new ResourceRef(text(item, "ARN"), type, name)), null, ORIGIN, envelope);
    }

    /** @return a {@code Configuration Item Change} envelope carrying {@code item} */
    public static ObjectNode wrapConfigItem(JsonNode item) {
        ObjectNode envelope = JSON.objectNode();
        envelope.put("version", "0");
        envelope.put("id", StableIds.of("test-config", item.toString()));
        envelope.put("detail-type", "Config Configuration Item Change");
        envelope.put("source", "aws.config");
        envelope.put("account", account(text(item, "awsAccountId")));
        envelope.put("time", time(text(item, "configurationItemCaptureTime")).toString());
        envelope.put("region", item.path("awsRegion").asText("us-east-1"));
        envelope.putArray("resources");
        ObjectNode detail = envelope.putObject("detail");
        detail.putObject("configurationItemDiff").put("changeType", "UPDATE");
        detail.set("configurationItem", item);
        detail.put("notificationCreationTime", time(text(item, "configurationItemCaptureTime")).toString());
        detail.put("messageType", "ConfigurationItemChangeNotification");
        detail.put("recordVersion", "1.3");
        return envelope;
    }

    private static Severity guardDuty(JsonNode severity) {
        if (!severity.isNumber()) {
            return null;
        }
        double value = severity.doubleValue();
        return value < 4.0
                ? Severity.LOW
                : value < 7.0
                        ? Severity.MEDIUM
                        : value < 9.0
                                ? Severity.HIGH
                                : Severity.CRITICAL;
    }

    /** OCSF {@code class_uid}: 2002 Vulnerability, 2003 Compliance, otherwise a Detection Finding (2004). */
    private static EventClass ocsfClass(int classUid) {
        return switch (classUid) {
            case 2002 -> EventClass.VULNERABILITY_FINDING;
            case 2003 -> EventClass.COMPLIANCE_FINDING;
            default -> EventClass.DETECTION_FINDING;
        };
    }

    /** OCSF {@code severity} label, else {@code severity_id} (1 informational ... 5 critical, 6 fatal). */
    private static Severity ocsfSeverity(JsonNode finding) {
        Severity byLabel = label(text(finding, "severity"));
        if (byLabel != null) {
            return byLabel;
        }
        return switch (finding.path("severity_id").asInt()) {
            case 2 -> Severity.LOW;
            case 3 -> Severity.MEDIUM;
            case 4 -> Severity.HIGH;
            case 5, 6 -> Severity.CRITICAL;
            default -> Severity.INFO;
        };
    }

    private static Severity label(String label) {
        if (label == null) {
            return null;
        }
        return switch (label.trim().toUpperCase(Locale.ROOT)) {
            case "INFORMATIONAL", "INFO", "UNTRIAGED", "UNKNOWN", "OTHER" -> Severity.INFO;
            case "LOW" -> Severity.LOW;
            case "MEDIUM" -> Severity.MEDIUM;
            case "HIGH" -> Severity.HIGH;
            case "CRITICAL", "FATAL" -> Severity.CRITICAL;
            default -> null;
        };
    }

    private static String account(String account) {
        return account == null || account.isBlank() ? DEFAULT_ACCOUNT : account;
    }

    private static Instant time(String text) {
        if (text == null) {
            return DEFAULT_TIME;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return DEFAULT_TIME;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
