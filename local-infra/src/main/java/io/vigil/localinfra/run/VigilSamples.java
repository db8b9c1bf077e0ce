package io.vigil.localinfra.run;

import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.DeadLetter;
import io.vigil.contract.Topics;
import io.vigil.localinfra.LocalInfraException;
import io.vigil.localinfra.ProjectRoot;
import io.vigil.localinfra.samples.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code bin/vigil-local samples}: sends the sample events to the running local stack's SQS queue and prints the
 * alerts and dead letters they produce. Reads the stack's coordinates from {@code .local-infra/run/stack.properties}.
 */
public final class VigilSamples {

    /** How long to keep reading after the last record arrived. */
    private static final Duration QUIET = Duration.ofSeconds(8);
    private static final Duration AT_MOST = Duration.ofSeconds(60);

    private VigilSamples() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream console = System.out;
        Path coordinatesFile = ProjectRoot.find().resolve(".local-infra/run/stack.properties");
        if (!Files.isRegularFile(coordinatesFile)) {
            throw new LocalInfraException("No running local stack: " + coordinatesFile + " is missing; start one"
                    + " with bin/vigil-local");
        }
        Properties stack = new Properties();
        try (InputStream in = Files.newInputStream(coordinatesFile)) {
            stack.load(in);
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer(stack.getProperty("kafka.bootstrap.servers"));
                SqsClient sqs = sqs(stack)) {
            List<TopicPartition> partitions = partitions(consumer, Topics.ALERTS);
            partitions.addAll(partitions(consumer, Topics.INGEST_DLQ));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            String queueUrl = stack.getProperty("ingest.queue.url");
            for (String sample : Samples.TOUR) {
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Samples.fresh(sample, Instant.now())));
                console.printf("sent %s%n", sample);
            }
            console.printf("%nWaiting for alerts and dead letters...%n");
            int alerts = 0;
            int deadLetters = 0;
            long lastRecord = System.nanoTime();
            long deadline = System.nanoTime() + AT_MOST.toNanos();
            while (System.nanoTime() < deadline && System.nanoTime() - lastRecord < QUIET.toNanos()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    lastRecord = System.nanoTime();
                    if (record.topic().equals(Topics.ALERTS)) {
                        Alert alert = ContractJson.read(record.value(), Alert.class);
                        console.printf("[alert] %-8s %-22s %s%n", alert.severity(), alert.ruleId(), alert.summary());
                        alerts++;
                    } else {
                        DeadLetter deadLetter = ContractJson.read(record.value(), DeadLetter.class);
                        console.printf("[dead letter] %s: %s%n", deadLetter.reason(), deadLetter.detail());
                        deadLetters++;
                    }
                }
            }
            console.printf("%n%d samples sent: %d alerts, %d dead letters. Notifications show in the bin/vigil-local"
                    + " console; evidence in the audit API.%n", Samples.TOUR.size(), alerts, deadLetters);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        return new ArrayList<>(consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    private static SqsClient sqs(Properties stack) {
        return SqsClient.builder()
                .endpointOverride(URI.create(stack.getProperty("sqs.endpoint")))
                .region(Region.of(stack.getProperty("sqs.region")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        stack.getProperty("sqs.access-key-id"), stack.getProperty("sqs.secret-access-key"))))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
