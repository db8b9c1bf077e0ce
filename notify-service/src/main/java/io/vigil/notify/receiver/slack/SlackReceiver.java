package io.vigil.notify.receiver.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Posts a Block Kit message to a Slack incoming webhook: a header with the title, a section with the text (mrkdwn,
 * escaped), and a context line with the notification id. {@code text} carries the title as the fallback for
 * notifications.
 */
@Named("slack")
@ApplicationScoped
public class SlackReceiver implements Receiver {

    private static final int MAX_HEADER = 150;
    private static final int MAX_SECTION = 3000;

    private final JsonPoster poster;

    public SlackReceiver(JsonPoster poster) {
        this.poster = poster;
    }

    @Override
    public void validate(ReceiverTarget target) {
        ReceiversConfig.WebhookUrl slack = target.settings().slack().orElseThrow(() -> new IllegalArgumentException(
                "Receiver '" + target.name() + "' of kind slack needs " + target.key("slack.url")));
        poster.validate(target, "slack.url", slack.url());
    }

    @Override
    public Receipt deliver(ReceiverTarget target, RenderedNotification notification) {
        String url = target.settings().slack().orElseThrow().url();
        int status = poster.post(target, url, JsonPoster.serialize(message(notification)), Map.of());
        return new Receipt(null, status);
    }

    /** The Block Kit message. */
    static ObjectNode message(RenderedNotification notification) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode message = json.objectNode().put("text", notification.title());
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(notification.title(), MAX_HEADER));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", cut(escape(notification.text()), MAX_SECTION));
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text",
                "Vigil notification `" + notification.notification().id() + "` · "
                        + notification.notification().alerts().size() + " alert(s)");
        return message;
    }

    /** Slack mrkdwn treats &, < and > as control characters. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
