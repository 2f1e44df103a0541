package glomers.harness.sim;

import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one event loop of a run: every message delivery, timer, client operation and nemesis step
 * is an event here, run one at a time in time order (ties in the order they were scheduled).
 *
 * <p>Two clocks, one loop:
 * <ul>
 *   <li><b>virtual</b>: time jumps to the next event. Nodes run in-process on this clock, so a
 *       20-second run takes a fraction of a second and the same seed gives the same run.</li>
 *   <li><b>real</b>: time is the wall clock since the start. For nodes that are real processes:
 *       the loop sleeps until the next event or until a process sends something
 *       ({@link #post}, the only method safe to call from another thread).</li>
 * </ul>
 * Times are nanoseconds since the start of the run, like the times in a Jepsen history.
 */
public final class Scheduler {
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final boolean realTime;
    private final long wallStartNanos = System.nanoTime();
    private long nowNanos;
    private long sequence;
    private long eventsRun;

    private Scheduler(boolean realTime) {
        this.realTime = realTime;
    }

    public static Scheduler virtual() {
        return new Scheduler(false);
    }

    public static Scheduler realTime() {
        return new Scheduler(true);
    }

    public boolean isRealTime() {
        return realTime;
    }

    /** Nanoseconds since the start of the run. */
    public long now() {
        return nowNanos;
    }

    public long eventsRun() {
        return eventsRun;
    }

    /** Runs {@code task} at {@code timeNanos} (or now, if that is past). */
    public Cancellable at(long timeNanos, Runnable task) {
        Event event = new Event(Math.max(timeNanos, nowNanos), sequence++, task);
        events.add(event);
        return () -> event.cancelled = true;
    }

    public Cancellable after(long delayNanos, Runnable task) {
        return at(nowNanos + delayNanos, task);
    }

    /** From any thread: runs {@code task} on the loop as soon as it can (real-time mode). */
    public void post(Runnable task) {
        inbox.add(task);
    }

    /** Runs events until {@code done} is true, or no event is left (virtual mode), or {@code limitNanos}. */
    public void runUntil(BooleanSupplier done, long limitNanos) throws InterruptedException {
        while (!done.getAsBoolean()) {
            if (realTime) {
                nowNanos = Math.max(nowNanos, System.nanoTime() - wallStartNanos);
                // Only what was posted before now: a process that never stops printing must not keep
                // the loop from its events and from seeing that it is done.
                for (int posted = inbox.size(); posted > 0; posted--) {
                    run(inbox.poll());
                }
            }
            Event next = events.peek();
            if (next != null && next.cancelled) {
                events.poll();
                continue;
            }
            if (nowNanos >= limitNanos) {
                return;
            }
            if (next == null && !realTime) {
                return; // nothing can ever happen again
            }
            long due = next == null ? limitNanos : Math.min(next.timeNanos, limitNanos);
            if (realTime && due > nowNanos) {
                Runnable posted = inbox.poll(due - nowNanos, TimeUnit.NANOSECONDS);
                if (posted != null) {
                    nowNanos = Math.max(nowNanos, System.nanoTime() - wallStartNanos);
                    run(posted);
                }
                continue;
            }
            if (next == null || next.timeNanos > limitNanos) {
                nowNanos = limitNanos;
                return;
            }
            events.poll();
            nowNanos = Math.max(nowNanos, next.timeNanos);
            run(next.task);
        }
    }

    private void run(Runnable task) {
        eventsRun++;
        task.run();
    }

    /** A scheduled event that has not run yet. */
    @FunctionalInterface
    public interface Cancellable {
        void cancel();
    }

    private static final class Event implements Comparable<Event> {
        final long timeNanos;
        final long sequence;
        final Runnable task;
        boolean cancelled;

        Event(long timeNanos, long sequence, Runnable task) {
            this.timeNanos = timeNanos;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(timeNanos, other.timeNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
