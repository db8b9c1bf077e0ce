package io.vigil.notify.receiver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contract.ContractJson;
import io.vigil.notify.receiver.ReceiverException;
import io.vigil.notify.receiver.ReceiverTarget;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON with the JDK HTTP client (HTTP/1.1, no redirects followed, the receiver's timeout) after checking the
 * URL against the {@link UrlPolicy}. A 2xx is success; 408, 429 and 5xx, timeouts and connection errors are
 * transient (retried); any other status is permanent (dead-lettered at once).
 */
@ApplicationScoped
public class JsonPoster {

    private static final ObjectMapper JSON = ContractJson.mapper();
    private static final int MAX_ERROR_BODY = 200;

    private final UrlPolicy policy;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public JsonPoster(UrlPolicy policy) {
        this.policy = policy;
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

    /**
     * Posts a body.
     *
     * @return the response on 2xx
     * @throws ReceiverException naming the receiver, URL host and status otherwise
     */
    public HttpResponse<String> post(ReceiverTarget target, String url, byte[] body, Map<String, String> headers) {
        policy.check(url).ifPresent(refused -> {
            throw new ReceiverException("Receiver '" + target.name() + "' URL refused: " + refused, null, true);
        });
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(target.settings().timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "vigil-notify")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ReceiverException("Receiver '" + target.name() + "' (" + uri.getHost() + ") did not answer"
                    + " within " + target.settings().timeout(), e);
        } catch (IOException e) {
            throw new ReceiverException("Receiver '" + target.name() + "' (" + uri.getHost() + ") unreachable: "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReceiverException("Receiver '" + target.name() + "' interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        boolean transientFailure = status == 408 || status == 429 || status >= 500;
        String answer = response.body() == null ? "" : response.body();
        throw new ReceiverException("Receiver '" + target.name() + "' (" + uri.getHost() + ") answered " + status
                + (answer.isBlank() ? "" : ": " + answer.substring(0, Math.min(MAX_ERROR_BODY, answer.length()))),
                status, !transientFailure);
    }

    /** Checks a configured URL at start-up. */
    public void validate(ReceiverTarget target, String key, String url) {
        policy.check(url).ifPresent(refused -> {
            throw new IllegalArgumentException("Receiver '" + target.name() + "' has a refused URL in "
                    + target.key(key) + ": " + refused);
        });
    }
}
