package io.vigil.notify.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.vigil.contract.Alert;
import io.vigil.contract.Delivery;
import io.vigil.notify.receiver.BoundReceiver;
import io.vigil.notify.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code vigil.alerts.v1}. The record is acknowledged (its offset becomes committable) only when this method
 * returns, that is after every routed receiver has a final outcome recorded on {@code vigil.deliveries.v1}. Records
 * that are not alerts are skipped, logged and counted as {@code vigil.notify.alerts.skipped{reason}}.
 */
@ApplicationScoped
public class AlertConsumer {

    private static final Logger LOGGER = Logger.getLogger(AlertConsumer.class);
    private static final String DESERIALIZATION_FAILURE_REASON = "deserialization-failure-reason";

    private final Router router;
    private final Dispatcher dispatcher;
    private final MeterRegistry registry;

    public AlertConsumer(Router router, Dispatcher dispatcher, MeterRegistry registry) {
        this.router = router;
        this.dispatcher = dispatcher;
        this.registry = registry;
    }

    /**
     * Delivers one alert. Throws only when a delivery could not be recorded; the record is then not acknowledged
     * and the channel fails (health goes down), so the alert is consumed again after a restart.
     */
    @Incoming("alerts")
    @Blocking
    void consume(ConsumerRecord<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null) {
            skip(record);
            return;
        }
        List<BoundReceiver> receivers = router.route(alert);
        if (receivers.isEmpty()) {
            LOGGER.debugf("No receiver for alert: alertId=%s ruleId=%s severity=%s", alert.id(), alert.ruleId(),
                    alert.severity());
            return;
        }
        List<Delivery> outcomes = dispatcher.dispatch(alert, receivers).toCompletableFuture().join();
        LOGGER.infof("Alert notified: alertId=%s ruleId=%s outcomes=%s", alert.id(), alert.ruleId(),
                outcomes.stream().map(d -> d.receiver() + "=" + d.outcome()).toList());
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
