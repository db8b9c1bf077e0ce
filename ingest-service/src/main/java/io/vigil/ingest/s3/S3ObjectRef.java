package io.vigil.ingest.s3;

/**
 * An S3 object a notification names.
 *
 * @param bucket the bucket name
 * @param key the object key, decoded
 */
public record S3ObjectRef(String bucket, String key) {

    /** @return {@code s3://bucket/key} */
    public String location() {
        return "s3://" + bucket + "/" + key;
    }

    /** @return what the key says the object is, by CloudTrail's documented key layout */
    public LogObjectKind kind() {
        return LogObjectKind.of(key);
    }
}
