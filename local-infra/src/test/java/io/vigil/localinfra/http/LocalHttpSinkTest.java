package io.vigil.localinfra.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalHttpSinkTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scriptedRepliesAreUsedInOrderThenTheDefaultAndAnAcceptedIdempotencyKeyIsReplayed() throws Exception {
        try (LocalHttpSink sink = LocalHttpSink.start()) {
            // Given
            sink.script("/hook", List.of(Reply.status(500), Reply.status(202), Reply.status(503)));

            // When
            int first = post(sink.url("/hook"), "k-1", "{\"n\":1}");
            int second = post(sink.url("/hook"), "k-1", "{\"n\":1}");
            int third = post(sink.url("/hook"), "k-1", "{\"n\":1}");
            int other = post(sink.url("/hook"), "k-2", "{\"n\":2}");

            // Then
            assertThat(List.of(first, second, third, other)).as("the replay does not use up the scripted 503")
                    .containsExactly(500, 202, 202, 503);
            List<RecordedRequest> requests = sink.requests("/hook");
            assertThat(requests).extracting(RecordedRequest::status, RecordedRequest::replayed,
                    RecordedRequest::body).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(500, false, "{\"n\":1}"),
                            org.assertj.core.groups.Tuple.tuple(202, false, "{\"n\":1}"),
                            org.assertj.core.groups.Tuple.tuple(202, true, "{\"n\":1}"),
                            org.assertj.core.groups.Tuple.tuple(503, false, "{\"n\":2}"));
            assertThat(sink.accepted("/hook")).hasSize(1);
            assertThat(sink.acceptedCount("/hook")).isEqualTo(1);
            assertThat(requests.get(0).header("Idempotency-Key")).isEqualTo("k-1");
            assertThat(sink.requests("/other")).isEmpty();

            sink.reset();
            assertThat(sink.acceptedCount("/hook")).as("after a reset").isZero();
            assertThat(sink.requests("/hook")).isEmpty();
        }
    }

    private int post(String url, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
