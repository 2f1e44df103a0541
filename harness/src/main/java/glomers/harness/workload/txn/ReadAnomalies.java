package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.Op;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The anomalies found transaction by transaction, without a dependency graph: G1a, G1b,
 * internal and lost-update, as Elle's rw-register finds them ({@code elle/rw_register.clj}:
 * {@code g1a-cases}, {@code g1b-cases}, {@code internal-cases}; {@code elle/txn.clj}:
 * {@code failed-writes}, {@code intermediate-writes}, {@code lost-update-cases}). Each method
 * returns the cases as a JSON array, or null when there are none; each case carries Elle's
 * evidence keys plus an {@code explanation} sentence.
 */
final class ReadAnomalies {
    private ReadAnomalies() {
    }

    /**
     * G1a, aborted read: an ok transaction read a value that a failed transaction wrote (any of
     * its writes, final or not). Case: {@code op}, {@code mop}, {@code writer} (the fail op).
     */
    static ArrayNode g1a(TxnHistory history) {
        Map<Object, Map<Object, Txn>> failed = new HashMap<>(); // key -> value -> fail op
        for (Txn txn : history.completions(Op.Type.FAIL)) {
            for (Mop mop : txn.mops()) {
                if (!mop.read()) {
                    failed.computeIfAbsent(mop.key(), k -> new HashMap<>()).put(mop.value(), txn);
                }
            }
        }
        ArrayNode cases = Json.mapper().createArrayNode();
        for (Txn op : history.oks()) {
            for (Mop mop : op.mops()) {
                Txn writer = mop.read() ? failed.getOrDefault(mop.key(), Collections.emptyMap()).get(mop.value()) : null;
                if (writer != null) {
                    ObjectNode c = readCase(op, mop, writer);
                    c.put("explanation", op.describe() + " read key " + Mop.show(mop.key()) + " = "
                            + Mop.show(mop.value()) + ", which was written by " + writer.describe()
                            + ", a transaction that failed: it never happened, so nobody may see its writes");
                    cases.add(c);
                }
            }
        }
        return orNull(cases);
    }

    /**
     * G1b, intermediate read: an ok transaction read a value that another transaction wrote and
     * then overwrote itself. Every entry of the history counts as a writer (invocations too, as
     * Elle folds over the whole history); the latest entry holding the intermediate write is the
     * {@code writer}, and a transaction reading its own intermediate write is internal, not G1b.
     */
    static ArrayNode g1b(TxnHistory history) {
        Map<Object, Map<Object, Txn>> intermediate = new HashMap<>(); // key -> value -> writer
        for (Txn txn : history.entries()) {
            Map<Object, Object> last = new HashMap<>();
            for (Mop mop : txn.mops()) {
                if (!mop.read()) {
                    if (last.containsKey(mop.key())) {
                        intermediate.computeIfAbsent(mop.key(), k -> new HashMap<>()).put(last.get(mop.key()), txn);
                    }
                    last.put(mop.key(), mop.value());
                }
            }
        }
        ArrayNode cases = Json.mapper().createArrayNode();
        for (Txn op : history.oks()) {
            for (Mop mop : op.mops()) {
                Txn writer = mop.read() ? intermediate.getOrDefault(mop.key(), Collections.emptyMap()).get(mop.value()) : null;
                if (writer != null && writer != op) {
                    ObjectNode c = readCase(op, mop, writer);
                    c.put("explanation", op.describe() + " read key " + Mop.show(mop.key()) + " = "
                            + Mop.show(mop.value()) + ", but " + writer.describe() + " wrote that value and then "
                            + "overwrote it with " + Mop.show(nextWrite(writer, mop.key(), mop.value()))
                            + " in the same transaction: only a transaction's last write of a key may be seen");
                    cases.add(c);
                }
            }
        }
        return orNull(cases);
    }

