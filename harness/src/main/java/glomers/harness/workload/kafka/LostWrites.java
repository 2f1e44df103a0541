package glomers.harness.workload.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which messages were seen that should not have been, and which should have been seen and were
 * not (jepsen {@code tests/kafka.clj} v0.3.7, same rules in v0.3.1: {@code g1a-cases},
 * {@code lost-write-cases}, {@code unseen} with {@code analysis}'s {@code last-unseen}).
 */
final class LostWrites extends Analysis {
    /** How many unseen messages are listed per key (Jepsen's {@code condense-error}: 32). */
    static final int UNSEEN_SHOWN = 32;

    LostWrites(KafkaHistory history, VersionOrders orders, Errors errors) {
        super(history, orders, errors);
    }

    /**
     * {@code G1a} (aborted read): an ok poll returned a message whose send completed with fail.
     * Each error: {@code key}, {@code value}, {@code writer} (the last completion that sent it),
     * {@code reader} (the poll).
     */
    void g1a() {
        for (KafkaOp op : history.ops) {
            if (op.type() != Op.Type.OK) {
                continue;
            }
            op.reads.forEach((key, pairs) -> {
                Set<Long> failed = history.failedWrites.getOrDefault(key, Set.of());
                for (KafkaOp.Pair p : pairs) {
                    if (failed.contains(p.msg())) {
                        ObjectNode err = Errors.object();
                        err.put("key", key);
                        err.put("value", p.msg());
                        err.set("writer", history.writer(key, p.msg()).op.toJson());
                        err.set("reader", op.op.toJson());
                        errors.add("G1a", err);
                    }
                }
            });
        }
    }

    /**
     * {@code precommitted-read} (jepsen 0.3.7 {@code precommitted-read-cases}): a transaction that
     * polled a message it sent itself. Only txns both send and poll, so Maelstrom never shows one.
     * Each error: {@code op}, {@code key}, {@code value} (the first such message).
     */
    void precommittedReads() {
        for (KafkaOp op : history.ops) {
            for (Map.Entry<String, List<KafkaOp.Pair>> e : op.writes.entrySet()) {
                Set<Long> read = new HashSet<>(KafkaOp.msgs(op.reads.getOrDefault(e.getKey(), List.of())));
                Long bad = KafkaOp.msgs(e.getValue()).stream().filter(read::contains).findFirst().orElse(null);
                if (bad != null) {
                    ObjectNode err = Errors.object();
                    err.set("op", op.op.toJson());
                    err.put("key", e.getKey());
                    err.put("value", bad);
                    errors.add("precommitted-read", err);
                    break; // Jepsen reports one key per op
                }
            }
        }
    }

    /**
     * {@code lost-write}: for each key, the highest index any ok poll reached (taking each polled
     * message at the <em>first</em> index it appears at) is the bound; every message whose
     * <em>last</em> appearance is at or below the bound should have been polled by some ok poll.
     * Those that were not, and whose send must have committed, are lost. Each error: {@code key},
     * {@code value}, {@code index}, {@code max-read-index} (the bound), {@code writer}, and
     * {@code max-read} (the first op that polled the message at the bound).
     */
    void lostWrites() {
        history.okReads.forEach((key, seen) -> {
            VersionOrders.Order order = orders.get(key);
            if (order == null) {
                return; // every polled message came without an offset: nothing to bound
            }
            int bound = -1;
            for (long m : seen) {
                Integer i = order.firstIndex(m);
                if (i != null) {
                    bound = Math.max(bound, i);
                }
            }
            if (bound < 0) {
                return;
            }
            Set<Long> mustRead = new LinkedHashSet<>();
            for (int i = 0; i <= bound; i++) {
                mustRead.addAll(order.lastAt(i));
            }
            KafkaOp maxRead = firstReader(key, order.lastAt(bound));
            for (long m : mustRead) {
                if (seen.contains(m)) {
                    continue;
                }
                KafkaOp writer = history.writer(key, m);
                if (writer == null) {
                    throw new MalformedHistory("key " + key + ": message " + m + " is in the log but no send of it"
                            + " is in the history (Jepsen's :no-writer-of; Maelstrom's checker stops there)");
                }
                if (!history.mustHaveCommitted(writer)) {
                    continue;
                }
                ObjectNode err = Errors.object();
                err.put("key", key);
                err.put("value", m);
                err.put("index", order.firstIndex(m));
                err.put("max-read-index", bound);
                err.set("writer", writer.op.toJson());
                if (maxRead == null) {
                    err.putNull("max-read");
                } else {
                    err.set("max-read", maxRead.op.toJson());
                }
                errors.add("lost-write", err);
            }
        });
    }

    /** The first op that polled the first of these messages (Jepsen: any one will do), or null. */
    private KafkaOp firstReader(String key, List<Long> msgs) {
        if (msgs.isEmpty()) {
            return null;
        }
        List<KafkaOp> readers = history.readersOf.getOrDefault(key, Map.of()).get(msgs.get(0));
        return readers == null || readers.isEmpty() ? null : readers.get(0);
    }

    /**
     * {@code unseen}: the state after the last ok send or poll of the history. For each key, the
     * messages ok sends wrote that no ok poll returned; keys with none are left out. Jepsen folds
     * {@code unseen = merge-with difference (sent ∪ writes) (polled ∪ reads)} op by op; that
     * telescopes to "all sent − all polled", except for one quirk this reproduces: a key that the
     * last such op is the very first to touch, by polling it, maps to what that poll returned (the
     * key was in {@code polled} but not yet in {@code sent}, and {@code merge-with} keeps it).
     *
     * <p>Output, as Jepsen's (not a {@code count}/{@code errs} entry): {@code time} (ns, of that
     * last op), {@code unseen} (key → count, keys sorted), {@code messages} (key → up to
     * {@value #UNSEEN_SHOWN} messages, sorted). Returns null when nothing is unseen.
     */
    ObjectNode unseen() {
        KafkaOp last = null;
        Set<String> touchedBeforeLast = new HashSet<>();
        Map<String, Set<Long>> sent = new TreeMap<>();
        Map<String, Set<Long>> polled = new TreeMap<>();
        for (KafkaOp op : history.ops) {
            if (op.type() != Op.Type.OK || !op.isTxn()) {
                continue;
            }
            if (last != null) {
                touchedBeforeLast.addAll(last.writes.keySet());
                touchedBeforeLast.addAll(last.reads.keySet());
            }
            last = op;
            op.writes.forEach((key, pairs) -> sent.computeIfAbsent(key, k -> new HashSet<>()).addAll(KafkaOp.msgs(pairs)));
            op.reads.forEach((key, pairs) -> polled.computeIfAbsent(key, k -> new HashSet<>()).addAll(KafkaOp.msgs(pairs)));
        }
        if (last == null) {
            return null;
        }
        Map<String, Set<Long>> unseen = new TreeMap<>();
        sent.forEach((key, msgs) -> {
            Set<Long> left = new TreeSet<>(msgs);
            left.removeAll(polled.getOrDefault(key, Set.of()));
            unseen.put(key, left);
        });
        for (Map.Entry<String, List<KafkaOp.Pair>> e : last.reads.entrySet()) {
            String key = e.getKey();
            if (!touchedBeforeLast.contains(key) && !last.writes.containsKey(key)) {
                unseen.put(key, new TreeSet<>(KafkaOp.msgs(e.getValue())));
            }
        }
        unseen.values().removeIf(Set::isEmpty);
        if (unseen.isEmpty()) {
            return null;
        }
        ObjectNode out = Errors.object();
        out.put("time", last.op.timeNanos());
        ObjectNode counts = out.putObject("unseen");
        ObjectNode messages = out.putObject("messages");
        unseen.forEach((key, msgs) -> {
            counts.put(key, msgs.size());
            List<Long> shown = new ArrayList<>(msgs).subList(0, Math.min(UNSEEN_SHOWN, msgs.size()));
            messages.set(key, Errors.longs(shown));
        });
        return out;
    }
}
