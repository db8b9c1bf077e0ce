package io.vigil.audit.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An evidence export: newline-delimited JSON, one object per line. The first line is the header
 * {@code {"type":"export","version":1,"baseDigest":<seq or null>,"includesTail":<bool>}}; then digest lines
 * ({@link SignedDigest#toJson()} plus {@code "role"}: {@code base}, {@code period} or {@code later-retention}) and
 * evidence lines ({@link ChainedEvidence#toJson()}), in any order. The whole export is held in memory.
 *
 * @param base the digest before the period; null when the export starts at the beginning
 * @param digests the period's digests, in order
 * @param laterRetention retention digests made after the period
 * @param includesTail whether the evidence after the newest digest is included
 * @param records every evidence record, by chain, in seq order
 */
public record EvidenceExport(SignedDigest base, List<SignedDigest> digests, List<SignedDigest> laterRetention,
        boolean includesTail, Map<String, List<ChainedEvidence>> records) implements EvidenceSource {

    /** Digest line role: the trusted start point. */
    public static final String ROLE_BASE = "base";
    /** Digest line role: a digest of the verified period. */
    public static final String ROLE_PERIOD = "period";
    /** Digest line role: a retention digest after the period. */
    public static final String ROLE_LATER_RETENTION = "later-retention";

    /** @return the header line */
    public static ObjectNode header(Long baseDigest, boolean includesTail) {
        ObjectNode header = CanonicalJson.mapper().createObjectNode();
        header.put("type", "export");
        header.put("version", 1);
        header.put("baseDigest", baseDigest);
        header.put("includesTail", includesTail);
        return header;
    }

    /** @return a digest line */
    public static ObjectNode digestLine(SignedDigest digest, String role) {
        ObjectNode line = digest.toJson();
        line.put("role", role);
        return line;
    }

    /** @return one line of JSON text, without the newline */
    public static String line(JsonNode json) {
        try {
            return CanonicalJson.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write an export line: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads an export.
     *
     * @throws IllegalArgumentException naming the line number when a line is not valid
     */
    public static EvidenceExport read(Reader reader) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        SignedDigest base = null;
        List<SignedDigest> digests = new ArrayList<>();
        List<SignedDigest> later = new ArrayList<>();
        Map<String, List<ChainedEvidence>> records = new TreeMap<>();
        Boolean includesTail = null;
        int number = 0;
        for (String text = lines.readLine(); text != null; text = lines.readLine()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonNode json = CanonicalJson.parse(text);
                String type = Json.requiredText(json, "type");
                switch (type) {
                    case "export" -> includesTail = json.path("includesTail").asBoolean(false);
                    case "digest" -> {
                        SignedDigest digest = SignedDigest.fromJson(json);
                        switch (Json.requiredText(json, "role")) {
                            case ROLE_BASE -> base = digest;
                            case ROLE_PERIOD -> digests.add(digest);
                            case ROLE_LATER_RETENTION -> later.add(digest);
                            default -> throw new IllegalArgumentException("unknown digest role " + json.get("role"));
                        }
                    }
                    case "evidence" -> {
                        ChainedEvidence evidence = ChainedEvidence.fromJson(json);
                        records.computeIfAbsent(evidence.link().chain(), chain -> new ArrayList<>()).add(evidence);
                    }
                    default -> throw new IllegalArgumentException("unknown line type '" + type + "'");
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("Line " + number + " is not a valid export line: "
                        + e.getMessage(), e);
            }
        }
        if (includesTail == null) {
            throw new IllegalArgumentException("The export has no header line ({\"type\":\"export\",...})");
        }
        digests.sort(Comparator.comparingLong(signed -> signed.digest().seq()));
        later.sort(Comparator.comparingLong(signed -> signed.digest().seq()));
        records.values().forEach(chain -> chain.sort(Comparator.comparingLong(evidence -> evidence.link().seq())));
        return new EvidenceExport(base, digests, later, includesTail, records);
    }

    /** @return the report of verifying this export with the trusted keys */
    public VerificationReport verify(Map<String, java.security.PublicKey> keys) {
        return new ChainVerifier(keys, this).verify(base, digests, laterRetention, includesTail);
    }

    @Override
    public Set<String> chains() {
        return records.keySet();
    }

    @Override
    public Iterator<ChainedEvidence> records(String chain, long afterSeq, long throughSeq) {
        return records.getOrDefault(chain, List.of()).stream()
                .filter(evidence -> evidence.link().seq() > afterSeq && evidence.link().seq() <= throughSeq)
                .iterator();
    }
}
