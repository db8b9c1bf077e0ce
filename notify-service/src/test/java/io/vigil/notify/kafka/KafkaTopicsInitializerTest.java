package io.vigil.notify.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contract.Topics;
import io.vigil.notify.NotifyTestProfile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class KafkaTopicsInitializerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void alertsAndDeliveriesTopicsExistWithTheConfiguredPartitionsAndSettings() throws Exception {
        // Given
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {

            // When
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.ALERTS, Topics.DELIVERIES))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            ConfigResource deliveries = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DELIVERIES);
            var config = admin.describeConfigs(List.of(deliveries)).all().get(30, TimeUnit.SECONDS).get(deliveries);

            // Then
            assertThat(topics.get(Topics.ALERTS).partitions()).hasSize(3);
            assertThat(topics.get(Topics.DELIVERIES).partitions()).hasSize(3);
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("604800000");
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
        }
    }
}
