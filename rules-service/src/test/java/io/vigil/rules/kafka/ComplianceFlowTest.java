package io.vigil.rules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contract.Alert;
import io.vigil.contract.ComplianceEvaluation;
import io.vigil.contract.ComplianceStatus;
import io.vigil.contract.ContractJson;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Severity;
import io.vigil.contract.Topics;
import io.vigil.localinfra.kafka.TopicTail;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.rules.TestEvents;
import io.vigil.rules.compliance.ComplianceStateStore;
import io.vigil.rules.model.RuleTest;
import io.vigil.rules.model.RuleTest.TestInput;
import io.vigil.rules.testing.TestInputs;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Config rules on a real broker: every evaluation goes to {@code vigil.compliance.v1}, a resource becoming
 * NON_COMPLIANT raises one alert, and the latest status is durable in the compacted state topic.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ComplianceFlowTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static final String RULE = "aws-config-restricted-ssh";
    private static final String STATE_TOPIC = "vigil.rules.compliance-state.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aGroupOpeningSshRaisesOneAlertAndEveryEvaluationIsPublishedForAudit() throws Exception {
        // Given
        String account = TestEvents.freshAccountId();
        String groupId = "sg-" + UUID.randomUUID().toString().substring(0, 8);
        String arn = "arn:aws:ec2:us-east-1:" + account + ":security-group/" + groupId;
        List<NormalizedEvent> states = List.of(
                securityGroup(account, groupId, "1", "10.0.0.0/8"),
                securityGroup(account, groupId, "2", "0.0.0.0/0"),
                securityGroup(account, groupId, "3", "0.0.0.0/0"),
                securityGroup(account, groupId, "4", "10.0.0.0/8"),
                securityGroup(account, groupId, "5", "0.0.0.0/0"));
        TopicTail alerts = TopicTail.mark(bootstrapServers, Topics.ALERTS);
        TopicTail audit = TopicTail.mark(bootstrapServers, Topics.COMPLIANCE);

        // When
        for (NormalizedEvent state : states) {
            send(account, state);
        }

        // Then
        // both security group rules evaluate each state: restricted-ssh and restricted-common-ports
        List<ComplianceEvaluation> all = audit.await(10, AT_MOST).stream()
                .filter(r -> r.key().equals(arn))
                .map(r -> ContractJson.read(r.value(), ComplianceEvaluation.class))
                .toList();
        assertThat(all).hasSize(10);
        assertThat(all).filteredOn(e -> !e.ruleId().equals(RULE)).extracting(ComplianceEvaluation::status)
                .containsOnly(ComplianceStatus.COMPLIANT);
        List<ComplianceEvaluation> evaluations = all.stream().filter(e -> e.ruleId().equals(RULE)).toList();
        assertThat(evaluations).extracting(ComplianceEvaluation::status).containsExactly(
                ComplianceStatus.COMPLIANT, ComplianceStatus.NON_COMPLIANT, ComplianceStatus.NON_COMPLIANT,
                ComplianceStatus.COMPLIANT, ComplianceStatus.NON_COMPLIANT);
        ComplianceEvaluation second = evaluations.get(1);
        assertThat(second.ruleId()).isEqualTo(RULE);
        assertThat(second.resourceType()).isEqualTo("AWS::EC2::SecurityGroup");
        assertThat(second.accountId()).isEqualTo(account);
        assertThat(second.annotation()).isEqualTo("Open to the internet: port 22 (TCP port 22 from 0.0.0.0/0).");
        assertThat(second.eventId()).isEqualTo(states.get(1).id());
        // compliant -> non-compliant twice (states 2 and 5); staying non-compliant (state 3) raises nothing
        List<Alert> raised = alerts.await(2, AT_MOST).stream()
                .map(r -> ContractJson.read(r.value(), Alert.class))
                .toList();
        assertThat(raised).extracting(Alert::ruleId).containsExactly(RULE, RULE);
        assertThat(raised).extracting(a -> a.events().getFirst().id())
                .containsExactly(states.get(1).id(), states.get(4).id());
        assertThat(raised.getFirst().severity()).isEqualTo(Severity.HIGH);
        assertThat(raised.getFirst().groupKey()).isEqualTo(arn);
        assertThat(raised.getFirst().summary()).isEqualTo("AWS::EC2::SecurityGroup " + arn + " became NON_COMPLIANT: "
                + "Open to the internet: port 22 (TCP port 22 from 0.0.0.0/0). (account " + account + ", us-east-1)");
    }

    @Test
    void theLatestStatusIsDurableAndReadBackByAFreshStore() throws Exception {
        // Given
        String account = TestEvents.freshAccountId();
        String groupId = "sg-" + UUID.randomUUID().toString().substring(0, 8);
        String arn = "arn:aws:ec2:us-east-1:" + account + ":security-group/" + groupId;
        TopicTail audit = TopicTail.mark(bootstrapServers, Topics.COMPLIANCE);
        send(account, securityGroup(account, groupId, "1", "0.0.0.0/0"));
        audit.await(2, AT_MOST);

        // When
        ComplianceStateStore restarted = new ComplianceStateStore();
        restarted.load(Map.of("bootstrap.servers", bootstrapServers), STATE_TOPIC, AT_MOST);

        // Then
        assertThat(restarted.status(RULE, arn)).isEqualTo(ComplianceStatus.NON_COMPLIANT);
        assertThat(restarted.status("aws-config-restricted-common-ports", arn)).isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(restarted.status(RULE, arn + "-other")).isNull();
    }

    /** A security group whose only inbound rule opens TCP 22 to {@code cidr}, as configuration state {@code state}. */
    private static NormalizedEvent securityGroup(String account, String groupId, String state, String cidr)
            throws IOException {
        JsonNode envelope;
        try (InputStream in = ComplianceFlowTest.class
                .getResourceAsStream("/events/config-security-group-ssh-open.json")) {
            envelope = ContractJson.mapper().readTree(in.readAllBytes());
        }
        ObjectNode item = (ObjectNode) envelope.path("detail").path("configurationItem");
        String arn = "arn:aws:ec2:us-east-1:" + account + ":security-group/" + groupId;
        item.put("ARN", arn).put("arn", arn).put("resourceId", groupId).put("awsAccountId", account)
                .put("accountId", account).put("configurationStateId", state);
        ObjectNode permission = (ObjectNode) item.path("configuration").path("ipPermissions").get(0);
        ((ObjectNode) permission.path("ipv4Ranges").get(0)).put("cidrIp", cidr);
        ((ArrayNode) permission.path("ipRanges")).removeAll().add(cidr);
        ((ObjectNode) envelope).put("account", account);
        return TestInputs.normalize(new RuleTest("sg", TestInput.EVENTBRIDGE, envelope, false, null));
    }

    private void send(String key, NormalizedEvent event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, key, ContractJson.write(event))).get(30,
                    TimeUnit.SECONDS);
        }
    }
}
