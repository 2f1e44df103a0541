package glomers.broadcast;

import glomers.runtime.MaelstromException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values a node knows, filed by <b>origin</b>: the node a client broadcast the value to.
 * Each origin numbers its values 1, 2, 3, ... in the order clients gave them to it, and that
 * number (the seq) travels with the value. A value sits at the same (origin, seq) on every node.
 *
 * <p>That makes comparing two nodes cheap. For each origin, a node holds values 1..k without a
 * gap (its <b>count</b> for that origin), maybe some beyond a gap. The map origin -> count is the
 * node's <b>digest</b>: at most one number per node in the cluster, however many values there are.
 * Two digests tell exactly which values one node has and the other lacks.
 *
 * <p>Each value also keeps {@code settledAt}: from when it can no longer be on its way to the
 * other nodes by the ordinary path (see {@link AntiEntropy}).
 */
final class OriginLogs {

    /** One value as this node holds it. */
    record Entry(long value, long settledAt) {
    }

    /** One origin's values: seqs 1..gapless.size(), then any that arrived past a gap. */
    private static final class Log {
        final List<Entry> gapless = new ArrayList<>();
        final TreeMap<Integer, Entry> pastAGap = new TreeMap<>();
    }

    private final Values values;
    /** By origin, in the origins' order (digests and repairs list them so). */
    private final Map<String, Log> logs = new TreeMap<>();
    /** The same logs, to look one up on every message without comparing names. */
    private final Map<String, Log> byOrigin = new HashMap<>();

    OriginLogs(Values values) {
        this.values = values;
    }

    /**
     * Files a value a client gave this node ({@code self}), already added to {@link Values}.
     * Returns its seq. {@code settledAt}: when it will no longer be on its way to the others.
     */
    int originate(String self, long value, long settledAt) {
        Log log = log(self);
        if (!log.pastAGap.isEmpty()) {
            throw new IllegalStateException("a node's own log never has gaps: " + log.pastAGap.keySet());
        }
        log.gapless.add(new Entry(value, settledAt));
        return log.gapless.size();
    }

    /** Files a run of an origin's values; returns the values that were new to this node. */
    List<Long> store(Run run, long settledAt) {
        Log log = log(run.origin());
        List<Long> fresh = new ArrayList<>();
        for (int i = 0; i < run.values().size(); i++) {
            int seq = run.first() + i;
            if (seq <= log.gapless.size() || log.pastAGap.containsKey(seq)) {
                continue; // held already
            }
            Entry entry = new Entry(run.values().get(i), settledAt);
            if (seq == log.gapless.size() + 1) {
                log.gapless.add(entry);
                Entry next;
                while ((next = log.pastAGap.remove(log.gapless.size() + 1)) != null) {
                    log.gapless.add(next);
                }
            } else {
                log.pastAGap.put(seq, entry);
            }
            if (values.add(entry.value())) {
                fresh.add(entry.value());
            }
        }
        return fresh;
    }

    /** How many of {@code origin}'s values this node holds without a gap. */
    int count(String origin) {
        Log log = byOrigin.get(origin);
        return log == null ? 0 : log.gapless.size();
    }

    /** origin -> count, for every origin this node has values of. */
    Map<String, Integer> digest() {
        Map<String, Integer> digest = new TreeMap<>();
        logs.forEach((origin, log) -> {
            if (!log.gapless.isEmpty()) {
                digest.put(origin, log.gapless.size());
            }
        });
        return digest;
    }

    /** Every origin this node has values of. */
    Iterable<String> origins() {
        return logs.keySet();
    }

    /**
     * Up to {@code max} of {@code origin}'s gapless values from seq {@code first} on, stopping at the
     * first that had not settled by {@code settledBy} ({@code Long.MAX_VALUE}: no such limit).
     */
    List<Long> read(String origin, int first, int max, long settledBy) {
        Log log = byOrigin.get(origin);
        List<Long> run = new ArrayList<>();
        if (log == null || first < 1) {
            return run;
        }
        for (int seq = first; seq <= log.gapless.size() && run.size() < max; seq++) {
            Entry entry = log.gapless.get(seq - 1);
            if (entry.settledAt() > settledBy) {
                break;
            }
            run.add(entry.value());
        }
        return run;
    }

    private Log log(String origin) {
        if (origin == null || origin.isEmpty()) {
            throw MaelstromException.malformedRequest("a run needs the origin node's id");
        }
        return byOrigin.computeIfAbsent(origin, o -> {
            Log log = new Log();
            logs.put(o, log);
            return log;
        });
    }
}
