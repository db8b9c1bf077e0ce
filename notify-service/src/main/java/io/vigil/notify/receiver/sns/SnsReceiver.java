package io.vigil.notify.receiver.sns;

import io.vigil.notify.receiver.Notification;
import io.vigil.notify.receiver.Receipt;
import io.vigil.notify.receiver.Receiver;
import io.vigil.notify.receiver.ReceiverException;
import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.ReceiversConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes a notification to an SNS topic: subject for e-mail subscriptions, the notification as JSON, and the
 * message attributes {@code severity}, {@code ruleId} and {@code accountId} for subscription filter policies. The
 * client (region, credentials, endpoint) is configured with {@code quarkus.sns.*}.
 */
@Named("sns")
@ApplicationScoped
public class SnsReceiver implements Receiver {

    private final SnsClient sns;

    public SnsReceiver(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public void validate(ReceiverTarget target) {
        ReceiversConfig.Sns settings = target.settings().sns().orElseThrow(() -> new IllegalArgumentException(
                "Receiver '" + target.name() + "' of kind sns needs " + target.key("sns.topic-arn")));
        if (!SnsMessages.isTopicArn(settings.topicArn())) {
            throw new IllegalArgumentException("Receiver '" + target.name() + "' has '" + settings.topicArn()
                    + "' in " + target.key("sns.topic-arn") + ", which is not an SNS topic ARN");
        }
    }

    @Override
    public Receipt deliver(ReceiverTarget target, Notification notification) {
        String topicArn = target.settings().sns()
                .orElseThrow(() -> new ReceiverException("Receiver '" + target.name() + "' has no sns settings"))
                .topicArn();
        String messageId = sns.publish(SnsMessages.publishRequest(target.name(), topicArn, notification))
                .messageId();
        return new Receipt(messageId);
    }
}
