package glomers.harness.workload.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.Op;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The worst real-time lag of any poll (jepsen {@code tests/kafka.clj}: {@code realtime-lag},
 * {@code worst-realtime-lag}, and {@code checker}'s conversion to seconds). Informational: it
 * never makes a run invalid.
 *
 * <p>The lag of a key in a poll is a lower bound on how long ago the highest offset the process
 * had seen of that key stopped being the end of the log: the poll's <em>invocation</em> time minus
 * the time offset+1 was first known to exist (0 if it never was). An offset is known to exist
 * from the completion of the first ok or info op that sent or polled it or a higher one.
 *
 * <p>Per process, an ok assign keeps the offsets of the keys it assigns and starts the others at
 * −1 (nothing seen); an ok subscribe forgets them all; an ok poll raises them to the highest
 * offsets it returned, and yields one lag per key the process holds.
 *
 * <p><b>Memory.</b> Jepsen keeps, per key, a vector indexed by offset (maelstrom issue #51). The
 * times at which offsets became known only ever move forward, so this keeps, per key, only the
 * points where the highest known offset rose: {@code highest offset → time}. The time offset
 * {@code j} became known is that of the first point whose offset is at least {@code j}.
 */
final class RealtimeLag {
    private RealtimeLag() {
    }

    /**
     * {@code {"time": s, "process": p, "key": k, "lag": s}} for the poll with the highest lag (the
     * first of equal ones), times in seconds; {@code {"time": 0.0, "lag": 0.0}} when no poll
     * completed.
     */
    static ObjectNode worst(KafkaHistory history) {
        Map<String, TreeMap<Long, Long>> knownSince = knownSince(history);
        Map<Integer, TreeMap<String, Long>> processOffsets = new HashMap<>();
        ObjectNode worst = null;
        long worstLag = 0;
        for (KafkaOp op : history.ops) {
            if (op.type() != Op.Type.OK) {
                continue;
            }
            if (op.isF("assign")) {
                TreeMap<String, Long> old = processOffsets.getOrDefault(op.process(), new TreeMap<>());
                TreeMap<String, Long> assigned = new TreeMap<>();
                op.keys.forEach(k -> assigned.put(k, old.getOrDefault(k, -1L)));
                processOffsets.put(op.process(), assigned);
            } else if (op.isF("subscribe")) {
                processOffsets.put(op.process(), new TreeMap<>());
            } else if (op.isF("poll") || op.isF("txn")) {
                KafkaOp invocation = history.invocationOf(op);
                long invokeTime = invocation == null ? op.op.timeNanos() : invocation.op.timeNanos();
                TreeMap<String, Long> offsets = processOffsets.computeIfAbsent(op.process(), p -> new TreeMap<>());
                maxOffsets(op).forEach((k, o) -> offsets.merge(k, o, Math::max));
                for (Map.Entry<String, Long> e : offsets.entrySet()) {
                    TreeMap<Long, Long> steps = knownSince.get(e.getKey());
                    Map.Entry<Long, Long> known = steps == null ? null : steps.ceilingEntry(e.getValue() + 1);
                    long lag = known == null ? 0 : Math.max(0, invokeTime - known.getValue());
                    if (worst == null || lag > worstLag) {
                        worstLag = lag;
                        worst = Errors.object();
                        worst.put("time", invokeTime / 1e9);
                        worst.put("process", op.process());
                        worst.put("key", e.getKey());
                        worst.put("lag", lag / 1e9);
                    }
                }
            }
        }
        if (worst == null) {
            worst = Errors.object();
            worst.put("time", 0.0);
            worst.put("lag", 0.0);
        }
        return worst;
    }

    /** Key → (highest known offset → the time it became known), one entry per rise. */
    private static Map<String, TreeMap<Long, Long>> knownSince(KafkaHistory history) {
        Map<String, TreeMap<Long, Long>> out = new HashMap<>();
        for (KafkaOp op : history.ops) {
            if (op.type() != Op.Type.OK && op.type() != Op.Type.INFO) {
                continue;
            }
            maxOffsets(op).forEach((k, offset) -> {
                TreeMap<Long, Long> steps = out.computeIfAbsent(k, x -> new TreeMap<>());
                if (offset >= 0 && (steps.isEmpty() || offset > steps.lastKey())) {
                    steps.put(offset, op.op.timeNanos());
                }
            });
        }
        return out;
    }

    /**
     * Jepsen's {@code op->max-offsets}: key → the highest offset an ok or info op polled (−1 for a
     * key polled with an empty list) or sent. As in Jepsen, a send with no known offset makes the
     * op's send offsets start over ({@code when} yields nil), which only matters for txns.
     */
    static Map<String, Long> maxOffsets(KafkaOp op) {
        Map<String, Long> out = new TreeMap<>();
        if (op.type() != Op.Type.OK && op.type() != Op.Type.INFO) {
            return out;
        }
        if (op.isF("poll") || op.isF("txn")) {
            for (KafkaOp.Mop mop : op.mops) {
                if (mop instanceof KafkaOp.Poll p) {
                    p.msgs().forEach((k, pairs) -> {
                        long max = -1;
                        for (KafkaOp.Pair pair : pairs) {
                            if (pair.offset() != null) {
                                max = Math.max(max, pair.offset());
                            }
                        }
                        out.merge(k, max, Math::max);
                    });
                }
            }
        }
        if (op.isF("send") || op.isF("txn")) {
            Map<String, Long> sent = new TreeMap<>();
            for (KafkaOp.Mop mop : op.mops) {
                if (mop instanceof KafkaOp.Send s) {
                    if (s.offset() == null) {
                        sent.clear();
                    } else {
                        sent.put(s.key(), Math.max(sent.getOrDefault(s.key(), 0L), s.offset()));
                    }
                }
            }
            sent.forEach((k, o) -> out.merge(k, o, Math::max));
        }
        return out;
    }
}
