package io.vigil.notify;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Topics;
import io.vigil.localinfra.fauxqs.LocalFauxqs;
import io.vigil.localinfra.smtp.LocalSmtp;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** What the Quarkus tests do to and read from the real servers: publish alerts, read mail and SNS envelopes. */
public final class NotifyTestClients {

    private static final ObjectMapper JSON = ContractJson.mapper();

    private NotifyTestClients() {
    }

    /** Publishes an alert to {@code vigil.alerts.v1}, keyed by fingerprint, and waits for the broker's ack. */
    public static void publish(String bootstrapServers, Alert alert) {
        publishRaw(bootstrapServers, alert.fingerprint(), ContractJson.write(alert));
    }

    /** Publishes alerts with one producer, so they arrive together, and waits for the broker's acks. */
    public static void publishAll(String bootstrapServers, List<Alert> alerts) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (Alert alert : alerts) {
                acks.add(producer.send(new ProducerRecord<>(Topics.ALERTS, alert.fingerprint(),
                        ContractJson.write(alert))));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish to " + Topics.ALERTS, e);
        }
    }

    /** Publishes arbitrary bytes to {@code vigil.alerts.v1} and waits for the broker's ack. */
    public static void publishRaw(String bootstrapServers, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.ALERTS, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish to " + Topics.ALERTS, e);
        }
    }

    /** @return the mails to {@code recipient} whose text part mentions {@code alertId} */
    public static List<MimeMessage> mailsAbout(String recipient, String alertId) {
        return LocalSmtp.shared().receivedMessagesTo(recipient).stream()
                .filter(message -> part(message, "text/plain").contains(alertId))
                .toList();
    }

    /** @return the decoded content of the first part of a MIME type, or "" when there is none */
    public static String part(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    String content = part(child, mimeType);
                    if (!content.isEmpty()) {
                        return content;
                    }
                }
            }
            return "";
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the subscribed queue until an SNS envelope whose message names {@code alertId} arrived, then a second
     * longer to see that no other does; deletes what it matched.
     *
     * @return the matching envelopes
     */
    public static List<JsonNode> snsEnvelopesAbout(String alertId, Duration atMost) {
        LocalFauxqs fauxqs = LocalFauxqs.shared();
        String queueUrl = fauxqs.createQueue(ReceiversTestResource.QUEUE);
        List<JsonNode> found = new ArrayList<>();
        try (SqsClient sqs = fauxqs.sqsClient()) {
            await().atMost(atMost).until(() -> {
                found.addAll(receive(sqs, queueUrl, alertId));
                return !found.isEmpty();
            });
            long settleUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < settleUntil) {
                found.addAll(receive(sqs, queueUrl, alertId));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable SNS envelope", e);
        }
        return found;
    }

    private static List<JsonNode> receive(SqsClient sqs, String queueUrl, String alertId) throws IOException {
        List<JsonNode> matching = new ArrayList<>();
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(0).visibilityTimeout(0)).messages();
        for (Message message : messages) {
            JsonNode envelope = JSON.readTree(message.body());
            JsonNode notification = JSON.readTree(envelope.path("Message").asText());
            if (alertId.equals(notification.path("alertId").asText())) {
                matching.add(envelope);
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return matching;
    }
}
