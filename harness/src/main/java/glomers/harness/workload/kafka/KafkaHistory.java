package glomers.harness.workload.kafka;

import glomers.harness.history.History;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A kafka history parsed once, with the lookups every analysis shares (jepsen
 * {@code tests/kafka.clj} {@code analysis}: {@code writes-by-type}, {@code reads-by-type},
 * {@code writer-of}, {@code readers-of}, {@code must-have-committed?}). Only client operations
 * are kept ({@code h/client-ops}): nemesis entries play no part.
 *
 * <p>Sizes follow what was observed (operations, keys, messages), never the offsets' values.
 */
final class KafkaHistory {
    /** Every client operation, invocations and completions, in history order. */
    final List<KafkaOp> ops;
    /** Key → message → the last completion (ok, fail or info) that sent it. */
    final Map<String, Map<Long, KafkaOp>> writerOf = new TreeMap<>();
    /** Key → message → the completions that polled it, in history order. */
    final Map<String, Map<Long, List<KafkaOp>>> readersOf = new TreeMap<>();
    /** Key → messages returned by ok polls (Jepsen's {@code (:ok reads-by-type)}). */
    final Map<String, Set<Long>> okReads = new TreeMap<>();
    /** Key → messages of sends that completed with fail (Jepsen's {@code (:fail writes-by-type)}). */
    final Map<String, Set<Long>> failedWrites = new TreeMap<>();

    private final Map<Long, KafkaOp> invocationOf = new HashMap<>();
    private final Map<Long, KafkaOp> completionOf = new HashMap<>();

    KafkaHistory(History history) {
        List<KafkaOp> parsed = new ArrayList<>();
        Map<Integer, KafkaOp> inFlight = new HashMap<>();
        for (Op op : history.ops()) {
            if (!op.isClientOp()) {
                continue;
            }
            KafkaOp k = KafkaOp.parse(op);
            parsed.add(k);
            if (op.isInvoke()) {
                inFlight.put(op.process(), k);
                continue;
            }
            KafkaOp invoke = inFlight.remove(op.process());
            if (invoke != null) {
                invocationOf.put(op.index(), invoke);
                completionOf.put(invoke.index(), k);
            }
            k.writes.forEach((key, pairs) -> {
                Map<Long, KafkaOp> byMsg = writerOf.computeIfAbsent(key, x -> new HashMap<>());
                for (KafkaOp.Pair p : pairs) {
                    byMsg.put(p.msg(), k);
                    if (op.type() == Op.Type.FAIL) {
                        failedWrites.computeIfAbsent(key, x -> new HashSet<>()).add(p.msg());
                    }
                }
            });
            k.reads.forEach((key, pairs) -> {
                Map<Long, List<KafkaOp>> byMsg = readersOf.computeIfAbsent(key, x -> new LinkedHashMap<>());
                Set<Long> ok = op.isOk() ? okReads.computeIfAbsent(key, x -> new HashSet<>()) : null;
                for (KafkaOp.Pair p : pairs) {
                    List<KafkaOp> readers = byMsg.computeIfAbsent(p.msg(), x -> new ArrayList<>());
                    if (readers.isEmpty() || readers.get(readers.size() - 1) != k) {
                        readers.add(k);
                    }
                    if (ok != null) {
                        ok.add(p.msg());
                    }
                }
            });
        }
        this.ops = Collections.unmodifiableList(parsed);
    }

    /** The invocation of a completion, or null. */
    KafkaOp invocationOf(KafkaOp completion) {
        return invocationOf.get(completion.index());
    }

    /** The completion of an invocation, or null if it never completed. */
    KafkaOp completionOf(KafkaOp invocation) {
        return completionOf.get(invocation.index());
    }

    /** The completion that sent {@code msg} to {@code key}, or null if none did. */
    KafkaOp writer(String key, long msg) {
        Map<Long, KafkaOp> byMsg = writerOf.get(key);
        return byMsg == null ? null : byMsg.get(msg);
    }

    /**
     * Jepsen's {@code must-have-committed?}: an ok op, or an info op one of whose sent messages
     * some ok poll returned. A fail op, an invocation, or an info op nobody saw: not proven.
     */
    boolean mustHaveCommitted(KafkaOp op) {
        if (op.type() == Op.Type.OK) {
            return true;
        }
        if (op.type() != Op.Type.INFO) {
            return false;
        }
        for (Map.Entry<String, List<KafkaOp.Pair>> e : op.writes.entrySet()) {
            Set<Long> seen = okReads.getOrDefault(e.getKey(), Set.of());
            for (KafkaOp.Pair p : e.getValue()) {
                if (seen.contains(p.msg())) {
                    return true;
                }
            }
        }
        return false;
    }
}
