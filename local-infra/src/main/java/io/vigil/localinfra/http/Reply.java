package io.vigil.localinfra.http;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the {@link LocalHttpSink} answers one request.
 *
 * @param status the HTTP status
 * @param delayMillis how long to wait before answering, to simulate a slow or hanging receiver
 * @param body the response body (UTF-8)
 */
public record Reply(
        @JsonProperty("status") int status,
        @JsonProperty("delayMillis") long delayMillis,
        @JsonProperty("body") String body) {

    /** @return an immediate answer with an empty JSON object */
    public static Reply status(int status) {
        return new Reply(status, 0, "{}");
    }

    /** @return an answer given only after {@code delayMillis} */
    public static Reply delayed(int status, long delayMillis) {
        return new Reply(status, delayMillis, "{}");
    }
}
