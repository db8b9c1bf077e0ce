package io.vigil.notify.receiver;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured receivers: {@code vigil.notify.receivers.<name>.kind=<kind>} plus the settings group of that
 * kind, e.g. {@code vigil.notify.receivers.security-sns.sns.topic-arn=arn:aws:sns:...}. Secrets (webhook URLs,
 * routing keys, signing secrets) belong in environment variables, e.g.
 * {@code VIGIL_NOTIFY_RECEIVERS_ONCALL_PAGERDUTY_ROUTING_KEY}.
 */
@ConfigMapping(prefix = "vigil.notify")
public interface ReceiversConfig {

    /** Receivers by name. */
    Map<String, ReceiverConfig> receivers();

    /** One receiver. */
    interface ReceiverConfig {

        /**
         * The receiver kind: {@code email}, {@code sns}, {@code slack}, {@code teams}, {@code pagerduty},
         * {@code webhook}.
         */
        String kind();

        /** Qute template of the one-line title (e-mail subject, SNS subject, Slack header, PagerDuty summary). */
        Optional<String> titleTemplate();

        /** Qute template of the text (e-mail text part, Slack section, Teams text, webhook {@code text}). */
        Optional<String> textTemplate();

        /**
         * Alert fields replaced by {@code [redacted]} before rendering or sending: {@code actorArn}, {@code sourceIp},
         * {@code accountId}, {@code region}, {@code eventName}, {@code summary}, {@code runbookUrl}.
         */
        Optional<List<String>> redact();

        /** Attempts in flight at once for this receiver. */
        @WithDefault("8")
        int maxConcurrency();

        /** How long one attempt may take (HTTP receivers: connect and response). */
        @WithDefault("10s")
        Duration timeout();

        /** Settings of an {@code email} receiver. */
        Optional<Email> email();

        /** Settings of an {@code sns} receiver. */
        Optional<Sns> sns();

        /** Settings of a {@code slack} receiver. */
        Optional<WebhookUrl> slack();

        /** Settings of a {@code teams} receiver. */
        Optional<WebhookUrl> teams();

        /** Settings of a {@code pagerduty} receiver. */
        Optional<PagerDuty> pagerduty();

        /** Settings of a {@code webhook} receiver. */
        Optional<Webhook> webhook();
    }

    /** Settings of an e-mail receiver; the sender is {@code quarkus.mailer.from}. */
    interface Email {

        /** Recipient addresses. */
        List<String> to();

        /** The word that opens the default subject, as in {@code [Vigil HIGH] ...}. */
        @WithDefault("Vigil")
        String subjectPrefix();

        /**
         * Qute source of this receiver's HTML part, with {@code m} the notification (as in the built-in
         * {@code templates/email/alert.html}); values are HTML-escaped. Without it the built-in template is used.
         */
        Optional<String> htmlTemplate();
    }

    /** Settings of an Amazon SNS receiver; the client is configured with {@code quarkus.sns.*}. */
    interface Sns {

        /** The topic to publish to; a FIFO topic (ending in {@code .fifo}) gets group and de-duplication ids. */
        String topicArn();

        /**
         * For FIFO topics, the label whose value is the message group id: {@code fingerprint}, {@code account},
         * {@code rule}.
         */
        @WithDefault("fingerprint")
        String messageGroupBy();

        /** Extra string message attributes added to every message, e.g. {@code team=secops}. */
        Map<String, String> attributes();
    }

    /** Settings of a Slack incoming webhook or a Teams workflow webhook. */
    interface WebhookUrl {

        /** The webhook URL (a secret: set it from the environment). */
        String url();
    }

    /** Settings of a PagerDuty Events API v2 receiver. */
    interface PagerDuty {

        /** The integration's routing key (a secret: set it from the environment). */
        String routingKey();

        /** The Events API endpoint. */
        @WithDefault("https://events.pagerduty.com/v2/enqueue")
        String url();
    }

    /** Settings of a generic webhook. */
    interface Webhook {

        /** Where to POST the JSON. */
        String url();

        /**
         * HMAC-SHA256 key for the {@code X-Vigil-Signature} header, at least 16 characters (a secret: set it from the
         * environment). Required unless {@link #unsigned()}.
         */
        Optional<String> secret();

        /** Sends without signature headers; only for a receiver that cannot verify them. Excludes a secret. */
        @WithDefault("false")
        boolean unsigned();
    }
}
