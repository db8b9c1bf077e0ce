package io.vigil.rules.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Like the AWS managed rules {@code restricted-ssh} (port 22) and {@code restricted-common-ports} (by default 20,
 * 21, 3389, 3306 and 4333): no inbound rule may open one of the ports over TCP, or all traffic (protocol
 * {@code -1}), to {@code 0.0.0.0/0} or {@code ::/0}.
 *
 * @param ports the blocked ports
 */
record RestrictedPortsCheck(List<Integer> ports) implements ResourceCheck {

    /** Ports {@code restricted-common-ports} blocks by default. */
    static final List<Integer> COMMON_PORTS = List.of(20, 21, 3389, 3306, 4333);

    RestrictedPortsCheck {
        ports = List.copyOf(ports);
    }

    @Override
    public String resourceType() {
        return "AWS::EC2::SecurityGroup";
    }

    @Override
    public Verdict check(ConfigurationItem item) {
        List<String> open = new ArrayList<>();
        for (int port : ports) {
            for (String permission : OpenIngress.openTo(item, port)) {
                String finding = "port " + port + " (" + permission + ")";
                open.add(finding);
            }
        }
        if (open.isEmpty()) {
            return Verdict.compliant("No inbound rule opens port(s) " + ports + " to the internet.");
        }
        return Verdict.nonCompliant("Open to the internet: " + String.join("; ", open) + ".");
    }
}
