package io.vigil.sigma;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR range for {@code |cidr}. */
record IpRange(byte[] network, int prefixLength) {

    /** Parses {@code 10.0.0.0/8} or {@code 2001:db8::/32}; null if the text is not a CIDR range. */
    static IpRange parse(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] address = parseAddress(slash < 0 ? cidr : cidr.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        int prefix;
        if (slash < 0) {
            prefix = bits;
        } else {
            String digits = cidr.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            prefix = Integer.parseInt(digits);
            if (prefix > bits) {
                return null;
            }
        }
        return new IpRange(address, prefix);
    }

    /**
     * The bytes of an IP address literal, or null if the text is not one. The text is checked to be a literal before
     * {@link InetAddress} sees it, so that no name is ever resolved through DNS.
     */
    static byte[] parseAddress(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return null;
        }
        boolean colon = false;
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c == '.') {
                dots++;
            } else if (Character.digit(c, 16) < 0) {
                return null;
            }
        }
        if (!colon && (dots != 3 || !isDottedQuad(text))) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }
}
