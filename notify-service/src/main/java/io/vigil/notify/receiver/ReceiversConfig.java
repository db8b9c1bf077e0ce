package io.vigil.notify.receiver;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured receivers: {@code vigil.notify.receivers.<name>.kind=<kind>} plus the settings group of that
 * kind, e.g. {@code vigil.notify.receivers.security-sns.sns.topic-arn=arn:aws:sns:...}.
 */
@ConfigMapping(prefix = "vigil.notify")
public interface ReceiversConfig {

    /** Receivers by name. */
    Map<String, ReceiverConfig> receivers();

    /** One receiver. */
    interface ReceiverConfig {

        /** The receiver kind: the {@code @Named} value of a {@link Receiver} bean, e.g. {@code email}, {@code sns}. */
        String kind();

        /** Settings of an {@code email} receiver. */
        Optional<Email> email();

        /** Settings of an {@code sns} receiver. */
        Optional<Sns> sns();
    }

    /** Settings of an e-mail receiver; the sender is {@code quarkus.mailer.from}. */
    interface Email {

        /** Recipient addresses. */
        List<String> to();

        /** The word that opens the subject, as in {@code [Vigil HIGH] ...}. */
        @WithDefault("Vigil")
        String subjectPrefix();
    }

    /** Settings of an Amazon SNS receiver; the client is configured with {@code quarkus.sns.*}. */
    interface Sns {

        /** The topic to publish to; a FIFO topic (ending in {@code .fifo}) gets group and de-duplication ids. */
        String topicArn();
    }
}
