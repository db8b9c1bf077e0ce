package io.vigil.notify.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.vigil.contract.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code vigil.alerts.v1} in batches. A batch is acknowledged (its offsets become committable) only when
 * this method returns, that is after {@link AlertIntake} committed the batch to PostgreSQL; from there the outbox
 * carries every notification to its outcome in the ledger. Records that are not alerts are skipped, logged and
 * counted as {@code vigil.notify.alerts.skipped{reason}}.
 */
@ApplicationScoped
public class AlertConsumer {

    private static final Logger LOGGER = Logger.getLogger(AlertConsumer.class);
    private static final String DESERIALIZATION_FAILURE_REASON = "deserialization-failure-reason";

    private final AlertIntake intake;
    private final MeterRegistry registry;

    public AlertConsumer(AlertIntake intake, MeterRegistry registry) {
        this.intake = intake;
        this.registry = registry;
    }

    /**
     * Takes one batch in. Throws only when PostgreSQL failed; the batch is then not acknowledged and the channel
     * fails (health goes down), so the alerts are consumed again after a restart.
     */
    @Incoming("alerts")
    @Blocking
    void consume(ConsumerRecords<String, Alert> records) {
        List<Alert> alerts = new ArrayList<>();
        for (ConsumerRecord<String, Alert> record : records) {
            if (record.value() == null) {
                skip(record);
            } else {
                alerts.add(record.value());
            }
        }
        if (!alerts.isEmpty()) {
            intake.accept(alerts);
        }
    }

    private void skip(ConsumerRecord<String, Alert> record) {
        Header failure = record.headers().lastHeader(DESERIALIZATION_FAILURE_REASON);
        String reason = failure == null ? "tombstone" : "undeserializable";
        LOGGER.warnf("Skipped a record that is not an alert: topic=%s partition=%d offset=%d reason=%s%s",
                record.topic(), record.partition(), record.offset(), reason,
                failure == null ? "" : " cause=" + abbreviate(new String(failure.value(), StandardCharsets.UTF_8)));
        registry.counter("vigil.notify.alerts.skipped", "reason", reason).increment();
    }

    // the cause may quote part of the payload; keep log lines bounded
    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
