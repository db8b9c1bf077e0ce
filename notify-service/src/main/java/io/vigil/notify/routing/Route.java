package io.vigil.notify.routing;

import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One route: the receivers that get alerts of at least a severity.
 *
 * @param receivers receiver names, in order, without duplicates
 * @param minSeverity the least severity routed
 */
record Route(List<String> receivers, Severity minSeverity) {

    Route {
        receivers = List.copyOf(new LinkedHashSet<>(receivers));
        Objects.requireNonNull(minSeverity, "minSeverity");
    }

    /**
     * A route whose receivers all exist.
     *
     * @throws IllegalArgumentException naming the first receiver that is not configured
     */
    static Route validated(List<String> receivers, Severity minSeverity, Set<String> configuredReceivers) {
        for (String name : receivers) {
            if (!configuredReceivers.contains(name)) {
                throw new IllegalArgumentException("vigil.notify.route.receivers names receiver '" + name
                        + "', which is not configured (vigil.notify.receivers." + name + ".kind); configured: "
                        + (configuredReceivers.isEmpty() ? "none" : String.join(", ", configuredReceivers)));
            }
        }
        return new Route(receivers, minSeverity);
    }

    /** @return the receivers this alert reaches, possibly none */
    List<String> receiversFor(Alert alert) {
        return alert.severity().isAtLeast(minSeverity) ? receivers : List.of();
    }
}
