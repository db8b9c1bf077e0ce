package io.vigil.ingest.s3;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the objects an S3 object-created notification names, in both formats AWS delivers. */
public final class S3Notifications {

    private S3Notifications() {
    }

    /**
     * @param document an S3 event notification ({@code Records[].s3}) or an EventBridge {@code Object Created} event
     * @return the created objects; keys of the S3 event-notification format are URL-decoded as S3 documents
     */
    public static List<S3ObjectRef> createdObjects(JsonNode document) {
        List<S3ObjectRef> objects = new ArrayList<>();
        if (document.has("Records")) {
            for (JsonNode record : document.path("Records")) {
                JsonNode s3 = record.path("s3");
                String bucket = s3.path("bucket").path("name").asText(null);
                String key = s3.path("object").path("key").asText(null);
                if (record.path("eventName").asText("").startsWith("ObjectCreated") && bucket != null
                        && key != null) {
                    objects.add(new S3ObjectRef(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8)));
                }
            }
            return objects;
        }
        JsonNode detail = document.path("detail");
        String bucket = detail.path("bucket").path("name").asText(null);
        String key = detail.path("object").path("key").asText(null);
        if (bucket != null && key != null) {
            objects.add(new S3ObjectRef(bucket, key));
        }
        return objects;
    }
}
