package io.vigil.notify.receiver.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies: {@code X-Vigil-Timestamp} is the Unix time in seconds, {@code X-Vigil-Signature} is
 * {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. A receiver recomputes it and rejects old
 * timestamps to stop replays.
 */
public final class WebhookSigner {

    /** The timestamp header. */
    public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";

    private final Clock clock;
    // a keyed Mac per secret, cloned per signature: looking the algorithm up and keying it cost more than the HMAC
    private final Map<String, Mac> keyed = new ConcurrentHashMap<>();

    public WebhookSigner(Clock clock) {
        this.clock = clock;
    }

    /** A timestamp and the signature of one body. */
    public record Signature(String timestamp, String value) {
    }

    /** @return the current timestamp and the signature over it and the body */
    public Signature sign(String secret, byte[] body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Mac mac;
        try {
            mac = (Mac) keyed.computeIfAbsent(secret, WebhookSigner::mac).clone();
        } catch (CloneNotSupportedException e) {
            mac = mac(secret);
        }
        return new Signature(timestamp, signature(mac, timestamp, body));
    }

    /** @return {@code sha256=<hex>} over {@code timestamp + "." + body} */
    public static String signature(String secret, String timestamp, byte[] body) {
        return signature(mac(secret), timestamp, body);
    }

    private static String signature(Mac mac, String timestamp, byte[] body) {
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
