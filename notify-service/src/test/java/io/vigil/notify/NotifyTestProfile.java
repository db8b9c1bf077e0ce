package io.vigil.notify;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.SmtpTestResource;
import io.vigil.localinfra.quarkus.SnsTestResource;
import java.util.List;

/**
 * The one Quarkus boot of this module: real Kafka, GreenMail and fauxqs from local-infra, plus the receivers and
 * route of {@link ReceiversTestResource}. Every {@code @QuarkusTest} here uses this profile.
 */
public class NotifyTestProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaTestResource.class),
                new TestResourceEntry(SmtpTestResource.class),
                new TestResourceEntry(SnsTestResource.class),
                new TestResourceEntry(ReceiversTestResource.class));
    }
}
