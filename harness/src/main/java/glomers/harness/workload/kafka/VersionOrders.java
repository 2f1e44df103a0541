package glomers.harness.workload.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Each key's log as the history shows it, and the version order read from it (jepsen
 * {@code tests/kafka.clj}: {@code version-orders}, {@code version-orders-reduce-mop},
 * {@code index-seq}, {@code log->value->first-index}, {@code log->last-index->values},
 * {@code duplicate-cases}).
 *
 * <p><b>The log.</b> For each key, offset → the messages seen there, gathered from every poll
 * (whatever its outcome; only ok polls carry messages) and from the sends that must have
 * committed (ok, or info and seen by an ok poll) and carry an offset.
 *
 * <p><b>Indices.</b> The offsets that hold something, in order, are numbered 0, 1, 2, …: the
 * <em>index</em> of a message is its position in that list, so gaps between offsets (0, 5, 9)
 * do not count. Every ordering check compares indices, never raw offsets.
 *
 * <p><b>Memory.</b> A sorted map of the offsets observed, never an array as long as the highest
 * offset (Jepsen's {@code assocv} allocates one; a node handing out offsets near 10^12 makes it
 * run out of memory, jepsen-io/maelstrom issue #51). Everything here is sized by the number of
 * messages observed.
 *
 * <p><b>Several messages at one offset</b> ({@code inconsistent-offsets}): Jepsen's version order
 * keeps one of them ({@code (first set)}, which depends on Clojure's hash order); here it keeps the
 * smallest, which is deterministic.
 */
final class VersionOrders {
    private final Map<String, Order> orders = new TreeMap<>();

    /** One key's log and the indices derived from it. */
    static final class Order {
        final String key;
        /** Offset → messages seen at that offset. */
        final NavigableMap<Long, TreeSet<Long>> log = new TreeMap<>();
        /** Index → the one message the version order keeps for it (Jepsen's {@code :by-index}). */
        private final List<Long> byIndex = new ArrayList<>();
        /** Message → its index; where a message sits at several offsets, the last (Jepsen's {@code :by-value}). */
        private final Map<Long, Integer> byValue = new HashMap<>();
        /** Message → the first index it appears at, among all messages of each offset. */
        private final Map<Long, Integer> firstIndex = new HashMap<>();
        /** Index → the messages whose last appearance is at that index. */
        private final List<List<Long>> lastIndexValues = new ArrayList<>();

        Order(String key) {
            this.key = key;
        }

        private void add(long offset, long msg) {
            log.computeIfAbsent(offset, o -> new TreeSet<>()).add(msg);
        }

        private void seal() {
            Map<Long, Integer> lastIndex = new LinkedHashMap<>();
            int index = 0;
            for (TreeSet<Long> msgs : log.values()) {
                long kept = msgs.first();
                byIndex.add(kept);
                byValue.put(kept, index);
                for (long m : msgs) {
                    firstIndex.putIfAbsent(m, index);
                    lastIndex.put(m, index);
                }
                index++;
            }
            for (int i = 0; i < index; i++) {
                lastIndexValues.add(new ArrayList<>());
            }
            lastIndex.forEach((m, i) -> lastIndexValues.get(i).add(m));
            lastIndexValues.forEach(Collections::sort);
        }

        /** The index of a message in the version order, or null if it has none. */
        Integer index(Long msg) {
            return msg == null ? null : byValue.get(msg);
        }

        /** The messages at indices strictly between {@code from} and {@code to}, at most {@code limit}. */
        List<Long> between(int from, int to, int limit) {
            List<Long> out = new ArrayList<>();
            for (int i = from + 1; i < to && out.size() < limit; i++) {
                out.add(byIndex.get(i));
            }
            return out;
        }

        Integer firstIndex(long msg) {
            return firstIndex.get(msg);
        }

        /** The messages whose last appearance is at {@code index} (sorted), or empty. */
        List<Long> lastAt(int index) {
            return index < lastIndexValues.size() ? lastIndexValues.get(index) : List.of();
        }

        int size() {
            return byIndex.size();
        }
    }

    /** Builds every key's log from the history. */
    VersionOrders(KafkaHistory history) {
        for (KafkaOp op : history.ops) {
            if (!op.isTxn()) {
                continue;
            }
            boolean committed = history.mustHaveCommitted(op);
            for (KafkaOp.Mop mop : op.mops) {
                if (mop instanceof KafkaOp.Send s && committed && s.offset() != null) {
                    order(s.key()).add(s.offset(), s.msg());
                } else if (mop instanceof KafkaOp.Poll p) {
                    p.msgs().forEach((key, pairs) -> {
                        for (KafkaOp.Pair pair : pairs) {
                            if (pair.offset() != null) {
                                order(key).add(pair.offset(), pair.msg());
                            }
                        }
                    });
                }
            }
        }
        orders.values().forEach(Order::seal);
    }

    private Order order(String key) {
        return orders.computeIfAbsent(key, Order::new);
    }

    /** The key's order, or null if nothing of it was observed with an offset. */
    Order get(String key) {
        return orders.get(key);
    }

    /** The index of {@code msg} in {@code key}'s version order, or null. */
    Integer index(String key, Long msg) {
        Order o = orders.get(key);
        return o == null ? null : o.index(msg);
    }

    /**
     * {@code inconsistent-offsets}: an offset of a key holding more than one message. Each error:
     * {@code key}, {@code offset}, {@code index} (of that offset), {@code values} (sorted).
     */
    void inconsistentOffsets(Errors errors) {
        for (Order o : orders.values()) {
            int index = 0;
            for (Map.Entry<Long, TreeSet<Long>> e : o.log.entrySet()) {
                if (e.getValue().size() > 1) {
                    ObjectNode err = Errors.object();
                    err.put("key", o.key);
                    err.put("offset", e.getKey());
                    err.put("index", index);
                    err.set("values", Errors.longs(e.getValue()));
                    errors.add("inconsistent-offsets", err);
                }
                index++;
            }
        }
    }

    /**
     * {@code duplicate}: one message at more than one offset of a key. Each error: {@code key},
     * {@code value}, {@code count} (how many offsets), {@code offsets} (the raw offsets, in order).
     */
    void duplicates(Errors errors) {
        for (Order o : orders.values()) {
            Map<Long, List<Long>> offsetsOf = new LinkedHashMap<>();
            for (Map.Entry<Long, TreeSet<Long>> e : o.log.entrySet()) {
                for (long m : e.getValue()) {
                    offsetsOf.computeIfAbsent(m, x -> new ArrayList<>()).add(e.getKey());
                }
            }
            offsetsOf.forEach((msg, offsets) -> {
                if (offsets.size() > 1) {
                    ObjectNode err = Errors.object();
                    err.put("key", o.key);
                    err.put("value", msg);
                    err.put("count", offsets.size());
                    err.set("offsets", Errors.longs(offsets));
                    errors.add("duplicate", err);
                }
            });
        }
    }

    Set<String> keys() {
        return orders.keySet();
    }
}
