package io.vigil.contract;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Derives message ids from what identifies the message, so producing the same message twice yields the same id
 * and consumers can de-duplicate on it.
 */
public final class StableIds {

    private StableIds() {
    }

    /**
     * @param parts the identifying values, in a fixed order; none may contain a NUL character
     * @return a name-based (version 3) UUID of the parts joined by NUL
     */
    public static String of(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
