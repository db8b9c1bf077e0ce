package io.vigil.notify.receiver.sns;

import io.vigil.contract.ContractJson;
import io.vigil.contract.StableIds;
import io.vigil.notify.receiver.Notification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** Builds the SNS publish request of a notification. */
final class SnsMessages {

    /** SNS rejects subjects of 100 characters or more. */
    static final int MAX_SUBJECT_LENGTH = 99;
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:[a-z-]+:sns:[a-z0-9-]*:[0-9]*:[A-Za-z0-9_.-]+");
    private static final Pattern GROUP_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private SnsMessages() {
    }

    static boolean isTopicArn(String value) {
        return TOPIC_ARN.matcher(value).matches();
    }

    static PublishRequest publishRequest(String receiver, String topicArn, Notification notification) {
        PublishRequest.Builder request = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(subject(notification))
                .message(ContractJson.writeString(notification))
                .messageAttributes(attributes(notification));
        if (topicArn.endsWith(".fifo")) {
            String fingerprint = notification.fingerprint() == null ? notification.alertId()
                    : notification.fingerprint();
            request.messageGroupId(GROUP_ID.matcher(fingerprint).matches() ? fingerprint : StableIds.of(fingerprint))
                    // the same for every attempt, so SNS drops a retry of a publish that did succeed
                    .messageDeduplicationId(StableIds.of(notification.alertId(), receiver));
        }
        return request.build();
    }

    /** {@code [Vigil HIGH] CloudWatch.5 — CloudTrail configuration changed}: one line, under 100 characters. */
    static String subject(Notification notification) {
        String subject = ("[Vigil " + notification.severity() + "] " + notification.ruleLine())
                .replaceAll("\\p{Cntrl}+", " ");
        if (subject.length() <= MAX_SUBJECT_LENGTH) {
            return subject;
        }
        return subject.substring(0, MAX_SUBJECT_LENGTH - 1) + "…";
    }

    /** String attributes {@code severity}, {@code ruleId}, {@code accountId}; SNS forbids empty values. */
    static Map<String, MessageAttributeValue> attributes(Notification notification) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        put(attributes, "severity", notification.severity().name());
        put(attributes, "ruleId", notification.ruleId());
        put(attributes, "accountId", notification.accountId());
        return attributes;
    }

    private static void put(Map<String, MessageAttributeValue> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
        }
    }
}
