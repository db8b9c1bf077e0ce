package io.vigil.notify;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.localinfra.LocalInfraException;
import io.vigil.localinfra.fauxqs.LocalFauxqs;
import io.vigil.localinfra.http.LocalHttpSink;
import io.vigil.localinfra.http.Reply;
import io.vigil.localinfra.run.AuditTokens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Configures the receivers and routes of the tests, exactly as {@code -D} system properties would in production:
 * the routing file {@code routing/test-routing.yaml}; e-mail and SNS receivers (the SNS topic has a subscribed
 * fauxqs queue the tests read); Slack, Teams, PagerDuty and webhook receivers pointing at paths of the shared
 * {@link LocalHttpSink}; {@code broken-sns}, whose topic does not exist, configured but on no route.
 */
public class ReceiversTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOPIC = "vigil-notify-test-alerts";
    public static final String QUEUE = "vigil-notify-test-alerts-subscriber";
    /** The FIFO topic of the {@code security-sns-fifo} receiver (message group by account). */
    public static final String FIFO_TOPIC = "vigil-notify-test-alerts.fifo";
    /** The FIFO queue subscribed to {@link #FIFO_TOPIC}. */
    public static final String FIFO_QUEUE = "vigil-notify-test-alerts-subscriber.fifo";
    public static final String MISSING_TOPIC_ARN = "arn:aws:sns:us-east-1:000000000000:vigil-notify-test-missing";
    public static final String RECIPIENT = "secops@example.test";
    /** Recipient of the {@code custom-email} receiver, whose HTML part has its own template. */
    public static final String CUSTOM_RECIPIENT = "cloud-team@example.test";
    /** The HTML template of the {@code custom-email} receiver. */
    public static final String CUSTOM_HTML_TEMPLATE = "<div class=\"cloud-team\"><h1>Cloud team: {m.headline}</h1>"
            + "{#for n in m.alerts}<p>{n.alertId}: {n.summary}</p>{/for}</div>";
    public static final String WEBHOOK_SECRET = "test-webhook-secret-0123456789";
    public static final String ROUTING_KEY = "R0UT1NGKEY0000000000000000000000";

    @Override
    public Map<String, String> start() {
        LocalFauxqs fauxqs = LocalFauxqs.shared();
        String topicArn = fauxqs.createTopic(TOPIC);
        fauxqs.subscribeQueue(topicArn, fauxqs.createQueue(QUEUE));
        String fifoTopicArn;
        try (SnsClient sns = fauxqs.snsClient(); SqsClient sqs = fauxqs.sqsClient()) {
            fifoTopicArn = sns.createTopic(r -> r.name(FIFO_TOPIC).attributes(Map.of("FifoTopic", "true")))
                    .topicArn();
            fauxqs.subscribeQueue(fifoTopicArn, sqs.createQueue(r -> r.queueName(FIFO_QUEUE)
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl());
        }
        LocalHttpSink sink = LocalHttpSink.shared();
        sink.defaultReply("/pagerduty", Reply.status(202));
        sink.defaultReply("/pager", Reply.status(202));
        Map<String, String> config = new HashMap<>();
        config.put("vigil.notify.route.file", routingFile().toString());
        config.put("vigil.notify.receivers.security-email.kind", "email");
        config.put("vigil.notify.receivers.security-email.email.to", RECIPIENT);
        config.put("vigil.notify.receivers.custom-email.kind", "email");
        config.put("vigil.notify.receivers.custom-email.email.to", CUSTOM_RECIPIENT);
        config.put("vigil.notify.receivers.custom-email.email.html-template", CUSTOM_HTML_TEMPLATE);
        config.put("vigil.notify.receivers.security-sns.kind", "sns");
        config.put("vigil.notify.receivers.security-sns.sns.topic-arn", topicArn);
        config.put("vigil.notify.receivers.security-sns.sns.attributes.team", "secops");
        config.put("vigil.notify.receivers.security-sns-fifo.kind", "sns");
        config.put("vigil.notify.receivers.security-sns-fifo.sns.topic-arn", fifoTopicArn);
        config.put("vigil.notify.receivers.security-sns-fifo.sns.message-group-by", "account");
        config.put("vigil.notify.receivers.security-sns-fifo.sns.attributes.team", "secops");
        config.put("vigil.notify.receivers.broken-sns.kind", "sns");
        config.put("vigil.notify.receivers.broken-sns.sns.topic-arn", MISSING_TOPIC_ARN);
        config.put("vigil.notify.receivers.slack.kind", "slack");
        config.put("vigil.notify.receivers.slack.slack.url", sink.url("/slack"));
        config.put("vigil.notify.receivers.slack.redact", "sourceIp,actorArn");
        config.put("vigil.notify.receivers.teams.kind", "teams");
        config.put("vigil.notify.receivers.teams.teams.url", sink.url("/teams"));
        config.put("vigil.notify.receivers.teams.title-template",
                "{n.lead.severity} {n.lead.ruleId} in account {n.lead.accountId}");
        config.put("vigil.notify.receivers.pagerduty.kind", "pagerduty");
        config.put("vigil.notify.receivers.pagerduty.pagerduty.url", sink.url("/pagerduty"));
        config.put("vigil.notify.receivers.pagerduty.pagerduty.routing-key", ROUTING_KEY);
        config.put("vigil.notify.receivers.pager.kind", "pagerduty");
        config.put("vigil.notify.receivers.pager.pagerduty.url", sink.url("/pager"));
        config.put("vigil.notify.receivers.pager.pagerduty.routing-key", ROUTING_KEY);
        config.put("vigil.notify.receivers.webhook.kind", "webhook");
        config.put("vigil.notify.receivers.webhook.webhook.url", sink.url("/webhook"));
        config.put("vigil.notify.receivers.webhook.webhook.secret", WEBHOOK_SECRET);
        webhook(config, sink, "webhook-grouping", "/grouping");
        webhook(config, sink, "webhook-flaky", "/flaky");
        config.put("vigil.notify.receivers.webhook-flaky.timeout", "500ms");
        webhook(config, sink, "webhook-broken", "/broken");
        webhook(config, sink, "webhook-gate", "/gate");
        webhook(config, sink, "webhook-escalation", "/escalation");
        webhook(config, sink, "webhook-bench", "/bench");
        webhook(config, sink, "webhook-narrow", "/narrow");
        webhook(config, sink, "webhook-circuit", "/circuit");
        config.put("vigil.notify.receivers.webhook-narrow.max-concurrency", "2");
        config.put("vigil.notify.escalation.receiver", "webhook-escalation");
        config.put("vigil.notify.escalation.after", "3s");
        config.put("vigil.notify.escalation.severities", "critical");
        config.put("vigil.notify.http.allowed-schemes", "http,https");
        config.put("vigil.notify.http.allow-loopback", "true");
        config.put("vigil.notify.retry.max-attempts", "6");
        config.put("vigil.notify.retry.initial-backoff", "50ms");
        config.put("vigil.notify.retry.max-backoff", "200ms");
        config.put("vigil.notify.dispatch.circuit-breaker.failure-threshold", "3");
        config.put("vigil.notify.dispatch.circuit-breaker.open-duration", "300ms");
        config.put("vigil.notify.dispatch.lease", "10s");
        AuditTokens tokens = AuditTokens.create(tempDir());
        config.put("mp.jwt.verify.publickey.location", tokens.publicKeyPem().toString());
        config.put("mp.jwt.verify.issuer", AuditTokens.ISSUER);
        config.put(NotifyApi.OPERATOR_TOKEN, tokens.mint("alice", List.of("notify-operator"), Duration.ofHours(2)));
        config.put(NotifyApi.VIEWER_TOKEN, tokens.mint("victor", List.of("notify-viewer"), Duration.ofHours(2)));
        config.put(NotifyApi.OTHER_ROLE_TOKEN, tokens.mint("eve", List.of("auditor"), Duration.ofHours(2)));
        return config;
    }

    /** A webhook receiver that sends unsigned requests (the tests of signatures use {@code webhook}). */
    private static void webhook(Map<String, String> config, LocalHttpSink sink, String name, String path) {
        config.put("vigil.notify.receivers." + name + ".kind", "webhook");
        config.put("vigil.notify.receivers." + name + ".webhook.url", sink.url(path));
        config.put("vigil.notify.receivers." + name + ".webhook.unsigned", "true");
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("vigil-notify-test-keys");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new LocalInfraException("Cannot create a directory for the test keys: " + e.getMessage(), e);
        }
    }

    private static Path routingFile() {
        try (InputStream in = ReceiversTestResource.class.getResourceAsStream("/routing/test-routing.yaml")) {
            if (in == null) {
                throw new LocalInfraException("routing/test-routing.yaml is not on the test class path");
            }
            Path file = Files.createTempFile("vigil-notify-routing", ".yaml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new LocalInfraException("Cannot write the test routing file: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        // The topic, queue and sink live in shared servers, which a JVM shutdown hook stops.
    }
}
