package io.vigil.localinfra.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vigil.localinfra.fauxqs.LocalFauxqs;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.postgres.LocalPostgres;
import io.vigil.localinfra.smtp.LocalSmtp;
import io.vigil.localinfra.sqs.LocalSqs;

class TestResourcesTest {

    @Test
    void kafkaResourceReturnsTheSharedBootstrapServers() {
        // When
        Map<String, String> config = new KafkaTestResource().start();

        // Then
        assertThat(config).containsExactly(entry("kafka.bootstrap.servers", LocalKafka.shared().bootstrapServers()));
    }

    @Test
    void postgresResourceCreatesTheDatabaseNamedByItsInitArgument() {
        // Given
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of("database", "notify_test"));

        // When
        Map<String, String> config = resource.start();

        // Then
        LocalPostgres postgres = LocalPostgres.shared();
        assertThat(config).containsOnly(
                entry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/notify_test"),
                entry("quarkus.datasource.username", "postgres"),
                entry("quarkus.datasource.password", "postgres"));
    }

    @Test
    void postgresResourceDefaultsToTheVigilDatabase() {
        // Given
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of());

        // When
        Map<String, String> config = resource.start();

        // Then
        assertThat(config.get("quarkus.datasource.jdbc.url")).isEqualTo(LocalPostgres.shared().jdbcUrl("vigil"));
    }

    @Test
    void sqsResourceReturnsTheElasticMqEndpointAndStaticCredentials() {
        // When
        Map<String, String> config = new SqsTestResource().start();

        // Then
        LocalSqs sqs = LocalSqs.shared();
        assertThat(config).containsOnly(
                entry("quarkus.sqs.endpoint-override", sqs.endpoint()),
                entry("quarkus.sqs.aws.region", "us-east-1"),
                entry("quarkus.sqs.aws.credentials.type", "static"),
                entry("quarkus.sqs.aws.credentials.static-provider.access-key-id", sqs.accessKeyId()),
                entry("quarkus.sqs.aws.credentials.static-provider.secret-access-key", sqs.secretAccessKey()));
    }

    @Test
    void snsResourceReturnsFauxqsForSnsAndPathStyleS3() {
        // When
        Map<String, String> config = new SnsTestResource().start();

        // Then
        LocalFauxqs fauxqs = LocalFauxqs.shared();
        assertThat(config).containsOnly(
                entry("quarkus.sns.endpoint-override", fauxqs.endpoint()),
                entry("quarkus.sns.aws.region", "us-east-1"),
                entry("quarkus.sns.aws.credentials.type", "static"),
                entry("quarkus.sns.aws.credentials.static-provider.access-key-id", fauxqs.accessKeyId()),
                entry("quarkus.sns.aws.credentials.static-provider.secret-access-key", fauxqs.secretAccessKey()),
                entry("quarkus.s3.endpoint-override", fauxqs.endpoint()),
                entry("quarkus.s3.aws.region", "us-east-1"),
                entry("quarkus.s3.aws.credentials.type", "static"),
                entry("quarkus.s3.aws.credentials.static-provider.access-key-id", fauxqs.accessKeyId()),
                entry("quarkus.s3.aws.credentials.static-provider.secret-access-key", fauxqs.secretAccessKey()),
                entry("quarkus.s3.path-style-access", "true"));
    }

    @Test
    void smtpResourceReturnsTheGreenMailAddressAndARealMailer() {
        // When
        Map<String, String> config = new SmtpTestResource().start();

        // Then
        assertThat(config).containsOnly(
                entry("quarkus.mailer.host", "127.0.0.1"),
                entry("quarkus.mailer.port", Integer.toString(LocalSmtp.shared().port())),
                entry("quarkus.mailer.mock", "false"),
                entry("quarkus.mailer.from", "vigil@localhost"),
                entry("quarkus.mailer.start-tls", "DISABLED"));
    }
}
