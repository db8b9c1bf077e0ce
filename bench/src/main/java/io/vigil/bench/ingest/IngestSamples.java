package io.vigil.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.ContractJson;
import io.vigil.localinfra.samples.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The documents the ingest benchmarks feed through the pipeline. */
public final class IngestSamples {

    private IngestSamples() {
    }

    /** @return a source document from this package's resources, compact */
    public static byte[] source(String name) {
        try (InputStream in = IngestSamples.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no benchmark sample " + name + ".json");
            }
            return ContractJson.write(ContractJson.read(in.readAllBytes(), JsonNode.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the CloudTrail API call envelope (StopLogging), compact: about 1 KB */
    public static byte[] cloudTrailEnvelope() {
        return ContractJson.write(ContractJson.read(Samples.read(Samples.STOP_LOGGING), JsonNode.class));
    }

    /**
     * @param count how many
     * @return distinct CloudTrail envelopes (fresh {@code eventID} each), compact, about 1 KB each
     */
    public static List<String> distinctCloudTrailEnvelopes(int count) {
        ObjectNode template = (ObjectNode) ContractJson.read(cloudTrailEnvelope(), JsonNode.class);
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode copy = template.deepCopy();
            ((ObjectNode) copy.path("detail")).put("eventID", UUID.randomUUID().toString());
            copy.put("id", UUID.randomUUID().toString());
            bodies.add(new String(ContractJson.write(copy), StandardCharsets.UTF_8));
        }
        return bodies;
    }
}
