package io.vigil.notify.receiver.sns;

import io.vigil.notify.receiver.Notification;
import io.vigil.notify.receiver.Receipt;
import io.vigil.notify.receiver.Receiver;
import io.vigil.notify.receiver.ReceiverException;
import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.ReceiversConfig;
import io.vigil.notify.receiver.RenderedNotification;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes a notification to an SNS topic, one message per alert: subject for e-mail subscriptions, the alert as
 * JSON, and the message attributes for subscription filter policies: {@code severity}, {@code ruleId},
 * {@code accountId}, {@code region} (String; left out when empty), {@code tags} (String.Array) and the configured
 * {@code sns.attributes.*} (String). A FIFO topic ({@code .fifo}) gets the message group id of
 * {@code sns.message-group-by} ({@code fingerprint}, {@code account} or {@code rule}) and a de-duplication id that is
 * the same for every attempt. Redaction applies first, to the attributes and the group id too. The client (region,
 * credentials, endpoint) is configured with {@code quarkus.sns.*}.
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
        if (!java.util.Set.of("fingerprint", "account", "rule").contains(settings.messageGroupBy())) {
            throw new IllegalArgumentException("Receiver '" + target.name() + "' has '" + settings.messageGroupBy()
                    + "' in " + target.key("sns.message-group-by") + "; use fingerprint, account or rule");
        }
    }

    /** Publishes one message per alert of the notification, so filter policies see each alert's attributes. */
    @Override
    public Receipt deliver(ReceiverTarget target, RenderedNotification rendered) {
        ReceiversConfig.Sns settings = target.settings().sns()
                .orElseThrow(() -> new ReceiverException("Receiver '" + target.name() + "' has no sns settings"));
        List<String> messageIds = new ArrayList<>();
        List<Notification> alerts = rendered.notification().alerts();
        for (Notification alert : alerts) {
            String subject = alerts.size() == 1 ? rendered.title() : SnsMessages.subject(alert);
            messageIds.add(sns.publish(SnsMessages.publishRequest(rendered.notification().id(),
                    settings.topicArn(), subject, alert, settings.messageGroupBy(), settings.attributes()))
                    .messageId());
        }
        return new Receipt(String.join(",", messageIds));
    }
}
