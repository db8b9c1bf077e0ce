package io.vigil.notify;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.localinfra.fauxqs.LocalFauxqs;
import java.util.Map;

/**
 * Creates the SNS topic (with a subscribed fauxqs queue the tests read) before the service starts, and configures the
 * receivers and route, exactly as {@code -D} system properties would in production:
 * {@code security-email} and {@code security-sns} on the route for medium and above; {@code broken-sns}, whose topic
 * does not exist, configured but on no route.
 */
public class ReceiversTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOPIC = "vigil-notify-test-alerts";
    public static final String QUEUE = "vigil-notify-test-alerts-subscriber";
    public static final String MISSING_TOPIC_ARN = "arn:aws:sns:us-east-1:000000000000:vigil-notify-test-missing";
    public static final String RECIPIENT = "secops@example.test";

    @Override
    public Map<String, String> start() {
        LocalFauxqs fauxqs = LocalFauxqs.shared();
        String topicArn = fauxqs.createTopic(TOPIC);
        fauxqs.subscribeQueue(topicArn, fauxqs.createQueue(QUEUE));
        return Map.of(
                "vigil.notify.receivers.security-email.kind", "email",
                "vigil.notify.receivers.security-email.email.to", RECIPIENT,
                "vigil.notify.receivers.security-sns.kind", "sns",
                "vigil.notify.receivers.security-sns.sns.topic-arn", topicArn,
                "vigil.notify.receivers.broken-sns.kind", "sns",
                "vigil.notify.receivers.broken-sns.sns.topic-arn", MISSING_TOPIC_ARN,
                "vigil.notify.route.receivers", "security-email,security-sns",
                "vigil.notify.route.min-severity", "medium");
    }

    @Override
    public void stop() {
        // The topic and queue live in the shared fauxqs process, which a JVM shutdown hook stops.
    }
}
