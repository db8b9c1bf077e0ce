package io.vigil.notify;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import io.vigil.localinfra.quarkus.SmtpTestResource;
import io.vigil.localinfra.quarkus.SnsTestResource;
import java.util.List;
import java.util.Map;

/**
 * The one Quarkus boot of this module: real Kafka, PostgreSQL (database {@code notify}), GreenMail, fauxqs and the
 * HTTP sink from local-infra, plus the receivers and routes of {@link ReceiversTestResource}. Every
 * {@code @QuarkusTest} here uses this profile.
 */
public class NotifyTestProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaTestResource.class),
                new TestResourceEntry(PostgresTestResource.class,
                        Map.of(PostgresTestResource.DATABASE_ARG, "notify")),
                new TestResourceEntry(SmtpTestResource.class),
                new TestResourceEntry(SnsTestResource.class),
                new TestResourceEntry(ReceiversTestResource.class));
    }
}
