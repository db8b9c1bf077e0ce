package io.vigil.notify.ledger;

import io.vigil.contract.Delivery;
import java.util.concurrent.CompletionStage;

/** Where delivery attempts are recorded. */
public interface DeliveryLedger {

    /**
     * Records one attempt durably.
     *
     * @return completes when the record is durable (for Kafka: the broker acknowledged it), or exceptionally when it
     *         could not be recorded
     */
    CompletionStage<Void> record(Delivery delivery);
}
