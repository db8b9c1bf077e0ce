package io.vigil.notify.receiver.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.StubReceiverSettings;
import io.vigil.notify.receiver.http.StubHttpConfig;
import io.vigil.notify.receiver.http.JsonPoster;
import io.vigil.notify.receiver.http.UrlPolicy;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Start-up validation of webhook receivers: a signing secret is required unless explicitly opted out. */
class WebhookReceiverTest {

    private static final String URL = "https://soar.example.com/vigil";

    private Vertx vertx;
    private JsonPoster poster;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        poster = new JsonPoster(new UrlPolicy(List.of("https"), false, true, false, name -> new InetAddress[]{
                InetAddress.getByAddress(name, new byte[]{93, (byte) 184, (byte) 215, 14})}), vertx,
                StubHttpConfig.publicHttps());
        receiver = new WebhookReceiver(poster, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        // closing Vert.x closes the poster's client
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void webhookWithoutASecretStopsStartupNamingTheSecretKeyAndTheOptOut() {
        // Given
        ReceiverTarget target = new ReceiverTarget("soar", StubReceiverSettings.webhook(URL, Optional.empty(), false));

        // When / Then
        assertThatThrownBy(() -> receiver.validate(target)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Receiver 'soar' of kind webhook needs a signing secret of at least 16 characters in"
                        + " vigil.notify.receivers.soar.webhook.secret (or vigil.notify.receivers.soar.webhook.unsigned"
                        + "=true to send unsigned requests)");
    }

    @Test
    void webhookExplicitlyUnsignedOrWithASecretIsAccepted() {
        // Given
        ReceiverTarget unsigned = new ReceiverTarget("legacy", StubReceiverSettings.webhook(URL, Optional.empty(),
                true));
        ReceiverTarget signed = new ReceiverTarget("soar", StubReceiverSettings.webhook(URL,
                Optional.of("0123456789abcdef"), false));

        // When / Then
        assertThatCode(() -> receiver.validate(unsigned)).doesNotThrowAnyException();
        assertThatCode(() -> receiver.validate(signed)).doesNotThrowAnyException();
    }

    @Test
    void webhookWithBothASecretAndUnsignedStopsStartup() {
        // Given
        ReceiverTarget target = new ReceiverTarget("soar", StubReceiverSettings.webhook(URL,
                Optional.of("0123456789abcdef"), true));

        // When / Then
        assertThatThrownBy(() -> receiver.validate(target)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Receiver 'soar' has both vigil.notify.receivers.soar.webhook.secret and"
                        + " vigil.notify.receivers.soar.webhook.unsigned=true; set one of them");
    }
}
