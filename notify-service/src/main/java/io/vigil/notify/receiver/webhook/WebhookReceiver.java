package io.vigil.notify.receiver.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vigil.notify.receiver.Notification;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.receiver.Receipt;
import io.vigil.notify.receiver.Receiver;
import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.ReceiversConfig;
import io.vigil.notify.receiver.RenderedNotification;
import io.vigil.notify.receiver.http.JsonPoster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POSTs a {@link WebhookBody} as JSON with an {@code Idempotency-Key} header (the notification id, the same for every
 * attempt) and {@link WebhookSigner} timestamp and signature headers. A secret is required at start-up unless the
 * receiver is explicitly {@code webhook.unsigned=true}.
 */
@Named("webhook")
@ApplicationScoped
public class WebhookReceiver implements Receiver {

    /** The idempotency header. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final JsonPoster poster;
    private final WebhookSigner signer;

    @Inject
    public WebhookReceiver(JsonPoster poster, Clock clock) {
        this.poster = poster;
        this.signer = new WebhookSigner(clock);
    }

    @Override
    public void validate(ReceiverTarget target) {
        ReceiversConfig.Webhook webhook = target.settings().webhook().orElseThrow(() -> new IllegalArgumentException(
                "Receiver '" + target.name() + "' of kind webhook needs " + target.key("webhook.url")));
        poster.validate(target, "webhook.url", webhook.url());
        if (webhook.secret().isEmpty() && !webhook.unsigned()) {
            throw new IllegalArgumentException("Receiver '" + target.name() + "' of kind webhook needs a signing"
                    + " secret of at least 16 characters in " + target.key("webhook.secret") + " (or "
                    + target.key("webhook.unsigned") + "=true to send unsigned requests)");
        }
        if (webhook.secret().isPresent() && webhook.unsigned()) {
            throw new IllegalArgumentException("Receiver '" + target.name() + "' has both "
                    + target.key("webhook.secret") + " and " + target.key("webhook.unsigned")
                    + "=true; set one of them");
        }
        if (webhook.secret().isPresent() && webhook.secret().get().length() < 16) {
            throw new IllegalArgumentException("Receiver '" + target.name() + "' has a signing secret shorter than"
                    + " 16 characters in " + target.key("webhook.secret"));
        }
    }

    @Override
    public Receipt deliver(ReceiverTarget target, RenderedNotification notification) {
        ReceiversConfig.Webhook webhook = target.settings().webhook().orElseThrow();
        byte[] body = JsonPoster.serialize(WebhookBody.of(notification));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(IDEMPOTENCY_HEADER, notification.notification().id());
        webhook.secret().ifPresent(secret -> {
            WebhookSigner.Signature signature = signer.sign(secret, body);
            headers.put(WebhookSigner.TIMESTAMP_HEADER, signature.timestamp());
            headers.put(WebhookSigner.SIGNATURE_HEADER, signature.value());
        });
        int status = poster.post(target, webhook.url(), body, headers);
        return new Receipt(notification.notification().id(), status);
    }

    /**
     * The JSON a webhook receives (version 1; fields are only added).
     *
     * @param version the body's shape version
     * @param notificationId the idempotency key
     * @param action why it is sent
     * @param receiver the receiver's name
     * @param groupKey the group of the alerts
     * @param groupLabels the group's labels
     * @param title the rendered title
     * @param text the rendered text
     * @param note context for acknowledge, resolve and escalation; nullable
     * @param alerts the alerts, redacted as configured
     */
    @RegisterForReflection
    public record WebhookBody(
            @JsonProperty("version") int version,
            @JsonProperty("notificationId") String notificationId,
            @JsonProperty("action") NotificationAction action,
            @JsonProperty("receiver") String receiver,
            @JsonProperty("groupKey") String groupKey,
            @JsonProperty("groupLabels") Map<String, String> groupLabels,
            @JsonProperty("title") String title,
            @JsonProperty("text") String text,
            @JsonProperty("note") String note,
            @JsonProperty("alerts") List<Notification> alerts) {

        static WebhookBody of(RenderedNotification rendered) {
            var n = rendered.notification();
            return new WebhookBody(1, n.id(), n.action(), n.receiver(), n.groupKey(), n.groupLabels(),
                    rendered.title(), rendered.text(), n.note(), n.alerts());
        }
    }
}
