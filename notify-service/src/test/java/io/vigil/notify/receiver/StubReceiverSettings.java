package io.vigil.notify.receiver;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Receiver settings for tests that build receivers without Quarkus: a kind, an optional title template and
 * redaction, a timeout; no kind-specific section.
 */
public record StubReceiverSettings(String kind, Optional<String> titleTemplate, Optional<List<String>> redact,
        Duration timeout, Optional<ReceiversConfig.Webhook> webhook) implements ReceiversConfig.ReceiverConfig {

    /** Settings of a receiver of {@code kind} with templates, redaction and timeout, no kind-specific section. */
    public StubReceiverSettings(String kind, Optional<String> titleTemplate, Optional<List<String>> redact,
            Duration timeout) {
        this(kind, titleTemplate, redact, timeout, Optional.empty());
    }

    /** Settings of a webhook receiver with its {@code webhook.*} section. */
    public static StubReceiverSettings webhook(String url, Optional<String> secret, boolean unsigned) {
        return new StubReceiverSettings("webhook", Optional.empty(), Optional.empty(), Duration.ofSeconds(1),
                Optional.of(new Webhook(url, secret, unsigned)));
    }

    /** A {@code webhook.*} section. */
    public record Webhook(String url, Optional<String> secret, boolean unsigned) implements ReceiversConfig.Webhook {
    }

    /** Settings of a receiver of {@code kind} with a 1 s timeout. */
    public StubReceiverSettings(String kind) {
        this(kind, Optional.empty(), Optional.empty(), Duration.ofSeconds(1));
    }

    /** Settings of a receiver of {@code kind} with templates and redaction, 1 s timeout. */
    public StubReceiverSettings(String kind, Optional<String> titleTemplate, Optional<List<String>> redact) {
        this(kind, titleTemplate, redact, Duration.ofSeconds(1));
    }

    @Override
    public Optional<String> textTemplate() {
        return Optional.empty();
    }

    @Override
    public int maxConcurrency() {
        return 1;
    }

    @Override
    public Optional<ReceiversConfig.WebhookUrl> slack() {
        return Optional.empty();
    }

    @Override
    public Optional<ReceiversConfig.WebhookUrl> teams() {
        return Optional.empty();
    }

    @Override
    public Optional<ReceiversConfig.PagerDuty> pagerduty() {
        return Optional.empty();
    }

    @Override
    public Optional<ReceiversConfig.Email> email() {
        return Optional.empty();
    }

    @Override
    public Optional<ReceiversConfig.Sns> sns() {
        return Optional.empty();
    }
}
