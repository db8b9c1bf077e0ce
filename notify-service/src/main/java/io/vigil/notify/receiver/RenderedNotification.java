package io.vigil.notify.receiver;

/**
 * A notification with the receiver's redaction applied and its templates rendered.
 *
 * @param notification the notification, redacted
 * @param title the rendered one-line title
 * @param text the rendered text
 */
public record RenderedNotification(OutboundNotification notification, String title, String text) {
}
