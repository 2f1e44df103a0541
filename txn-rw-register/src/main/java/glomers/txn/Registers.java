package glomers.txn;

import java.util.HashMap;
import java.util.Map;

/**
 * A node's copy of every register, each holding the committed write with the greatest
 * {@link Stamp}, and the node's Lamport clock.
 *
 * <p>The clock moves past every timestamp the node sees, and a local commit takes the next
 * tick. So a local commit's stamp is greater than that of every write this node has applied,
 * and a register's stamp only ever grows: each node's successive values of a key follow one
 * total order, the same on every node (the version order Elle infers can then never be cyclic).
 */
final class Registers {
    /** The value a register holds and the stamp of the write that put it there. */
    record Version(long value, Stamp stamp) {
    }

    private final Map<Long, Version> versions = new HashMap<>();
    private long clock;

    /** The committed value of {@code key}, or null if no write of it has reached this node. */
    Long read(long key) {
        Version version = versions.get(key);
        return version == null ? null : version.value();
    }

    /** The version {@code key} holds, or null. */
    Version version(long key) {
        return versions.get(key);
    }

    /** The Lamport clock: the greatest timestamp this node has issued or seen. */
    long clock() {
        return clock;
    }

    /**
     * Commits writes made on this node (key to value) as one unit under a new stamp, which wins
     * over every write applied so far. Returns that stamp.
     */
    Stamp commitLocal(String nodeId, Map<Long, Long> writes) {
        if (writes.isEmpty()) {
            throw new IllegalArgumentException("a commit has at least one write");
        }
        Stamp stamp = new Stamp(++clock, nodeId);
        writes.forEach((key, value) -> {
            Version current = versions.get(key);
            if (current != null && current.stamp().compareTo(stamp) >= 0) {
                throw new IllegalStateException("clock " + clock + " is not past key " + key + "'s stamp " + current.stamp());
            }
            versions.put(key, new Version(value, stamp));
        });
        return stamp;
    }

    /**
     * Applies another node's committed writes, all in this one step: each key takes the value
     * unless it already holds a write with a greater (or the same) stamp. The clock moves past
     * the stamp. Applying the same writes again changes nothing.
     */
    void applyRemote(Stamp stamp, Map<Long, Long> writes) {
        clock = Math.max(clock, stamp.ts());
        writes.forEach((key, value) -> {
            Version current = versions.get(key);
            if (current == null || current.stamp().compareTo(stamp) < 0) {
                versions.put(key, new Version(value, stamp));
            }
        });
    }
}
