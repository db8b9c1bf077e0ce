package io.vigil.localinfra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LocalKafkaTest {

    @Test
    void aBrokerAskingToHaltDoesNotEndTheJvm() {
        // Given: a broker of this JVM (a failed log directory makes a broker call Exit.halt(1))
        LocalKafka kafka = LocalKafka.shared();

        // When: without the embedded broker's halt procedure this ends the test JVM and the build fails
        Exit.halt(1, "log directory failed (simulated)");

        // Then
        assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void sharedReturnsTheSameRunningBrokerTwiceAndPublishesItsAddress() {
        // Given
        LocalKafka first = LocalKafka.shared();

        // When
        LocalKafka second = LocalKafka.shared();

        // Then
        assertThat(second).isSameAs(first);
        assertThat(first.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(System.getProperty(LocalKafka.BOOTSTRAP_SERVERS_PROPERTY)).isEqualTo(first.bootstrapServers());
    }

    @Test
    void onlyCommittedTransactionalRecordsReachAReadCommittedConsumer() throws Exception {
        // Given
        String bootstrap = LocalKafka.shared().bootstrapServers();
        String topic = "local-infra-tx-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-infra-test-" + UUID.randomUUID(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);

        // When
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k1", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k2", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k3", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k4", "committed-3"));
            producer.commitTransaction();
        }

        // Then
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "local-infra-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> consumed : consumer.poll(Duration.ofMillis(200))) {
                    received.add(consumed.key() + "=" + consumed.value());
                }
                assertThat(received).containsExactly("k1=committed-1", "k2=committed-2", "k4=committed-3");
            });
        }
    }

    @Test
    void brokerIsNotReachableOnANonLoopbackAddress() throws SocketException {
        // Given
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        Assumptions.assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this machine");
        int port = Integer.parseInt(LocalKafka.shared().bootstrapServers().split(":")[1]);

        // When / Then
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(external.get(), port), 2_000);
            }
        }).isInstanceOf(IOException.class);
    }
}
