package glomers.broadcast;

import java.util.List;

/**
 * A stretch of one origin's values, numbered from {@code first}: the values that origin was
 * given by clients, in order, seq {@code first}, {@code first + 1}, ... (see {@link OriginLogs}).
 * This is how values travel between nodes in the fanout and batch strategies.
 */
record Run(String origin, int first, List<Long> values) {
    Run {
        if (first < 1) {
            throw new IllegalArgumentException("a run starts at seq 1 or later, not " + first);
        }
        values = List.copyOf(values);
    }
}
