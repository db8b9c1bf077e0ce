package io.vigil.notify.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vigil.localinfra.http.LocalHttpSink;
import io.vigil.localinfra.http.RecordedRequest;
import io.vigil.localinfra.http.Reply;
import io.vigil.notify.receiver.ReceiverException;
import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.ReceiversConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JsonPoster} against a real local HTTP server, with one pooled connection per host. */
class JsonPosterTest {

    private static final byte[] BODY = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);

    private Vertx vertx;
    private LocalHttpSink sink;
    private JsonPoster poster;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        sink = LocalHttpSink.start();
        poster = new JsonPoster(new UrlPolicy(List.of("http"), true, true, false, java.net.InetAddress::getAllByName),
                vertx, new OneConnectionPerHost());
    }

    @AfterEach
    void stop() {
        poster.close();
        sink.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void postsTheBodyWithItsHeadersAndReturnsTheStatus() {
        // When
        int status = poster.post(target(Duration.ofSeconds(5)), sink.url("/hook"), BODY, Map.of("Idempotency-Key",
                "k-1"));

        // Then
        assertThat(status).isEqualTo(200);
        List<RecordedRequest> requests = sink.requests("/hook");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).body()).isEqualTo("{\"n\":1}");
        assertThat(requests.get(0).header("Content-Type")).isEqualTo("application/json");
        assertThat(requests.get(0).header("Idempotency-Key")).isEqualTo("k-1");
    }

    @Test
    void serverErrorIsTransientAndClientErrorPermanentBothWithTheStartOfTheAnswer() {
        // Given
        sink.script("/hook", List.of(Reply.status(503), Reply.status(400)));

        // Then
        assertThatThrownBy(() -> poster.post(target(Duration.ofSeconds(5)), sink.url("/hook"), BODY, Map.of()))
                .isInstanceOfSatisfying(ReceiverException.class, e -> assertThat(e.permanent()).isFalse())
                .hasMessageContaining("answered 503");
        assertThatThrownBy(() -> poster.post(target(Duration.ofSeconds(5)), sink.url("/hook"), BODY, Map.of()))
                .isInstanceOfSatisfying(ReceiverException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("answered 400");
    }

    @Test
    void requestThatTimedOutWaitingForAConnectionIsNeverSentAfterwards() throws Exception {
        // Given: the only connection is held for 1.5 s by a request whose receiver allows 5 s
        sink.script("/slow", List.of(Reply.delayed(200, 1_500)));
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> poster.post(target(Duration
                .ofSeconds(5)), sink.url("/slow"), BODY, Map.of("Idempotency-Key", "first")));
        awaitRequests(1);

        // When: another attempt, allowed 300 ms, waits for that connection
        assertThatThrownBy(() -> poster.post(target(Duration.ofMillis(300)), sink.url("/slow"), BODY,
                Map.of("Idempotency-Key", "second")))
                .isInstanceOf(ReceiverException.class).hasMessageContaining("did not answer within");

        // Then: once the connection is free again, the abandoned attempt is still not sent (its retry would be a
        // second copy)
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        TimeUnit.MILLISECONDS.sleep(1_000);
        assertThat(sink.requests("/slow")).extracting(r -> r.header("Idempotency-Key")).containsExactly("first");
    }

    private void awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sink.requests("/slow").size() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(sink.requests("/slow")).hasSize(count);
    }

    private static ReceiverTarget target(Duration timeout) {
        return new ReceiverTarget("hook", new Settings(timeout));
    }

    private static final class OneConnectionPerHost implements HttpConfig {

        @Override
        public List<String> allowedSchemes() {
            return List.of("http");
        }

        @Override
        public boolean allowLoopback() {
            return true;
        }

        @Override
        public boolean allowPrivate() {
            return true;
        }

        @Override
        public boolean allowLinkLocal() {
            return false;
        }

        @Override
        public int maxConnectionsPerHost() {
            return 1;
        }
    }

    private record Settings(Duration timeout) implements ReceiversConfig.ReceiverConfig {

        @Override
        public String kind() {
            return "webhook";
        }

        @Override
        public Optional<String> titleTemplate() {
            return Optional.empty();
        }

        @Override
        public Optional<String> textTemplate() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> redact() {
            return Optional.empty();
        }

        @Override
        public int maxConcurrency() {
            return 8;
        }

        @Override
        public Optional<ReceiversConfig.Email> email() {
            return Optional.empty();
        }

        @Override
        public Optional<ReceiversConfig.Sns> sns() {
            return Optional.empty();
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
        public Optional<ReceiversConfig.Webhook> webhook() {
            return Optional.empty();
        }
    }
}
