package io.vigil.notify.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vertx.core.Vertx;
import io.vigil.localinfra.http.LocalHttpSink;
import io.vigil.localinfra.http.RecordedRequest;
import io.vigil.localinfra.http.Reply;
import io.vigil.notify.receiver.ReceiverException;
import io.vigil.notify.receiver.ReceiverTarget;
import io.vigil.notify.receiver.StubReceiverSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonPoster} against real local HTTP and HTTPS servers, with one pooled connection per host. */
class JsonPosterTest {

    private static final String PASSWORD = "changeit-test";
    private static final byte[] BODY = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);

    private Vertx vertx;
    private LocalHttpSink sink;
    private JsonPoster poster;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        sink = LocalHttpSink.start();
        poster = new JsonPoster(new UrlPolicy(List.of("http"), true, true, false, java.net.InetAddress::getAllByName),
                vertx, StubHttpConfig.localPlainHttp());
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
    void connectsToTheAddressThePolicyCheckedAndNotToWhatTheHostResolvesToWhenConnecting() {
        // Given: the policy resolved this name (which no DNS knows) to the sink's loopback address; a client that
        // resolved the name again when connecting would not reach it
        String host = "rebound.vigil.test";
        JsonPoster pinned = new JsonPoster(new UrlPolicy(List.of("http"), true, true, false,
                name -> new InetAddress[]{InetAddress.getByAddress(name, new byte[]{127, 0, 0, 1})}), vertx,
                StubHttpConfig.localPlainHttp());

        // When
        int status = pinned.post(target(Duration.ofSeconds(5)), "http://" + host + ":" + sink.port() + "/pinned",
                BODY, Map.of());

        // Then
        assertThat(status).isEqualTo(200);
        assertThat(sink.requests("/pinned")).singleElement()
                .satisfies(request -> assertThat(request.header("Host")).isEqualTo(host + ":" + sink.port()));
    }

    @Test
    void redirectIsNotFollowedAndCountsAsAPermanentFailure() throws Exception {
        // Given: a server that redirects /hook to /elsewhere
        java.util.concurrent.atomic.AtomicInteger elsewhere = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer redirecting = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        redirecting.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirecting.createContext("/elsewhere", exchange -> {
            elsewhere.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        redirecting.start();
        try {
            // When / Then
            assertThatThrownBy(() -> poster.post(target(Duration.ofSeconds(5)), "http://127.0.0.1:"
                    + redirecting.getAddress().getPort() + "/hook", BODY, Map.of()))
                    .isInstanceOfSatisfying(ReceiverException.class, e -> assertThat(e.permanent()).isTrue())
                    .hasMessage("Receiver 'hook' (127.0.0.1) answered 302");
            assertThat(elsewhere.get()).isZero();
        } finally {
            redirecting.stop(0);
        }
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

    @Test
    void postsOverTlsToAServerWhoseCertificateTheJvmTrustsAndRefusesOneItDoesNot(@TempDir Path dir) throws Exception {
        // Given: two HTTPS servers on loopback, only the first one's self-signed certificate in the trust store
        Path trusted = keyStore(dir, "trusted");
        Path untrusted = keyStore(dir, "untrusted");
        Path trustStore = dir.resolve("truststore.p12");
        keytool("-exportcert", "-rfc", "-alias", "trusted", "-keystore", trusted.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve("trusted.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "trusted", "-file", dir.resolve("trusted.pem").toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        HttpsServer good = httpsServer(trusted);
        HttpsServer bad = httpsServer(untrusted);
        String previousStore = System.getProperty("javax.net.ssl.trustStore");
        String previousPassword = System.getProperty("javax.net.ssl.trustStorePassword");
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        JsonPoster tls = new JsonPoster(new UrlPolicy(List.of("https"), true, true, false,
                java.net.InetAddress::getAllByName), vertx, StubHttpConfig.localPlainHttp());
        try {
            // When
            int status = tls.post(target(Duration.ofSeconds(5)), "https://localhost:" + good.getAddress().getPort()
                    + "/hook", BODY, Map.of());

            // Then: TLS with the JVM's trust store and host name verification, as for Slack, Teams or PagerDuty
            assertThat(status).isEqualTo(204);
            assertThatThrownBy(() -> tls.post(target(Duration.ofSeconds(5)), "https://localhost:"
                    + bad.getAddress().getPort() + "/hook", BODY, Map.of()))
                    .isInstanceOfSatisfying(ReceiverException.class, e -> assertThat(e.permanent()).isFalse())
                    .hasMessageContaining("unreachable");
            assertThatThrownBy(() -> tls.post(target(Duration.ofSeconds(5)), "https://127.0.0.1:"
                    + good.getAddress().getPort() + "/hook", BODY, Map.of()))
                    .as("the certificate names localhost only").isInstanceOf(ReceiverException.class)
                    .hasMessageContaining("unreachable");
        } finally {
            tls.close();
            good.stop(0);
            bad.stop(0);
            restore("javax.net.ssl.trustStore", previousStore);
            restore("javax.net.ssl.trustStorePassword", previousPassword);
        }
    }

    private static Path keyStore(Path dir, String alias) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("keytool %s: %s", arguments[0], output).isZero();
    }

    private static HttpsServer httpsServer(Path keyStore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/hook", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }

    private void awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sink.requests("/slow").size() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(sink.requests("/slow")).hasSize(count);
    }

    private static ReceiverTarget target(Duration timeout) {
        return new ReceiverTarget("hook", new StubReceiverSettings("webhook", Optional.empty(), Optional.empty(),
                timeout));
    }
}
