package io.vigil.ingest.s3;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** How CloudTrail log files are read from S3. */
@ConfigMapping(prefix = "vigil.ingest.s3")
public interface S3Config {

    /** Largest log or digest file accepted, after decompression; larger ones go to the dead-letter topic. */
    @WithDefault("64M")
    MemorySize maxObjectSize();

    /** The S3 region; the default AWS region chain when absent. */
    Optional<String> region();

    /** An S3-compatible endpoint (local runs and tests); AWS's endpoint when absent. */
    Optional<URI> endpointOverride();

    /** Path-style access ({@code endpoint/bucket/key}), needed by most S3-compatible servers. */
    @WithDefault("false")
    boolean pathStyle();

    /** Static credentials for S3-compatible servers; the default AWS credentials chain when absent. */
    Optional<String> accessKeyId();

    /** The secret for {@link #accessKeyId()}; from the environment ({@code VIGIL_INGEST_S3_SECRET_ACCESS_KEY}). */
    Optional<String> secretAccessKey();
}
