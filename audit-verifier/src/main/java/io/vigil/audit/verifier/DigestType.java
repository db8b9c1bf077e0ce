package io.vigil.audit.verifier;

import java.util.Arrays;

/** Why a digest was made. */
public enum DigestType {

    /** Made every digest interval, even when no evidence arrived: the chains' heads at the end of the period. */
    PERIODIC("periodic"),
    /** Made when retention removed old evidence: per chain, the removed range and the hash of its last link. */
    RETENTION("retention");

    private final String wireName;

    DigestType(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name in the digest document */
    public String wireName() {
        return wireName;
    }

    /** @return the type of that wire name */
    public static DigestType fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown digest type '" + name + "'"));
    }
}
