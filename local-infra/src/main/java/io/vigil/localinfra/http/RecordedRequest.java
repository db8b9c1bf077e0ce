package io.vigil.localinfra.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One request the {@link LocalHttpSink} received.
 *
 * @param sequence order of arrival, from 1, across all paths
 * @param method the HTTP method
 * @param path the request path, e.g. {@code /slack/T1}
 * @param headers the request headers, names in lower case, first value only
 * @param body the request body as UTF-8 text
 * @param receivedAt when the request line and body had been read
 * @param status the status the sink answered (or, for a delayed reply, will answer)
 * @param replayed whether an earlier request to the same path with the same {@code Idempotency-Key} had already been
 *        accepted with a 2xx, so this one was answered from that result and not accepted again
 */
public record RecordedRequest(
        @JsonProperty("sequence") long sequence,
        @JsonProperty("method") String method,
        @JsonProperty("path") String path,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("body") String body,
        @JsonProperty("receivedAt") Instant receivedAt,
        @JsonProperty("status") int status,
        @JsonProperty("replayed") boolean replayed) {

    /** @return the first value of a header, or {@code null}; the name is case-insensitive */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return whether this request was accepted: answered 2xx and not a replay of an accepted idempotency key */
    public boolean accepted() {
        return status >= 200 && status < 300 && !replayed;
    }
}
