package io.vigil.notify.dispatch;

import io.vigil.contract.Alert;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts this instance took in most recently, by id, so that claiming their notifications does not read and
 * parse their stored payloads again. Bounded: the oldest are forgotten first, and a claim loads whatever is not here
 * from PostgreSQL, which stays the source of truth. Thread-safe.
 */
final class RecentAlerts {

    private final Map<String, Alert> byId;

    /** @param capacity how many alerts to keep */
    RecentAlerts(int capacity) {
        this.byId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Alert> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers alerts just taken in. */
    synchronized void remember(List<Alert> alerts) {
        alerts.forEach(alert -> byId.put(alert.id(), alert));
    }

    /** @return those of {@code ids} that are remembered */
    synchronized Map<String, Alert> find(Collection<String> ids) {
        Map<String, Alert> found = new HashMap<>();
        for (String id : ids) {
            Alert alert = byId.get(id);
            if (alert != null) {
                found.put(id, alert);
            }
        }
        return found;
    }
}
