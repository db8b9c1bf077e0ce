package io.vigil.ingest.publish;

import io.vigil.contract.DeadLetter;
import io.vigil.contract.NormalizedEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where ingested input goes. The returned future completes only when the broker has acknowledged every record
 * (acks=all), and fails otherwise; callers acknowledge their source (delete the SQS message) only after it completes.
 * Thread-safe.
 */
public interface IngestPublisher {

    /** Publishes normalized events to {@link io.vigil.contract.Topics#EVENTS}, keyed by account id. */
    CompletableFuture<Void> publishEvents(List<NormalizedEvent> events);

    /** Publishes a dead letter to {@link io.vigil.contract.Topics#INGEST_DLQ}, keyed by the source message id. */
    CompletableFuture<Void> publishDeadLetter(DeadLetter deadLetter);
}
