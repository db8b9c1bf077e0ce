package io.vigil.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.localinfra.fauxqs.LocalFauxqs;
import java.util.Map;

/** Points the service's S3 reader at the JVM's shared fauxqs (an S3 emulator), path-style. */
public final class IngestS3TestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalFauxqs fauxqs = LocalFauxqs.shared();
        return Map.of(
                "vigil.ingest.s3.endpoint-override", fauxqs.endpoint(),
                "vigil.ingest.s3.region", fauxqs.region(),
                "vigil.ingest.s3.path-style", "true",
                "vigil.ingest.s3.access-key-id", fauxqs.accessKeyId(),
                "vigil.ingest.s3.secret-access-key", fauxqs.secretAccessKey());
    }

    @Override
    public void stop() {
        // the shared fauxqs process stops at JVM exit
    }
}
