package io.vigil.localinfra.run;

import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.postgres.LocalPostgres;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings of a notify-service process (see {@link ServiceProcess}) that routes every alert to one webhook
 * receiver on this machine, over plain HTTP, with the local Kafka broker and its own PostgreSQL database: the set-up
 * the notify restart test and the notify benchmark share. Callers add what their scenario needs (timeouts, leases) to
 * the returned mutable map, and always the webhook's signing: notify-service refuses to start a webhook receiver
 * without {@code webhook.secret} (or an explicit {@code webhook.unsigned=true}).
 */
public final class NotifyWebhookSettings {

    private NotifyWebhookSettings() {
    }

    /**
     * @param jdbcUrl the notify database ({@link LocalPostgres#ensureDatabase})
     * @param receiver the webhook receiver's name
     * @param url where the webhook posts
     * @param tokens the key pair whose public key verifies API tokens
     * @return a mutable map of the settings
     */
    public static Map<String, String> of(LocalKafka kafka, LocalPostgres postgres, String jdbcUrl, String receiver,
            String url, AuditTokens tokens) {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("vigil.notify.topics.replication-factor", "1");
        properties.put("vigil.notify.topics.min-insync-replicas", "1");
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
        properties.put("quarkus.datasource.username", postgres.username());
        properties.put("quarkus.datasource.password", postgres.password());
        // no SNS receiver is configured, but the SNS client is built at start-up and needs a region and credentials
        properties.put("quarkus.sns.aws.region", "us-east-1");
        properties.put("quarkus.sns.aws.credentials.type", "static");
        properties.put("quarkus.sns.aws.credentials.static-provider.access-key-id", "local");
        properties.put("quarkus.sns.aws.credentials.static-provider.secret-access-key", "local");
        properties.put("quarkus.log.console.json.enabled", "false");
        properties.put("vigil.notify.receivers." + receiver + ".kind", "webhook");
        properties.put("vigil.notify.receivers." + receiver + ".webhook.url", url);
        properties.put("vigil.notify.route.receivers", receiver);
        properties.put("vigil.notify.http.allowed-schemes", "http");
        properties.put("vigil.notify.http.allow-loopback", "true");
        properties.put("mp.jwt.verify.publickey.location", tokens.publicKeyPem().toString());
        properties.put("mp.jwt.verify.issuer", AuditTokens.ISSUER);
        return properties;
    }
}
