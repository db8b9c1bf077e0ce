package io.vigil.notify.work;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * A named daemon thread that repeats a step: at once while the step reports more work, otherwise after the poll
 * interval or as soon as {@link #wake()} is called (after a commit that created work). A failing step is logged and
 * retried after the poll interval; the loop never dies of it.
 */
public final class WorkLoop implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(WorkLoop.class);

    private final String name;
    private final Duration pollInterval;
    private final BooleanSupplier step;
    private final Semaphore wakeups = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    private WorkLoop(String name, Duration pollInterval, BooleanSupplier step) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.step = step;
        this.thread = new Thread(this::run, "vigil-notify-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts a loop.
     *
     * @param step does one batch of work; returns whether more is waiting
     */
    public static WorkLoop start(String name, Duration pollInterval, BooleanSupplier step) {
        WorkLoop loop = new WorkLoop(name, pollInterval, step);
        loop.thread.start();
        return loop;
    }

    /** Runs the step soon, without waiting for the poll interval. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        while (running) {
            boolean more;
            try {
                more = step.getAsBoolean();
            } catch (RuntimeException e) {
                LOGGER.warnf("Work loop %s failed a step, retrying in %s: %s", name, pollInterval, e.toString());
                more = false;
            }
            if (!more) {
                try {
                    wakeups.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the loop and waits briefly for the current step. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
