package io.vigil.notify.receiver.pagerduty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.ContractJson;
import io.vigil.notify.receiver.Notification;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.receiver.Receipt;
import io.vigil.notify.receiver.Receiver;
import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.ReceiversConfig;
import io.vigil.notify.receiver.RenderedNotification;
import io.vigil.notify.receiver.http.JsonPoster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends PagerDuty Events API v2 events, one per alert of the notification, with {@code dedup_key} = the alert's
 * fingerprint: {@code trigger} for firing, repeated and escalated alerts, {@code acknowledge} and {@code resolve}
 * when someone acknowledges or resolves the alert in Vigil. PagerDuty de-duplicates by the key, so a retried trigger
 * does not open a second incident.
 */
@Named("pagerduty")
@ApplicationScoped
public class PagerDutyReceiver implements Receiver {

    private static final int MAX_SUMMARY = 1024;
    // one mapper, not a fresh copy per send that would introspect the alert's types again
    private static final ObjectMapper JSON = ContractJson.mapper();

    private final JsonPoster poster;

    public PagerDutyReceiver(JsonPoster poster) {
        this.poster = poster;
    }

    @Override
    public void validate(ReceiverTarget target) {
        ReceiversConfig.PagerDuty settings = target.settings().pagerduty().orElseThrow(
                () -> new IllegalArgumentException("Receiver '" + target.name() + "' of kind pagerduty needs "
                        + target.key("pagerduty.routing-key")));
        if (settings.routingKey().isBlank()) {
            throw new IllegalArgumentException("Receiver '" + target.name() + "' has an empty "
                    + target.key("pagerduty.routing-key"));
        }
        poster.validate(target, "pagerduty.url", settings.url());
    }

    @Override
    public Receipt deliver(ReceiverTarget target, RenderedNotification notification) {
        ReceiversConfig.PagerDuty settings = target.settings().pagerduty().orElseThrow();
        List<String> keys = new ArrayList<>();
        int status = 0;
        for (ObjectNode event : events(settings.routingKey(), notification)) {
            status = poster.post(target, settings.url(), JsonPoster.serialize(event), Map.of());
            keys.add(event.path("dedup_key").asText());
        }
        return new Receipt(String.join(",", keys), status);
    }

    /** One event per alert. */
    static List<ObjectNode> events(String routingKey, RenderedNotification rendered) {
        NotificationAction action = rendered.notification().action();
        List<ObjectNode> events = new ArrayList<>();
        for (Notification alert : rendered.notification().alerts()) {
            ObjectNode event = JsonNodeFactory.instance.objectNode()
                    .put("routing_key", routingKey)
                    .put("event_action", switch (action) {
                        case ACKNOWLEDGE -> "acknowledge";
                        case RESOLVE -> "resolve";
                        default -> "trigger";
                    })
                    .put("dedup_key", alert.fingerprint() == null ? alert.alertId() : alert.fingerprint());
            if (action.isTrigger()) {
                String summary = rendered.notification().alerts().size() == 1
                        ? rendered.title()
                        : "[Vigil " + alert.severity() + "] " + alert.ruleLine()
                                + (alert.summary() == null ? "" : ": " + alert.summary());
                ObjectNode payload = event.putObject("payload")
                        .put("summary", summary.length() <= MAX_SUMMARY
                                ? summary
                                : summary.substring(0, MAX_SUMMARY - 1) + "…")
                        .put("source", alert.accountId() == null
                                ? "vigil"
                                : "aws:" + alert.accountId() + (alert.region() == null ? "" : ":" + alert.region()))
                        .put("severity", switch (alert.severity()) {
                            case CRITICAL -> "critical";
                            case HIGH -> "error";
                            case MEDIUM -> "warning";
                            default -> "info";
                        })
                        .put("component", alert.ruleId());
                if (alert.eventTime() != null) {
                    payload.put("timestamp", alert.eventTime().toString());
                }
                if (alert.accountId() != null) {
                    payload.put("group", alert.accountId());
                }
                payload.set("custom_details", JSON.valueToTree(alert));
                event.put("client", "Vigil");
                if (alert.hasWebRunbook()) {
                    event.putArray("links").addObject().put("href", alert.runbookUrl()).put("text", "Runbook");
                }
            }
            events.add(event);
        }
        return events;
    }
}
