package io.vigil.notify.receiver;

import io.quarkus.qute.Template;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A configured receiver bound to the implementation of its kind, with its templates compiled and its redaction.
 *
 * @param target the receiver's name and settings
 * @param implementation the bean of its kind
 * @param title the title template
 * @param text the text template
 * @param redact the fields to redact
 */
public record BoundReceiver(ReceiverTarget target, Receiver implementation, Template title, Template text,
        Set<String> redact) {

    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}+");

    /** @return the configured name */
    public String name() {
        return target.name();
    }

    /** @return the kind */
    public String kind() {
        return target.kind();
    }

    /** @return the notification redacted and rendered with this receiver's templates */
    public RenderedNotification render(OutboundNotification notification) {
        OutboundNotification redacted = notification.redacted(redact);
        return new RenderedNotification(redacted,
                CONTROL_CHARACTERS.matcher(title.data("n", redacted).render()).replaceAll(" ").strip(),
                text.data("n", redacted).render());
    }

    /** Makes one delivery attempt; see {@link Receiver#deliver(ReceiverTarget, RenderedNotification)}. */
    public Receipt deliver(OutboundNotification notification) {
        return implementation.deliver(target, render(notification));
    }
}
