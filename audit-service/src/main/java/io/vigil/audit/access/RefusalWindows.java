package io.vigil.audit.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * Decides which rate-limit refusals become evidence, so that a flood of refused requests writes a bounded number of
 * rows: per caller and window, the first refusal is recorded on its own ({@link #refuse} answers true), the others
 * are only counted and recorded as one {@link Summary} once the window has ended. At most two records per caller and
 * window. Thread-safe.
 */
public final class RefusalWindows {

    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Queue<Summary> ended = new ConcurrentLinkedQueue<>();

    /**
     * @param window how long a caller's window lasts from its first refusal, above zero
     * @param nanoTime a monotonic clock ({@code System::nanoTime})
     */
    public RefusalWindows(Duration window, LongSupplier nanoTime) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("vigil.audit.api.rate-limit.record-window must be above zero, was "
                    + window);
        }
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Counts one refusal of the caller.
     *
     * @param caller the rate-limit key ({@code user:<name>} or {@code address:<ip>})
     * @param access the refused access
     * @param at when it was refused
     * @return true when it is the first refusal of the caller's window and is to be recorded on its own
     */
    public boolean refuse(String caller, ApiAccess access, Instant at) {
        long now = nanoTime.getAsLong();
        boolean[] first = new boolean[1];
        windows.compute(caller, (key, window) -> {
            if (window != null && now - window.started < windowNanos) {
                window.count(at);
                return window;
            }
            if (window != null) {
                window.summary().ifPresent(ended::add);
            }
            first[0] = true;
            return new Window(now, access);
        });
        return first[0];
    }

    /** @return the summaries of the windows that have ended, each once; empty when no refusal was left unrecorded */
    public List<Summary> drainEnded() {
        long now = nanoTime.getAsLong();
        for (String caller : windows.keySet()) {
            windows.computeIfPresent(caller, (key, window) -> {
                if (now - window.started < windowNanos) {
                    return window;
                }
                window.summary().ifPresent(ended::add);
                return null;
            });
        }
        return drain();
    }

    /** @return the summaries of every window, ended or not (at shutdown) */
    public List<Summary> drainAll() {
        for (String caller : windows.keySet()) {
            windows.computeIfPresent(caller, (key, window) -> {
                window.summary().ifPresent(ended::add);
                return null;
            });
        }
        return drain();
    }

    private List<Summary> drain() {
        List<Summary> summaries = new ArrayList<>();
        for (Summary summary = ended.poll(); summary != null; summary = ended.poll()) {
            summaries.add(summary);
        }
        return summaries;
    }

    /**
     * The refusals of one caller's window that were not recorded on their own.
     *
     * @param first the window's first refusal (recorded on its own): who, from where
     * @param refusals how many refusals followed it in the window, at least 1
     * @param from when the first of them was refused
     * @param until when the last of them was refused
     */
    public record Summary(ApiAccess first, long refusals, Instant from, Instant until) {
    }

    private static final class Window {

        private final long started;
        private final ApiAccess first;
        private long refusals;
        private Instant from;
        private Instant until;

        Window(long started, ApiAccess first) {
            this.started = started;
            this.first = first;
        }

        void count(Instant at) {
            refusals++;
            if (from == null) {
                from = at;
            }
            until = at;
        }

        Optional<Summary> summary() {
            return refusals == 0
                    ? Optional.empty()
                    : Optional.of(new Summary(first, refusals, from, until));
        }
    }
}
