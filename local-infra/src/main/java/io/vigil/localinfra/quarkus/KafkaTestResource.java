package io.vigil.localinfra.quarkus;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.localinfra.kafka.LocalKafka;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared {@link LocalKafka} broker.
 *
 * <p>Returns {@code kafka.bootstrap.servers}. {@link #stop()} leaves the broker running for the next test class; a
 * JVM shutdown hook stops it. Tests reach the broker with {@code LocalKafka.shared().bootstrapServers()} or the
 * injected {@code @ConfigProperty(name = "kafka.bootstrap.servers")}.
 */
public final class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", LocalKafka.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // The shared broker outlives this test class; the JVM shutdown hook stops it.
    }
}
