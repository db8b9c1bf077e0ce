package io.vigil.sigma;

import java.util.Locale;

/** The Sigma value modifiers this library implements ({@code field|contains|all}). */
enum Modifier {
    CONTAINS, STARTSWITH, ENDSWITH, ALL, CASED, NEQ, // text
    RE, I, M, S, // regular expressions and their flags
    CIDR, EXISTS, FIELDREF, BASE64, BASE64OFFSET, WINDASH, // other value tests and transformations
    GT, GTE, LT, LTE; // numeric comparisons

    /** The modifier spelled as in Sigma, or null if this library does not know it. */
    static Modifier fromYaml(String name) {
        for (Modifier modifier : values()) {
            if (modifier.name().toLowerCase(Locale.ROOT).equals(name)) {
                return modifier;
            }
        }
        return null;
    }

    String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
