package glomers.bench;

import java.time.Duration;

/** The benchmark's fixed limits and sizes, in one place. */
final class Limits {
    /** The longest any single wait may take: one reply, one exit, one batch of init_oks. */
    static final Duration SINGLE_WAIT = Duration.ofSeconds(20);
    /** How long the node sits idle before its memory is read the second time. */
    static final Duration IDLE_PERIOD = Duration.ofSeconds(2);
    /** How often a {@link Watchdog} looks at the clock. */
    static final Duration WATCHDOG_TICK = Duration.ofMillis(50);
    /** Echo throughput runs on one node: the first warms it up. */
    static final int THROUGHPUT_RUNS = 2;
    /** Buffer sizes for the pipes to and from the node. */
    static final int PIPE_BUFFER_BYTES = 1 << 16;
    /** How many lines of the processes' stderr to show when the benchmark fails. */
    static final int STDERR_TAIL_LINES = 20;
    /** How many missing in_reply_to values to name when echo replies are missing. */
    static final int MISSING_IDS_SHOWN = 10;

    private Limits() {
    }

    static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}
