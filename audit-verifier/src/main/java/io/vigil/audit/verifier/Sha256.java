package io.vigil.audit.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, written as 64 lowercase hexadecimal digits, the form every hash in the evidence formats takes. */
public final class Sha256 {

    /** The all-zero hash: the previous hash of a chain's first link and of the first digest. */
    public static final String ZERO = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    /** @return the hex SHA-256 of the bytes */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(digest().digest(bytes));
    }

    /** @return the hex SHA-256 of the concatenation of the two hashes' 32 raw bytes each */
    public static String ofPair(String firstHex, String secondHex) {
        MessageDigest digest = digest();
        digest.update(raw(firstHex));
        digest.update(raw(secondHex));
        return HEX.formatHex(digest.digest());
    }

    /** @return true when the text is 64 lowercase hexadecimal digits */
    public static boolean isHash(String text) {
        return text != null && text.length() == 64 && text.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f'));
    }

    private static byte[] raw(String hex) {
        if (!isHash(hex)) {
            throw new IllegalArgumentException("Not a SHA-256 hash in lowercase hex: " + hex);
        }
        return HEX.parseHex(hex);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
