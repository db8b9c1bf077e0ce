package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.JsonFields.requiredText;
import static io.vigil.ingest.normalize.JsonFields.requiredTime;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.StableIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forwards a CloudTrail digest file (log file integrity validation) for audit: one event of kind
 * {@value #SOURCE_KIND}, class {@link EventClass#OTHER}, whose {@code raw} is the digest document verbatim. Its log
 * files are not events. Stateless and thread-safe.
 */
@ApplicationScoped
public class CloudTrailDigestNormalizer {

    /** The {@code sourceKind} of forwarded digest files. */
    public static final String SOURCE_KIND = "aws.cloudtrail.digest";

    private static final Pattern REGION = Pattern.compile("/CloudTrail-Digest/([a-z0-9-]+)/");

    /**
     * @param digest the parsed digest file
     * @param bucket the bucket it was read from
     * @param key its key
     */
    public NormalizedEvent normalize(JsonNode digest, String bucket, String key, Origin origin, Instant producedAt) {
        String accountId = requiredText(digest, "awsAccountId", "awsAccountId");
        Instant end = requiredTime(digest, "digestEndTime", "digestEndTime");
        String location = "s3://" + bucket + "/" + key;
        Matcher region = REGION.matcher(key);
        return new NormalizedEvent(NormalizedEvent.SCHEMA_VERSION, StableIds.of(SOURCE_KIND, location), producedAt,
                SOURCE_KIND, location, EventClass.OTHER, end, accountId, region.find() ? region.group(1) : null,
                null, null, null, null,
                List.of(new ResourceRef("arn:aws:s3:::" + bucket + "/" + key, "AWS::S3::Object", key)), null,
                origin, digest);
    }
}
