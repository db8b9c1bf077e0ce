package io.vigil.notify.receiver.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;
import io.vigil.contract.StableIds;
import io.vigil.notify.receiver.RenderedNotification;
import io.vigil.notify.receiver.Receipt;
import io.vigil.notify.receiver.Receiver;
import io.vigil.notify.receiver.ReceiverException;
import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.ReceiversConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a notification as one e-mail (HTML and text alternatives) to the receiver's recipients through
 * {@code quarkus-mailer}; the SMTP server and sender come from {@code quarkus.mailer.*}.
 */
@Named("email")
@ApplicationScoped
public class EmailReceiver implements Receiver {

    private static final String DEFAULT_PREFIX = "Vigil";

    private final Mailer mailer;
    private final Engine engine;
    private final Template html;
    /** Per-receiver HTML templates ({@code email.html-template}), parsed once when the receiver is validated. */
    private final Map<String, Template> htmlByReceiver = new ConcurrentHashMap<>();

    public EmailReceiver(Mailer mailer, Engine engine, @Location("email/alert.html") Template html) {
        this.mailer = mailer;
        this.engine = engine;
        this.html = html;
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
        if (email.htmlTemplate().isPresent()) {
            try {
                // the text/html variant makes Qute escape every value, as for the built-in template
                htmlByReceiver.put(target.name(), engine.parse(email.htmlTemplate().get(),
                        Variant.forContentType(Variant.TEXT_HTML)));
            } catch (TemplateException e) {
                throw new IllegalArgumentException("Receiver '" + target.name() + "' has an invalid Qute template in "
                        + target.key("email.html-template") + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Receipt deliver(ReceiverTarget target, RenderedNotification notification) {
        ReceiversConfig.Email email = target.settings().email()
                .orElseThrow(() -> new ReceiverException("Receiver '" + target.name() + "' has no email settings"));
        RenderedEmail rendered = render(htmlByReceiver.getOrDefault(target.name(), html), email.subjectPrefix(),
                notification);
        // Stable across attempts, so a retried message that did arrive can be recognised as the same one.
        String messageId = "<" + StableIds.of(notification.notification().id(), target.name()) + "@vigil.notify>";
        Mail mail = new Mail()
                .setTo(List.copyOf(email.to()))
                .setSubject(rendered.subject())
                .setText(rendered.text())
                .setHtml(rendered.html())
                .addHeader("Message-ID", messageId);
        mailer.send(mail);
        return new Receipt(messageId);
    }

    /** Subject from the title, text part from the text template, HTML part escaped by Qute ({@code .html}). */
    RenderedEmail render(String subjectPrefix, RenderedNotification notification) {
        return render(html, subjectPrefix, notification);
    }

    private static RenderedEmail render(Template html, String subjectPrefix, RenderedNotification notification) {
        String subject = notification.title();
        if (!DEFAULT_PREFIX.equals(subjectPrefix) && subject.startsWith("[" + DEFAULT_PREFIX + " ")) {
            subject = "[" + subjectPrefix + subject.substring(DEFAULT_PREFIX.length() + 1);
        }
        return new RenderedEmail(subject, notification.text(),
                html.data("m", notification.notification()).render());
    }

    /** One rendered e-mail. */
    record RenderedEmail(String subject, String text, String html) {
    }
}
