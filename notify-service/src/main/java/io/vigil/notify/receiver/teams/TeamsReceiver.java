package io.vigil.notify.receiver.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.notify.receiver.Notification;
import io.vigil.notify.receiver.Receipt;
import io.vigil.notify.receiver.Receiver;
import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.ReceiversConfig;
import io.vigil.notify.receiver.RenderedNotification;
import io.vigil.notify.receiver.http.JsonPoster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Map;

/**
 * Posts an Adaptive Card (version 1.4) to a Microsoft Teams workflow webhook ("Post to a channel when a webhook
 * request is received"): the title, the text, facts of the lead alert and a runbook button.
 */
@Named("teams")
@ApplicationScoped
public class TeamsReceiver implements Receiver {

    static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    private final JsonPoster poster;

    public TeamsReceiver(JsonPoster poster) {
        this.poster = poster;
    }

    @Override
    public void validate(ReceiverTarget target) {
        ReceiversConfig.WebhookUrl teams = target.settings().teams().orElseThrow(() -> new IllegalArgumentException(
                "Receiver '" + target.name() + "' of kind teams needs " + target.key("teams.url")));
        poster.validate(target, "teams.url", teams.url());
    }

    @Override
    public Receipt deliver(ReceiverTarget target, RenderedNotification notification) {
        String url = target.settings().teams().orElseThrow().url();
        int status = poster.post(target, url, JsonPoster.serialize(message(notification)), Map.of());
        return new Receipt(null, status);
    }

    /** The workflow webhook message with one Adaptive Card attachment. */
    static ObjectNode message(RenderedNotification notification) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode message = json.objectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", notification.title()).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true)
                .put("color", notification.notification().severity().isAtLeast(io.vigil.contract.Severity.HIGH)
                        ? "Attention"
                        : "Default");
        body.addObject().put("type", "TextBlock").put("text", notification.text()).put("wrap", true);
        Notification lead = notification.notification().lead();
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Severity", lead.severity().name());
        fact(facts, "Rule", lead.ruleLine());
        fact(facts, "Account", lead.accountId());
        fact(facts, "Region", lead.region());
        fact(facts, "Actor", lead.actorArn());
        fact(facts, "Source IP", lead.sourceIp());
        fact(facts, "Alert", lead.alertId());
        if (lead.hasWebRunbook()) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Runbook")
                    .put("url", lead.runbookUrl());
        }
        return message;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        if (value != null) {
            facts.addObject().put("title", title).put("value", value);
        }
    }
}