    /**
     * Internal consistency: within one ok transaction, a read must see the transaction's own
     * last write of that key, or repeat its own last read. Only the first violation of each
     * transaction is reported. Case: {@code op}, {@code mop}, {@code expected}.
     */
    static ArrayNode internal(TxnHistory history) {
        ArrayNode cases = Json.mapper().createArrayNode();
        for (Txn op : history.oks()) {
            Map<Object, Object> state = new HashMap<>();
            for (Mop mop : op.mops()) {
                Object expected = state.get(mop.key());
                if (mop.read() && expected != null && !expected.equals(mop.value())) {
                    ObjectNode c = Json.mapper().createObjectNode();
                    c.set("op", op.toJson());
                    c.set("mop", mop.toJson());
                    c.set("expected", Json.mapper().valueToTree(expected));
                    c.put("explanation", op.describe() + " read key " + Mop.show(mop.key()) + " = "
                            + Mop.show(mop.value()) + ", but its own earlier micro-ops left that key at "
                            + Mop.show(expected) + ": a transaction must see its own writes and repeat its own reads");
                    cases.add(c);
                    break;
                }
                state.put(mop.key(), mop.value());
            }
        }
        return orNull(cases);
    }

    /**
     * Lost update: two or more ok transactions read the same value of a key and then both
     * wrote that key, so each wrote as if the other had not happened. As in Elle, the read that
     * counts is the transaction's first read of the key, and only its first write of the key
     * after a read is considered. Case: {@code key}, {@code value}, {@code txns}.
     */
    static ArrayNode lostUpdate(TxnHistory history) {
        // key -> read value -> transactions; TreeMaps for a stable order of cases
        Map<Object, Map<Object, List<Txn>>> byRead = new TreeMap<>(Mop.ORDER);
        for (Txn op : history.oks()) {
            Map<Object, Object> reads = new LinkedHashMap<>();
            Set<Object> written = new HashSet<>();
            for (Mop mop : op.mops()) {
                if (!mop.read() && !written.contains(mop.key())) {
                    if (reads.containsKey(mop.key())) {
                        byRead.computeIfAbsent(mop.key(), k -> new TreeMap<>(Mop.ORDER))
                                .computeIfAbsent(reads.get(mop.key()), v -> new ArrayList<>()).add(op);
                        written.add(mop.key());
                    }
                } else if (mop.read() && !reads.containsKey(mop.key())) {
                    reads.put(mop.key(), mop.value());
                }
            }
        }
        ArrayNode cases = Json.mapper().createArrayNode();
        byRead.forEach((key, byValue) -> byValue.forEach((value, txns) -> {
            if (txns.size() >= 2) {
                ObjectNode c = Json.mapper().createObjectNode();
                c.set("key", Json.mapper().valueToTree(key));
                c.set("value", Json.mapper().valueToTree(value));
                ArrayNode ops = c.putArray("txns");
                List<String> names = new ArrayList<>();
                for (Txn t : txns) {
                    ops.add(t.toJson());
                    names.add("op " + t.index());
                }
                c.put("explanation", String.join(", ", names) + " all read key " + Mop.show(key) + " = "
                        + Mop.show(value) + " and then wrote it: each wrote as if the others had not happened,"
                        + " so all but one of their updates are lost");
                cases.add(c);
            }
        }));
        return orNull(cases);
    }

    private static ObjectNode readCase(Txn op, Mop mop, Txn writer) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.set("op", op.toJson());
        c.set("mop", mop.toJson());
        c.set("writer", writer.toJson());
        return c;
    }

    /** The value the writer wrote to key right after value. */
    private static Object nextWrite(Txn writer, Object key, Object value) {
        boolean after = false;
        for (Mop mop : writer.mops()) {
            if (!mop.read() && Objects.equals(mop.key(), key)) {
                if (after) {
                    return mop.value();
                }
                after = Objects.equals(mop.value(), value);
            }
        }
        return null;
    }

    private static ArrayNode orNull(ArrayNode cases) {
        return cases.isEmpty() ? null : cases;
    }
}
