package glomers.txn;

import java.util.Comparator;

/**
 * When a committed write happened, in the one order every replica agrees on: a Lamport
 * timestamp, then the origin node's id to break ties between nodes that committed at the same
 * timestamp. A register keeps the write with the greatest stamp (last-writer-wins), so replicas
 * that have applied the same transactions hold the same values, whatever the order they got them in.
 *
 * @param ts     the origin's Lamport clock when the transaction committed (1, 2, ...)
 * @param origin the node the transaction ran on, e.g. {@code n0}
 */
record Stamp(long ts, String origin) implements Comparable<Stamp> {
    private static final Comparator<Stamp> ORDER = Comparator.comparingLong(Stamp::ts).thenComparing(Stamp::origin);

    Stamp {
        if (ts < 1) {
            throw new IllegalArgumentException("Lamport timestamps start at 1, got " + ts);
        }
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("a stamp names its origin node");
        }
    }

    @Override
    public int compareTo(Stamp other) {
        return ORDER.compare(this, other);
    }
}
