package glomers.uniqueids;

import java.util.function.LongSupplier;

/**
 * Unique 63-bit ids with no coordination, in the style of Twitter's Snowflake:
 *
 * <pre>
 *   | 41 bits: milliseconds since 2024-01-01 | 10 bits: node index | 12 bits: sequence |
 * </pre>
 *
 * <ul>
 *   <li><b>Across nodes:</b> each node has its own index (its place in Maelstrom's node list),
 *       so two nodes can never make the same id.</li>
 *   <li><b>Within a node:</b> the (millisecond, sequence) pair never repeats: the timestamp used
 *       never goes backwards, and the sequence counts up within a millisecond. When 4,096 ids are
 *       asked for within one millisecond, the next ones borrow the following millisecond instead of
 *       waiting for it, so generating an id never blocks.</li>
 *   <li><b>Across restarts and test runs:</b> a restarted process starts from the wall clock,
 *       which is later than anything the previous process used, as long as the clock is not set
 *       back and the old process had not borrowed further ahead than the restart took (it would
 *       need over four million ids a second for that).</li>
 * </ul>
 *
 * Because nothing is coordinated, {@code generate} is available even when the node is cut off
 * from every other node. The ids are JSON integers of up to 19 digits, and ids from one node
 * increase.
 */
final class FlakeIds {
    /** 2024-01-01T00:00:00Z; 41 bits of milliseconds from here last until the year 2093. */
    static final long EPOCH_MILLIS = 1_704_067_200_000L;
    static final int NODE_BITS = 10;
    static final int SEQUENCE_BITS = 12;
    static final int MAX_NODES = 1 << NODE_BITS;
    static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    private final long nodeIndex;
    private final LongSupplier clockMillis;
    private long lastMillis;
    private long sequence;

    FlakeIds(int nodeIndex, LongSupplier clockMillis) {
        if (nodeIndex < 0 || nodeIndex >= MAX_NODES) {
            throw new IllegalArgumentException("node index must be in [0, " + MAX_NODES + "), got " + nodeIndex);
        }
        this.nodeIndex = nodeIndex;
        this.clockMillis = clockMillis;
        this.lastMillis = sinceEpoch(clockMillis.getAsLong()) - 1;
        this.sequence = MAX_SEQUENCE;
    }

    long next() {
        long now = sinceEpoch(clockMillis.getAsLong());
        if (now > lastMillis) {
            lastMillis = now;
            sequence = 0;
        } else if (sequence < MAX_SEQUENCE) {
            sequence++; // same millisecond, or the clock stepped back: stay on lastMillis
        } else {
            lastMillis++; // this millisecond is used up: borrow the next one
            sequence = 0;
        }
        assert lastMillis < (1L << (63 - NODE_BITS - SEQUENCE_BITS)) : "timestamp overflow";
        return (lastMillis << (NODE_BITS + SEQUENCE_BITS)) | (nodeIndex << SEQUENCE_BITS) | sequence;
    }

    private static long sinceEpoch(long wallMillis) {
        long millis = wallMillis - EPOCH_MILLIS;
        if (millis < 0) {
            throw new IllegalStateException("the clock reads before 2024-01-01; ids would not be unique");
        }
        return millis;
    }
}
