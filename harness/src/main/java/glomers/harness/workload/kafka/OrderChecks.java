package glomers.harness.workload.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.Op;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordering checks: does each process read and write each key's log forwards, one message at a
 * time? All compare <em>indices</em> in the version order ({@link VersionOrders}), so gaps between
 * offsets never count as skips. Reproduces jepsen {@code tests/kafka.clj} (v0.3.7; the same rules
 * in v0.3.1): {@code int-poll-skip+nonmonotonic-cases}, {@code int-send-skip+nonmonotonic-cases},
 * {@code poll-skip+nonmonotonic-cases}, {@code nonmonotonic-send-cases}.
 *
 * <p>For two messages {@code v} then {@code v'} with indices {@code i} and {@code i'}, delta =
 * {@code i' − i}, or 1 when either index is unknown (nothing to compare). A delta above 1 is a
 * skip (messages known to exist were jumped over); a delta of 0 or less is non-monotonic (the same
 * message again, or backwards).
 */
final class OrderChecks extends Analysis {
    /** How many skipped messages an error lists; its {@code delta} gives the full count. */
    static final int SKIPPED_SHOWN = 32;

    OrderChecks(KafkaHistory history, VersionOrders orders, Errors errors) {
        super(history, orders, errors);
    }

    void run() {
        internal();
        polls();
        sends();
    }

    /**
     * {@code int-poll-skip} / {@code int-nonmonotonic-poll} (and the same for sends, of which
     * {@code int-send-skip} is allowed): consecutive messages of one key inside one operation. For
     * polls every operation counts (only ok polls carry messages); for sends, every completion.
     */
    private void internal() {
        for (KafkaOp op : history.ops) {
            op.reads.forEach((key, pairs) -> internalPairs(op, key, KafkaOp.msgs(pairs), "int-poll-skip", "int-nonmonotonic-poll"));
            if (op.type() != Op.Type.INVOKE) {
                op.writes.forEach((key, pairs) -> internalPairs(op, key, KafkaOp.msgs(pairs), "int-send-skip", "int-nonmonotonic-send"));
            }
        }
    }

    private void internalPairs(KafkaOp op, String key, List<Long> msgs, String skip, String nonmonotonic) {
        for (int n = 1; n < msgs.size(); n++) {
            Long v1 = msgs.get(n - 1);
            Long v2 = msgs.get(n);
            Integer i1 = orders.index(key, v1);
            Integer i2 = orders.index(key, v2);
            int delta = i1 != null && i2 != null ? i2 - i1 : 1;
            if (delta == 1) {
                continue;
            }
            ObjectNode err = Errors.object();
            err.put("key", key);
            err.set("values", Errors.pair(v1, v2));
            err.put("delta", delta);
            if (delta > 1) {
                err.set("skipped", Errors.longs(orders.get(key).between(i1, i2, SKIPPED_SHOWN)));
            }
            err.set("op", op.op.toJson());
            errors.add(delta > 1 ? skip : nonmonotonic, err);
        }
    }

    /**
     * {@code poll-skip} / {@code nonmonotonic-poll}, per process in history order: the first
     * message an ok poll returns for a key, against the last message the process's previous ok
     * poll of that key returned. An ok (or info) assign keeps only the keys it assigns; a crash
     * changes nothing here, but the crashed client's next operation runs under a new process, which
     * starts afresh. A poll whose list for the key was empty leaves nothing to compare the next one
     * with (Jepsen: {@code (last [])} is nil, so delta 1).
     */
    private void polls() {
        perProcess(true);
    }

    /**
     * {@code nonmonotonic-send}, per process over ok and info completions: the first message a send
     * wrote to a key against the last message the process's previous send to that key wrote. Ok and
     * info assigns keep only their keys. (Jepsen looks for no external send skips: other clients'
     * sends interleave.)
     */
    private void sends() {
        perProcess(false);
    }

    /**
     * One pass per process, tracking key → the last op that polled (or sent) it. The two Jepsen
     * functions differ only in what they track and when: polls look at every entry and remember
     * ok polls; sends look at ok and info completions only and remember them all.
     */
    private void perProcess(boolean poll) {
        Map<Integer, Map<String, KafkaOp>> lastOf = new HashMap<>();
        for (KafkaOp op : history.ops) {
            boolean completed = op.type() == Op.Type.OK || op.type() == Op.Type.INFO;
            if (!poll && !completed) {
                continue;
            }
            Map<String, KafkaOp> last = lastOf.computeIfAbsent(op.process(), p -> new LinkedHashMap<>());
            if (op.isF("assign") || op.isF("subscribe")) {
                if (completed) {
                    last.keySet().retainAll(op.keys);
                }
                continue;
            }
            Map<String, List<KafkaOp.Pair>> msgs = poll ? op.reads : op.writes;
            msgs.forEach((key, pairs) -> {
                KafkaOp previous = last.get(key);
                if (previous != null) {
                    List<KafkaOp.Pair> before = (poll ? previous.reads : previous.writes).get(key);
                    compare(previous, op, key, lastMsg(before), firstMsg(pairs), poll);
                }
            });
            if (!poll || op.type() == Op.Type.OK) {
                msgs.keySet().forEach(key -> last.put(key, op));
            }
        }
    }

    private void compare(KafkaOp last, KafkaOp op, String key, Long v, Long v2, boolean poll) {
        Integer i = orders.index(key, v);
        Integer i2 = orders.index(key, v2);
        int delta = i != null && i2 != null ? i2 - i : 1;
        if (delta > 1 && poll) {
            ObjectNode err = Errors.object();
            err.put("key", key);
            err.put("delta", delta);
            err.set("skipped", Errors.longs(orders.get(key).between(i, i2, SKIPPED_SHOWN)));
            err.set("ops", Errors.ops(last, op));
            errors.add("poll-skip", err);
        } else if (delta < 1) {
            ObjectNode err = Errors.object();
            err.put("key", key);
            err.set("values", Errors.pair(v, v2));
            err.put("delta", delta);
            err.set("ops", Errors.ops(last, op));
            errors.add(poll ? "nonmonotonic-poll" : "nonmonotonic-send", err);
        }
    }

    private static Long firstMsg(List<KafkaOp.Pair> pairs) {
        return pairs == null || pairs.isEmpty() ? null : pairs.get(0).msg();
    }

    private static Long lastMsg(List<KafkaOp.Pair> pairs) {
        return pairs == null || pairs.isEmpty() ? null : pairs.get(pairs.size() - 1).msg();
    }
}
