package io.vigil.localinfra.quarkus;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.localinfra.fauxqs.LocalFauxqs;

/**
 * Points a {@code @QuarkusTest}'s SNS and S3 clients at the JVM's shared {@link LocalFauxqs}.
 *
 * <p>Returns, for {@code <c>} in {@code sns} and {@code s3}: {@code quarkus.<c>.endpoint-override},
 * {@code quarkus.<c>.aws.region}, {@code quarkus.<c>.aws.credentials.type=static},
 * {@code quarkus.<c>.aws.credentials.static-provider.access-key-id} / {@code .secret-access-key}; plus
 * {@code quarkus.s3.path-style-access=true}. It does not touch {@code quarkus.sqs.*} (that is
 * {@link SqsTestResource}'s); to read what a topic delivered, a test creates a fauxqs queue and subscribes it with
 * {@code LocalFauxqs.shared().createQueue(..)} / {@code subscribeQueue(..)} and polls it with
 * {@code LocalFauxqs.shared().sqsClient()}. {@link #stop()} leaves the process running; a JVM shutdown hook stops it.
 */
public final class SnsTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalFauxqs fauxqs = LocalFauxqs.shared();
        Map<String, String> config = new HashMap<>();
        for (String client : new String[]{"sns", "s3"}) {
            String prefix = "quarkus." + client + ".";
            config.put(prefix + "endpoint-override", fauxqs.endpoint());
            config.put(prefix + "aws.region", fauxqs.region());
            config.put(prefix + "aws.credentials.type", "static");
            config.put(prefix + "aws.credentials.static-provider.access-key-id", fauxqs.accessKeyId());
            config.put(prefix + "aws.credentials.static-provider.secret-access-key", fauxqs.secretAccessKey());
        }
        config.put("quarkus.s3.path-style-access", "true");
        return Map.copyOf(config);
    }

    @Override
    public void stop() {
        // The shared process outlives this test class; the JVM shutdown hook stops it.
    }
}
