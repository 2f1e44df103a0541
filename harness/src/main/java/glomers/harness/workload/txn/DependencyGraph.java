package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.Op;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * Elle's transaction dependency graph over completed transactions: an edge a → b says a must
 * come before b, for one or more reasons ({@link Rel}). Each reason keeps its first witness: the
 * data Elle's explainers produce ({@code type}, {@code key}, {@code value}, {@code value'},
 * mop indices …) and a sentence saying why the edge exists.
 *
 * <p>Builders, one per kind of edge, following Elle ({@code elle/rw_register.clj} {@code wr-graph},
 * {@code version-graphs->transaction-graph}; {@code elle/core.clj} {@code process-graph},
 * {@code realtime-graph}). Elle's graphs allow self-edges and drop them; a transaction that
 * would have one still counts as a vertex, which matters only for {@link #isEmpty()}.
 */
final class DependencyGraph {
    /** Why a must precede b. Declared in the order Elle's combined explainer tries them. */
    enum Rel {
        WR, WW, RW, PROCESS, REALTIME;

        String elleName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One reason for an edge: Elle's explanation data, and a sentence with {a} and {b} for the
     * two names. Both are made only when a cycle through the edge is explained.
     */
    record Witness(Rel rel, Supplier<ObjectNode> data, Supplier<String> sentence) {
        String render(String a, String b) {
            return sentence.get().replace("{a}", a).replace("{b}", b);
        }
    }

    /** An edge: its reasons, first witness of each. JGraphT needs one object per edge. */
    static final class Dep {
        final EnumMap<Rel, Witness> witnesses = new EnumMap<>(Rel.class);

        /** How the edge is explained, and so classified: the first reason in Elle's explainer order. */
        Rel kind() {
            return witnesses.keySet().iterator().next();
        }

        Witness explanation() {
            return witnesses.get(kind());
        }
    }

    final Graph<Txn, Dep> graph = new DefaultDirectedGraph<>(null, null, false);
    private final Set<Txn> vertices = new HashSet<>();

    /** Adds reason w to the edge a → b (a self-edge only marks a as a vertex, as in Elle). */
    void link(Txn a, Txn b, Witness w) {
        vertices.add(a);
        vertices.add(b);
        if (a == b) {
            return;
        }
        graph.addVertex(a);
        graph.addVertex(b);
        Dep dep = graph.getEdge(a, b);
        if (dep == null) {
            dep = new Dep();
            graph.addEdge(a, b, dep);
        }
        dep.witnesses.putIfAbsent(w.rel(), w);
    }

    /**
     * Elle's {@code empty-transaction-graph} test ({@code elle/txn.clj} {@code cycles}, RelGraph
     * {@code isEmpty}): no transaction was ever linked to another, not even by a self-edge.
     */
    boolean isEmpty() {
        return vertices.isEmpty();
    }

    /** key -> value -> ok transactions, from each ok transaction's external reads or writes. */
    private static Map<Object, Map<Object, List<Txn>>> extIndex(TxnHistory history, boolean reads) {
        Map<Object, Map<Object, List<Txn>>> index = new LinkedHashMap<>();
        for (Txn txn : history.oks()) {
            (reads ? txn.extReads() : txn.extWrites()).forEach((k, v) ->
                    index.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(v, x -> new ArrayList<>()).add(txn));
        }
        return index;
    }

    /**
     * wr edges: the one ok transaction that wrote k = v (externally) precedes every ok transaction
     * that externally read k = v. A value nobody ok wrote (nil, or a failed or crashed write)
     * gives no edge.
     *
     * @throws TxnHistory.RefusedHistory if a value read was written by more than one ok
     *     transaction, as Elle refuses it
     */
    void addWriteRead(TxnHistory history) {
        Map<Object, Map<Object, List<Txn>>> writes = extIndex(history, false);
        extIndex(history, true).forEach((k, byValue) -> byValue.forEach((v, readers) -> {
            List<Txn> writers = writes.getOrDefault(k, Collections.emptyMap()).getOrDefault(v, List.of());
            if (writers.size() > 1) {
                throw new TxnHistory.RefusedHistory("Key " + Mop.show(k) + " had value " + Mop.show(v)
                        + " written by more than one op: " + writers.stream().map(t -> "op " + t.index()).toList()
                        + ". Writes must be unique per key (elle/rw_register.clj wr-graph).");
            }
            if (writers.size() == 1) {
                Txn w = writers.get(0);
                for (Txn r : readers) {
                    link(w, r, new Witness(Rel.WR, () -> {
                        ObjectNode data = data(Rel.WR, k);
                        data.set("value", Json.mapper().valueToTree(v));
                        data.put("a-mop-index", w.indexOf(new Mop(false, k, v)));
                        data.put("b-mop-index", r.indexOf(new Mop(true, k, v)));
                        return data;
                    }, () -> "{a} wrote key " + Mop.show(k) + " = " + Mop.show(v) + ", which was read by {b}"));
                }
            }
        }));
    }

    /**
     * ww and rw edges from each version-order edge k: v1 → v2: every ok transaction whose final
     * write of k was v1 precedes (ww) every one whose final write was v2, and every ok
     * transaction that externally read v1 precedes (rw) every one that wrote v2.
     *
     * @param readWrite false to add the ww edges only (a search for cycles of wr and ww edges
     *     needs no more; the rw edges, one per reader and later writer, are most of the graph)
     */
    void addVersionOrder(TxnHistory history, VersionOrder order, boolean readWrite) {
        Map<Object, Map<Object, List<Txn>>> writes = extIndex(history, false);
        Map<Object, Map<Object, List<Txn>>> reads = readWrite ? extIndex(history, true) : Map.of();
        order.forEachEdge((k, v1, v2, why) -> {
            List<Txn> v2Writers = writes.getOrDefault(k, Collections.emptyMap()).getOrDefault(v2, List.of());
            if (v2Writers.isEmpty()) {
                return;
            }
            for (Txn a : writes.getOrDefault(k, Collections.emptyMap()).getOrDefault(v1, List.of())) {
                for (Txn b : v2Writers) {
                    link(a, b, new Witness(Rel.WW, () -> versionData(Rel.WW, a, b, k, v1, v2), () -> "{a} set key "
                            + Mop.show(k) + " to " + Mop.show(v1) + ", and {b} set it to " + Mop.show(v2)
                            + ", which came later in the version order (because " + why.get() + ")"));
                }
            }
            if (!readWrite) {
                return;
            }
            for (Txn a : reads.getOrDefault(k, Collections.emptyMap()).getOrDefault(v1, List.of())) {
                for (Txn b : v2Writers) {
                    link(a, b, new Witness(Rel.RW, () -> versionData(Rel.RW, a, b, k, v1, v2), () -> "{a} read key "
                            + Mop.show(k) + " = " + Mop.show(v1) + ", and {b} set it to " + Mop.show(v2)
                            + ", which came later in the version order (because " + why.get() + ")"));
                }
            }
        });
    }

    private static ObjectNode versionData(Rel rel, Txn a, Txn b, Object k, Object v1, Object v2) {
        ObjectNode data = data(rel, k);
        data.set("value", Json.mapper().valueToTree(v1));
        data.set("value'", Json.mapper().valueToTree(v2));
        data.put("a-mop-index", a.indexOf(new Mop(rel == Rel.RW, k, v1)));
        data.put("b-mop-index", b.indexOf(new Mop(false, k, v2)));
        return data;
    }

    /** process edges: each process's ok transactions, one after the other (Elle's {@code process-graph}). */
    void addProcess(TxnHistory history) {
        Map<Integer, Txn> last = new HashMap<>();
        for (Txn txn : history.oks()) {
            Txn before = last.put(txn.process(), txn);
            if (before != null) {
                link(before, txn, new Witness(Rel.PROCESS, () -> {
                    ObjectNode data = Json.mapper().createObjectNode();
                    data.put("type", Rel.PROCESS.elleName());
                    data.put("process", txn.process());
                    return data;
                }, () -> "process " + txn.process() + " executed {a} before {b}"));
            }
        }
    }

    /**
     * realtime edges: a → b when ok transaction a completed before b was invoked; only a
     * transitive reduction is kept, exactly as Elle's {@code realtime-graph} builds it: a buffer
     * of completed ok ops is linked to the completion of every later invocation (fail and info
     * completions included), and an ok completion drops from the buffer the ops linked to it.
     */
    void addRealtime(TxnHistory history) {
        Set<Txn> buffer = new LinkedHashSet<>();
        Map<Txn, List<Txn>> linkedTo = new HashMap<>();
        for (Txn entry : history.entries()) {
            if (entry.type() == Op.Type.INVOKE) {
                Txn completion = history.completionOf(entry);
                if (completion == null) {
                    continue;
                }
                List<Txn> before = new ArrayList<>(buffer);
                linkedTo.put(completion, before);
                for (Txn a : before) {
                    link(a, completion, realtimeWitness(a, entry));
                }
            } else if (entry.isOk()) {
                buffer.removeAll(linkedTo.getOrDefault(entry, List.of()));
                buffer.add(entry);
            }
        }
    }

    private static Witness realtimeWitness(Txn completed, Txn invocation) {
        return new Witness(Rel.REALTIME, () -> {
            ObjectNode data = Json.mapper().createObjectNode();
            data.put("type", Rel.REALTIME.elleName());
            data.set("a'", completed.toJson());
            data.set("b", invocation.toJson());
            return data;
        }, () -> {
            long dt = invocation.op().timeNanos() - completed.op().timeNanos();
            String gap = dt > 0 ? String.format(Locale.ROOT, " %.3f seconds", dt / 1e9) : " just";
            return "{a} completed at index " + completed.index() + "," + gap + " before the invocation of {b},"
                    + " at index " + invocation.index();
        });
    }

    private static ObjectNode data(Rel rel, Object key) {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("type", rel.elleName());
        data.set("key", Json.mapper().valueToTree(key));
        return data;
    }
}
