package io.vigil.rules.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a security group's inbound permissions from its configuration item and finds those open to the whole
 * internet ({@code 0.0.0.0/0} or {@code ::/0}) on a TCP port.
 */
final class OpenIngress {

    private OpenIngress() {
    }

    /** @return one description per permission open to the internet on {@code port} over TCP (or all protocols) */
    static List<String> openTo(ConfigurationItem item, int port) {
        List<String> open = new ArrayList<>();
        for (JsonNode permission : item.configuration().path("ipPermissions")) {
            String protocol = permission.path("ipProtocol").asText("");
            boolean allProtocols = protocol.equals("-1");
            boolean tcp = protocol.equalsIgnoreCase("tcp") || protocol.equals("6");
            if (!allProtocols && !tcp) {
                continue;
            }
            if (!allProtocols && !covers(permission, port)) {
                continue;
            }
            for (String range : worldRanges(permission)) {
                open.add((allProtocols ? "all traffic" : "TCP " + portRange(permission)) + " from " + range);
            }
        }
        return open;
    }

    private static boolean covers(JsonNode permission, int port) {
        JsonNode from = permission.path("fromPort");
        JsonNode to = permission.path("toPort");
        if (!from.canConvertToInt() || !to.canConvertToInt()) {
            return true; // no ports on a TCP rule means every port
        }
        return from.asInt() <= port && port <= to.asInt();
    }

    private static String portRange(JsonNode permission) {
        int from = permission.path("fromPort").asInt(0);
        int to = permission.path("toPort").asInt(65535);
        return from == to ? "port " + from : "ports " + from + "-" + to;
    }

    private static List<String> worldRanges(JsonNode permission) {
        List<String> ranges = new ArrayList<>();
        for (JsonNode range : permission.path("ipv4Ranges")) {
            if ("0.0.0.0/0".equals(range.path("cidrIp").asText())) {
                ranges.add("0.0.0.0/0");
            }
        }
        for (JsonNode range : permission.path("ipRanges")) {
            if ("0.0.0.0/0".equals(range.asText()) && !ranges.contains("0.0.0.0/0")) {
                ranges.add("0.0.0.0/0");
            }
        }
        for (JsonNode range : permission.path("ipv6Ranges")) {
            if ("::/0".equals(range.path("cidrIpv6").asText())) {
                ranges.add("::/0");
            }
        }
        return ranges;
    }
}
