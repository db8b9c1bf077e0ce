package io.vigil.notify;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.ContractJson;
import io.vigil.localinfra.http.LocalHttpSink;
import io.vigil.localinfra.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** Reads what the receivers sent to the shared {@link LocalHttpSink}. */
public final class Sink {

    private Sink() {
    }

    /** @return the shared sink (a view of it when another class loader started it) */
    public static LocalHttpSink sink() {
        return LocalHttpSink.shared();
    }

    /** @return requests on {@code path} whose body mentions {@code text} */
    public static List<RecordedRequest> requestsMentioning(String path, String text) {
        return sink().requests(path).stream().filter(r -> r.body().contains(text)).toList();
    }

    /** Waits until {@code count} requests on {@code path} mention {@code text}, then returns them. */
    public static List<RecordedRequest> awaitRequests(String path, String text, int count, Duration atMost) {
        await().atMost(atMost).until(() -> requestsMentioning(path, text).size() >= count);
        return requestsMentioning(path, text);
    }

    /** @return the JSON body of a request */
    public static JsonNode json(RecordedRequest request) {
        try {
            return ContractJson.mapper().readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Request body is not JSON: " + request.body(), e);
        }
    }
}
