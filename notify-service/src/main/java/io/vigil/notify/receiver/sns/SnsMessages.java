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
    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}+");

    private SnsMessages() {
    }

    static boolean isTopicArn(String value) {
        return TOPIC_ARN.matcher(value).matches();
    }

    /**
     * The request publishing one alert of a notification.
     *
     * @param notificationId the notification's id, the same for every attempt
     * @param subject the subject (cut to SNS's limit here)
     * @param groupBy for FIFO topics, {@code fingerprint}, {@code account} or {@code rule}
     * @param extraAttributes configured string attributes added to every message
     */
    static PublishRequest publishRequest(String notificationId, String topicArn, String subject,
            Notification notification, String groupBy, Map<String, String> extraAttributes) {
        Map<String, MessageAttributeValue> attributes = attributes(notification);
        extraAttributes.forEach((name, value) -> put(attributes, name, value));
        PublishRequest.Builder request = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(cut(CONTROL_CHARACTERS.matcher(subject).replaceAll(" ")))
                .message(ContractJson.writeString(notification))
                .messageAttributes(attributes);
        if (topicArn.endsWith(".fifo")) {
            String group = switch (groupBy) {
                case "account" -> notification.accountId();
                case "rule" -> notification.ruleId();
                default -> notification.fingerprint();
            };
            String groupId = group == null ? notification.alertId() : group;
            request.messageGroupId(GROUP_ID.matcher(groupId).matches() ? groupId : StableIds.of(groupId))
                    // the same for every attempt, so SNS drops a retry of a publish that did succeed
                    .messageDeduplicationId(StableIds.of(notificationId, notification.alertId()));
        }
        return request.build();
    }

    /** {@code [Vigil HIGH] CloudWatch.5 — CloudTrail configuration changed}: one line, under 100 characters. */
    static String subject(Notification notification) {
        return cut(CONTROL_CHARACTERS.matcher("[Vigil " + notification.severity() + "] " + notification.ruleLine())
                .replaceAll(" "));
    }

    private static String cut(String subject) {
        if (subject.length() <= MAX_SUBJECT_LENGTH) {
            return subject;
        }
        return subject.substring(0, MAX_SUBJECT_LENGTH - 1) + "…";
    }

    /**
     * String attributes {@code severity}, {@code ruleId}, {@code accountId}, {@code region} and the String.Array
     * attribute {@code tags}, for subscription filter policies; SNS forbids empty values.
     */
    static Map<String, MessageAttributeValue> attributes(Notification notification) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        put(attributes, "severity", notification.severity().name());
        put(attributes, "ruleId", notification.ruleId());
        put(attributes, "accountId", notification.accountId());
        put(attributes, "region", notification.region());
        if (!notification.tags().isEmpty()) {
            attributes.put("tags", MessageAttributeValue.builder().dataType("String.Array")
                    .stringValue(ContractJson.writeString(notification.tags())).build());
        }
        return attributes;
    }

    private static void put(Map<String, MessageAttributeValue> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
        }
    }
}
