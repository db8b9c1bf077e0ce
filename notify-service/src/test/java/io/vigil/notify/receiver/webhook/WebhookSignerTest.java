package io.vigil.notify.receiver.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signatureIsHmacSha256OverTimestampDotBodyInLowerCaseHex() {
        // Given (expected value computed independently with Python's hmac module)
        WebhookSigner signer = new WebhookSigner(Clock.fixed(Instant.parse("2026-11-23T09:14:58Z"), ZoneOffset.UTC));

        // When
        WebhookSigner.Signature signature = signer.sign("test-webhook-secret-0123456789",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        // Then
        assertThat(signature.timestamp()).isEqualTo("1795425298");
        assertThat(signature.value())
                .isEqualTo("sha256=98fa88541025c51b725c6687090a583c6d478cde1f6891d1c85e7583c55d8eea");
    }

    @Test
    void anotherTimestampOrBodyGivesAnotherSignature() {
        // When
        String original = WebhookSigner.signature("k".repeat(16), "1", "{}".getBytes(StandardCharsets.UTF_8));
        String otherTime = WebhookSigner.signature("k".repeat(16), "2", "{}".getBytes(StandardCharsets.UTF_8));
        String otherBody = WebhookSigner.signature("k".repeat(16), "1", "{ }".getBytes(StandardCharsets.UTF_8));

        // Then
        assertThat(otherTime).isNotEqualTo(original);
        assertThat(otherBody).isNotEqualTo(original);
    }
}
