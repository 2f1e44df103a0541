package glomers.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Kills processes that make no progress for a while, so that a hung node cannot hang the
 * benchmark: a blocked read then sees the end of stdout, and {@link Child#endedBefore} reports
 * the watchdog's reason. A caller that waits for many replies calls {@link #progress()} after
 * each, so the limit applies to every single wait, not to the whole run.
 */
final class Watchdog implements AutoCloseable {
    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final long timeoutNanos;
    private final String reason;
    private final List<Child> children;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile boolean done;
    private volatile ScheduledFuture<?> ticks;

    private Watchdog(Duration timeout, String awaiting, List<Child> children) {
        this.timeoutNanos = timeout.toNanos();
        this.reason = "sent no " + awaiting + " within " + Limits.seconds(timeout) + "; killed";
        this.children = List.copyOf(children);
    }

    /** Starts watching: {@code children} are killed if {@code timeout} passes without progress. */
    static Watchdog watch(Duration timeout, String awaiting, List<Child> children) {
        Watchdog watchdog = new Watchdog(timeout, awaiting, children);
        long tick = Limits.WATCHDOG_TICK.toNanos();
        watchdog.ticks = CLOCK.scheduleWithFixedDelay(watchdog::check, tick, tick, TimeUnit.NANOSECONDS);
        return watchdog;
    }

    /** Something awaited has arrived: the clock starts again. */
    void progress() {
        lastProgressNanos = System.nanoTime();
    }

    private void check() {
        if (!done && System.nanoTime() - lastProgressNanos > timeoutNanos) {
            done = true;
            children.forEach(child -> child.kill(reason));
            ScheduledFuture<?> scheduled = ticks;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }

    /** Stops watching. */
    @Override
    public void close() {
        done = true;
        ticks.cancel(false);
    }
}
