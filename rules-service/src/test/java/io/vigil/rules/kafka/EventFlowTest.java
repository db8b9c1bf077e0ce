package io.vigil.rules.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Severity;
import io.vigil.contract.StableIds;
import io.vigil.contract.Topics;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.rules.SigmaCorpus;
import io.vigil.rules.TestEvents;
import io.vigil.rules.engine.RuleEngine;
import io.vigil.rules.model.Rule;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The service on a real broker: events in on {@code vigil.events.v1}, alerts out on {@code vigil.alerts.v1}. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class EventFlowTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static final String CLOUDTRAIL_RULE = "cis-aws-cloudwatch-5";
    /** Stop-logging fires the CIS rule and the Sigma rule for the same detection, one alert each. */
    private static final List<String> STOP_LOGGING_RULES = List.of(CLOUDTRAIL_RULE,
            SigmaCorpus.AWS_CLOUDTRAIL_DISABLE_LOGGING);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MeterRegistry registry;

    @Inject
    RuleEngine engine;

    @Test
    void stopLoggingRaisesTheCloudTrailAlertKeyedByItsFingerprint() throws Exception {
        // Given
        String account = TestEvents.freshAccountId();
        NormalizedEvent event = TestEvents.sample(TestEvents.STOP_LOGGING, account);
        TopicTail alerts = TopicTail.mark(bootstrapServers, Topics.ALERTS);
        double alertsBefore = count(EventConsumer.ALERTS, "rule", CLOUDTRAIL_RULE);

        // When
        send(account, ContractJson.write(event));

        // Then
        List<ConsumerRecord<String, byte[]>> records = alerts.await(2, AT_MOST);
        assertThat(records).extracting(r -> ContractJson.read(r.value(), Alert.class).ruleId())
                .containsExactlyInAnyOrderElementsOf(STOP_LOGGING_RULES);
        ConsumerRecord<String, byte[]> record = cisAlert(records);
        Alert alert = ContractJson.read(record.value(), Alert.class);
        String groupKey = account + ":arn:aws:iam::" + account + ":user/alice";
        String fingerprint = StableIds.of(CLOUDTRAIL_RULE, groupKey);
        assertThat(record.key()).isEqualTo(fingerprint);
        assertThat(alert.producedAt()).isNotNull();
        assertThat(alert).isEqualTo(new Alert(1,
                StableIds.of(CLOUDTRAIL_RULE, event.id()),
                alert.producedAt(),
                fingerprint,
                CLOUDTRAIL_RULE,
                "CloudTrail configuration changed",
                "cloudwatch-filter",
                Severity.HIGH,
                List.of("SecurityHub:CloudWatch.5", "CIS-AWS-1.2:3.5", "CIS-AWS-1.4:4.5", "CIS-AWS-3.0:4.5"),
                List.of("cis", "aws", "cloudtrail", "logging"),
                groupKey,
                "arn:aws:iam::" + account + ":user/alice called cloudtrail.amazonaws.com StopLogging on "
                        + "arn:aws:cloudtrail:us-east-1:" + account + ":trail/main from 203.0.113.7 in account "
                        + account + " (us-east-1)",
                account,
                "us-east-1",
                event.time(),
                event.time(),
                1,
                List.of(event),
                0,
                "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-5"));
        assertThat(count(EventConsumer.ALERTS, "rule", CLOUDTRAIL_RULE)).isEqualTo(alertsBefore + 1);
    }

    @Test
    void describeInstancesByAnAssumedRoleRaisesOnlyTheSigmaAssumedRoleAlert() throws Exception {
        // Given
        String account = TestEvents.freshAccountId();
        NormalizedEvent readOnly = TestEvents.sample(TestEvents.DESCRIBE_INSTANCES, account);
        NormalizedEvent marker = TestEvents.sample(TestEvents.STOP_LOGGING, account);
        TopicTail alerts = TopicTail.mark(bootstrapServers, Topics.ALERTS);

        // When
        send(account, ContractJson.write(readOnly));
        send(account, ContractJson.write(marker));

        // Then
        // events of one account are processed in order, so once the marker's alerts are there, all are
        List<Alert> raised = alerts.await(3, AT_MOST).stream()
                .map(r -> ContractJson.read(r.value(), Alert.class))
                .toList();
        assertThat(raised).filteredOn(a -> a.events().getFirst().id().equals(readOnly.id()))
                .extracting(Alert::ruleId).containsExactly(SigmaCorpus.AWS_STS_ASSUMEROLE_MISUSE);
        assertThat(raised).filteredOn(a -> a.events().getFirst().id().equals(marker.id()))
                .extracting(Alert::ruleId).containsExactlyInAnyOrderElementsOf(STOP_LOGGING_RULES);
    }

    @Test
    void aRecordThatIsNotJsonIsSkippedAndTheNextEventStillRaisesItsAlert() throws Exception {
        // Given
        String account = TestEvents.freshAccountId();
        NormalizedEvent next = TestEvents.sample(TestEvents.STOP_LOGGING, account);
        TopicTail alerts = TopicTail.mark(bootstrapServers, Topics.ALERTS);
        double skippedBefore = count(EventConsumer.SKIPPED, "reason", EventConsumer.REASON_NOT_AN_EVENT);

        // When
        send(account, "this is not JSON {".getBytes(StandardCharsets.UTF_8));
        send(account, ContractJson.write(next));

        // Then
        List<ConsumerRecord<String, byte[]>> records = alerts.await(2, AT_MOST);
        assertThat(cisAlert(records).key())
                .isEqualTo(StableIds.of(CLOUDTRAIL_RULE, account + ":arn:aws:iam::" + account + ":user/alice"));
        assertThat(ContractJson.read(records.getFirst().value(), Alert.class).events())
                .extracting(NormalizedEvent::id).containsExactly(next.id());
        assertThat(count(EventConsumer.SKIPPED, "reason", EventConsumer.REASON_NOT_AN_EVENT))
                .isEqualTo(skippedBefore + 1);
    }

    @Test
    void aTombstoneIsSkippedAndTheNextEventStillRaisesItsAlert() throws Exception {
        // Given
        String account = TestEvents.freshAccountId();
        NormalizedEvent next = TestEvents.sample(TestEvents.STOP_LOGGING, account);
        TopicTail alerts = TopicTail.mark(bootstrapServers, Topics.ALERTS);
        double skippedBefore = count(EventConsumer.SKIPPED, "reason", EventConsumer.REASON_NULL_VALUE);
        double notAnEventBefore = count(EventConsumer.SKIPPED, "reason", EventConsumer.REASON_NOT_AN_EVENT);

        // When
        send(account, null);
        send(account, ContractJson.write(next));

        // Then
        List<ConsumerRecord<String, byte[]>> records = alerts.await(2, AT_MOST);
        assertThat(ContractJson.read(records.getFirst().value(), Alert.class).events())
                .extracting(NormalizedEvent::id).containsExactly(next.id());
        assertThat(count(EventConsumer.SKIPPED, "reason", EventConsumer.REASON_NULL_VALUE))
                .isEqualTo(skippedBefore + 1);
        assertThat(count(EventConsumer.SKIPPED, "reason", EventConsumer.REASON_NOT_AN_EVENT))
                .isEqualTo(notAnEventBefore);
    }

    @Test
    void theServiceLoadsTheSigmaRulesOfItsConfiguredDirectoryWithTheBuiltInPacks() {
        // Given: vigil.rules.sigma.directories=../shared/sigma-aws/rules in the test profile

        // When
        List<Rule> sigma = engine.rules().stream().filter(r -> r.dialect().equals("sigma")).toList();

        // Then
        assertThat(sigma).hasSize(57).allMatch(r -> r.id().startsWith("sigma-") && r.tags().contains("sigma"));
        assertThat(engine.rules()).hasSize(80);
    }

    @Test
    void healthIsUpAndMetricsAreExposed() {
        // Given
        String readiness = "/q/health/ready";

        // When
        var response = given().when().get(readiness);

        // Then
        response.then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_rules_evaluations_total"));
    }

    private void send(String key, byte[] value) throws InterruptedException, ExecutionException, TimeoutException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static ConsumerRecord<String, byte[]> cisAlert(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .filter(r -> ContractJson.read(r.value(), Alert.class).ruleId().equals(CLOUDTRAIL_RULE))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + CLOUDTRAIL_RULE + " alert among " + records.size()));
    }

    private double count(String name, String tag, String value) {
        Counter counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
