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

    @Test
    void signaturesFromOneSignerDoNotShareState() {
        // Given: one signer keeps a keyed HMAC per secret and clones it per signature
        WebhookSigner signer = new WebhookSigner(Clock.fixed(Instant.parse("2026-11-23T09:14:58Z"), ZoneOffset.UTC));
        byte[] first = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"b\":2}".getBytes(StandardCharsets.UTF_8);

        // When
        String a = signer.sign("test-webhook-secret-0123456789", first).value();
        String b = signer.sign("test-webhook-secret-0123456789", second).value();
        String other = signer.sign("another-webhook-secret-987654", first).value();
        String aAgain = signer.sign("test-webhook-secret-0123456789", first).value();

        // Then
        assertThat(a).isEqualTo(aAgain)
                .isEqualTo("sha256=98fa88541025c51b725c6687090a583c6d478cde1f6891d1c85e7583c55d8eea");
        assertThat(b).isEqualTo(WebhookSigner.signature("test-webhook-secret-0123456789", "1795425298", second));
        assertThat(other).isEqualTo(WebhookSigner.signature("another-webhook-secret-987654", "1795425298", first))
                .isNotEqualTo(a);
    }
}
