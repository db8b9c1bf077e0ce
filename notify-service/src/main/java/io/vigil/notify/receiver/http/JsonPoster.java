package io.vigil.notify.receiver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vigil.contract.ContractJson;
import io.vigil.notify.receiver.ReceiverException;
import io.vigil.notify.receiver.ReceiverTarget;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs JSON with the Vert.x HTTP client of the service (HTTP/1.1, pooled keep-alive connections, no redirects
 * followed, the receiver's timeout) after checking the URL against the {@link UrlPolicy}. A 2xx is success; 408, 429
 * and 5xx, timeouts and connection errors are transient (retried); any other status is permanent (dead-lettered at
 * once). Senders run on virtual threads and wait for the answer; the event loop does the I/O, which costs a fraction
 * of the CPU the JDK client spends per request (see docs/notifications.md, Benchmark).
 */
@ApplicationScoped
public class JsonPoster {

    private static final ObjectMapper JSON = ContractJson.mapper();
    private static final int MAX_ERROR_BODY = 200;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final UrlPolicy policy;
    private final HttpClient client;

    public JsonPoster(UrlPolicy policy, Vertx vertx, HttpConfig config) {
        this.policy = policy;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerHost()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** @return the serialized body, for signing */
    public static byte[] serialize(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize a notification body: " + e.getOriginalMessage(), e);
        }
    }

    /** A receiver's answer: its status and, unless it is a 2xx, the start of its body. */
    private record Answer(int status, String body) {
    }

    /**
     * Posts a body.
     *
     * @return the 2xx status
     * @throws ReceiverException naming the receiver, URL host and status otherwise
     */
    public int post(ReceiverTarget target, String url, byte[] body, Map<String, String> headers) {
        UrlPolicy.Decision decision = policy.resolve(url);
        decision.refused().ifPresent(refused -> {
            throw new ReceiverException("Receiver '" + target.name() + "' URL refused: " + refused, null, true);
        });
        URI uri = decision.uri();
        long timeout = target.settings().timeout().toMillis();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                // connect to the address the policy checked, not to what the host resolves to by then (DNS
                // rebinding); the Host header, TLS SNI and certificate host name check still use the URL's host
                .setServer(SocketAddress.inetSocketAddress(decision.port(), decision.address().getHostAddress()))
                .setFollowRedirects(false)
                // waiting for a pooled connection and connecting count against the receiver's timeout too
                .setConnectTimeout(Math.min(timeout, CONNECT_TIMEOUT_MILLIS))
                .setTimeout(timeout)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "vigil-notify");
        headers.forEach(request::putHeader);
        // The attempt is over after the receiver's timeout, whatever the client is doing then: a request still
        // waiting for a connection must never be sent after its attempt was recorded as failed (the retry would
        // then be a second copy), and one in flight is reset.
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicReference<HttpClientRequest> sending = new AtomicReference<>();
        Future<Answer> answer = client.request(request)
                .compose(ready -> {
                    sending.set(ready);
                    if (abandoned.get()) {
                        ready.reset();
                        return Future.failedFuture(new TimeoutException("abandoned before it was sent"));
                    }
                    return ready.send(Buffer.buffer(body));
                })
                .compose(JsonPoster::answer);
        Answer result;
        try {
            result = answer.toCompletionStage().toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(abandoned, sending);
            throw notAnswered(target, uri, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof TimeoutException) {
                throw notAnswered(target, uri, cause);
            }
            throw new ReceiverException("Receiver '" + target.name() + "' (" + uri.getHost() + ") unreachable: "
                    + cause, cause);
        } catch (InterruptedException e) {
            abandon(abandoned, sending);
            Thread.currentThread().interrupt();
            throw new ReceiverException("Receiver '" + target.name() + "' interrupted", e);
        }
        int status = result.status();
        if (status >= 200 && status < 300) {
            return status;
        }
        boolean transientFailure = status == 408 || status == 429 || status >= 500;
        String text = result.body();
        throw new ReceiverException("Receiver '" + target.name() + "' (" + uri.getHost() + ") answered " + status
                + (text.isBlank() ? "" : ": " + text.substring(0, Math.min(MAX_ERROR_BODY, text.length()))),
                status, !transientFailure);
    }

    private static void abandon(AtomicBoolean abandoned, AtomicReference<HttpClientRequest> sending) {
        abandoned.set(true);
        HttpClientRequest inFlight = sending.get();
        if (inFlight != null) {
            inFlight.reset();
        }
    }

    // a 2xx body is not needed: reading to its end frees the connection for the next request
    private static Future<Answer> answer(HttpClientResponse response) {
        int status = response.statusCode();
        return status >= 200 && status < 300
                ? response.end().map(ended -> new Answer(status, ""))
                : response.body().map(text -> new Answer(status, text.toString(StandardCharsets.UTF_8)));
    }

    private static ReceiverException notAnswered(ReceiverTarget target, URI uri, Throwable cause) {
        return new ReceiverException("Receiver '" + target.name() + "' (" + uri.getHost() + ") did not answer"
                + " within " + target.settings().timeout(), cause);
    }

    /** Checks a configured URL at start-up. */
    public void validate(ReceiverTarget target, String key, String url) {
        policy.check(url).ifPresent(refused -> {
            throw new IllegalArgumentException("Receiver '" + target.name() + "' has a refused URL in "
                    + target.key(key) + ": " + refused);
        });
    }
}
