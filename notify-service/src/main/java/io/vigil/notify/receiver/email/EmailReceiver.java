package io.vigil.notify.receiver.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vigil.contract.StableIds;
import io.vigil.notify.receiver.Notification;
import io.vigil.notify.receiver.Receipt;
import io.vigil.notify.receiver.Receiver;
import io.vigil.notify.receiver.ReceiverException;
import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.ReceiversConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;

/**
 * Sends a notification as one e-mail (HTML and text alternatives) to the receiver's recipients through
 * {@code quarkus-mailer}; the SMTP server and sender come from {@code quarkus.mailer.*}.
 */
@Named("email")
@ApplicationScoped
public class EmailReceiver implements Receiver {

    private final Mailer mailer;
    private final Template html;
    private final Template text;

    public EmailReceiver(Mailer mailer, @Location("email/alert.html") Template html,
            @Location("email/alert.txt") Template text) {
        this.mailer = mailer;
        this.html = html;
        this.text = text;
    }

    @Override
    public void validate(ReceiverTarget target) {
        ReceiversConfig.Email email = target.settings().email().orElseThrow(() -> new IllegalArgumentException(
                "Receiver '" + target.name() + "' of kind email needs " + target.key("email.to")));
        for (String address : email.to()) {
            if (address.isBlank() || address.indexOf('@') < 1 || address.indexOf('@') == address.length() - 1) {
                throw new IllegalArgumentException("Receiver '" + target.name() + "' has an invalid address '"
                        + address + "' in " + target.key("email.to"));
            }
        }
    }

    @Override
    public Receipt deliver(ReceiverTarget target, Notification notification) {
        ReceiversConfig.Email email = target.settings().email()
                .orElseThrow(() -> new ReceiverException("Receiver '" + target.name() + "' has no email settings"));
        RenderedEmail rendered = render(email.subjectPrefix(), notification);
        // Stable across attempts, so a retried message that did arrive can be recognised as the same one.
        String messageId = "<" + StableIds.of(notification.alertId(), target.name()) + "@vigil.notify>";
        Mail mail = new Mail()
                .setTo(List.copyOf(email.to()))
                .setSubject(rendered.subject())
                .setText(rendered.text())
                .setHtml(rendered.html())
                .addHeader("Message-ID", messageId);
        mailer.send(mail);
        return new Receipt(messageId);
    }

    /** Renders subject, text and HTML body; HTML is escaped by Qute because the template is {@code .html}. */
    RenderedEmail render(String subjectPrefix, Notification notification) {
        return new RenderedEmail(subject(subjectPrefix, notification),
                text.data("n", notification).render(),
                html.data("n", notification).render());
    }

    /** {@code [Vigil HIGH] CloudWatch.5 — CloudTrail configuration changed}, on one line. */
    static String subject(String prefix, Notification notification) {
        String subject = "[" + prefix + " " + notification.severity() + "] " + notification.ruleLine();
        return subject.replaceAll("[\\r\\n\\t]+", " ");
    }

    /** One rendered e-mail. */
    record RenderedEmail(String subject, String text, String html) {
    }
}
