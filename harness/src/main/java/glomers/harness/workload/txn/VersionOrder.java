package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.Op;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * The partial version order of each key: which value of a key must have come before which,
 * built from named sources of evidence and merged as Elle's rw-register merges them
 * ({@code elle/rw_register.clj}, {@code version-graphs}): sources are added one at a time; if
 * adding one makes the version graph of some key cyclic, the cycles are reported as
 * {@code cyclic-versions} (with the names of the sources used so far and this one) and that
 * source is left out.
 *
 * <p>Maelstrom's txn-rw-register passes {@code :wfr-keys? true} and nothing else, so its sources
 * are {@link #initialState} and {@link #writesFollowReads}; {@link NodeOrder} is this bench's
 * extra source.
 */
final class VersionOrder {
    /**
     * A version-order fact: in key's order, from came before to; why says how we know (made
     * only when a cycle or an anomaly through the edge is explained: most never are).
     */
    record Edge(Object key, Object from, Object to, Supplier<String> why) {
    }

    /** A named source of version-order facts. */
    record Source(String name, List<Edge> edges) {
    }

    /** An edge of a key's version graph, carrying its reason. JGraphT needs one object per edge. */
    static final class Why {
        final Supplier<String> text;

        Why(Supplier<String> text) {
            this.text = text;
        }
    }

    /** Stands for nil (never written) as a graph vertex, since JGraphT vertices cannot be null. */
    private static final Object NIL = new Object() {
        @Override
        public String toString() {
            return "nil";
        }
    };

    private final Map<Object, Graph<Object, Why>> graphs = new TreeMap<>(Mop.ORDER);
    private final List<String> sources = new ArrayList<>();
    private final ArrayNode cyclicVersions = Json.mapper().createArrayNode();

    private VersionOrder() {
    }

    /** Merges the sources in order, as described in the class comment. */
    static VersionOrder infer(List<Source> sources) {
        VersionOrder order = new VersionOrder();
        for (Source source : sources) {
            order.tryAdd(source);
        }
        return order;
    }

    /**
     * Elle's {@code initial-state-version-graphs}: every key starts as nil, so nil precedes every
     * other value written (by an ok or info transaction) or read (by an ok one).
     */
    static Source initialState(TxnHistory history) {
        List<Edge> edges = new ArrayList<>();
        for (Txn txn : history.entries()) {
            if (txn.type() != Op.Type.OK && txn.type() != Op.Type.INFO) {
                continue;
            }
            List<Map.Entry<Object, Object>> kvs = new ArrayList<>(txn.extWrites().entrySet());
            if (txn.isOk()) {
                kvs.addAll(txn.extReads().entrySet());
            }
            for (Map.Entry<Object, Object> kv : kvs) {
                if (kv.getValue() != null) {
                    edges.add(new Edge(kv.getKey(), null, kv.getValue(), () -> "every key starts as nil, before any value is written"));
                }
            }
        }
        return new Source("initial-state", edges);
    }

    /**
     * Elle's {@code wfr-version-graphs}, Maelstrom's only inference (spec §3.6): writes follow
     * reads within a transaction, so when an ok transaction externally reads k = v (not nil) and
     * writes k = v', v came before v'.
     */
    static Source writesFollowReads(TxnHistory history) {
        List<Edge> edges = new ArrayList<>();
        for (Txn txn : history.oks()) {
            txn.extReads().forEach((k, v) -> {
                if (v != null && txn.extWrites().containsKey(k)) {
                    Object w = txn.extWrites().get(k);
                    edges.add(new Edge(k, v, w, () -> "op " + txn.index() + " read " + Mop.show(v) + " and then wrote "
                            + Mop.show(w) + " in one transaction (writes follow reads)"));
                }
            });
        }
        return new Source("wfr-keys", edges);
    }

    /**
     * Adds the source's edges to the key graphs in place; if some key's graph became cyclic,
     * reports its cycles and takes every added vertex and edge out again. Only keys the source
     * touched are checked: the others were acyclic before and did not change.
     */
    private void tryAdd(Source source) {
        Map<Object, Graph<Object, Why>> touched = new TreeMap<>(Mop.ORDER);
        Set<Object> newKeys = new HashSet<>();
        Map<Object, List<Object>> newVertices = new HashMap<>();
        Map<Object, List<Why>> newEdges = new HashMap<>();
        for (Edge e : source.edges()) {
            Object from = vertex(e.from());
            Object to = vertex(e.to());
            if (from.equals(to)) {
                continue; // no self-edges, as in Elle
            }
            Graph<Object, Why> g = graphs.get(e.key());
            if (g == null) {
                g = newGraph();
                graphs.put(e.key(), g);
                newKeys.add(e.key());
            }
            touched.put(e.key(), g);
            for (Object v : List.of(from, to)) {
                if (g.addVertex(v)) {
                    newVertices.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(v);
                }
            }
            if (!g.containsEdge(from, to)) {
                Why why = new Why(e.why());
                g.addEdge(from, to, why);
                newEdges.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(why);
            }
        }
        List<String> names = new ArrayList<>(sources);
        names.add(source.name());
        boolean cyclic = false;
        for (Map.Entry<Object, Graph<Object, Why>> kg : touched.entrySet()) {
            if (!new CycleDetector<>(kg.getValue()).detectCycles()) {
                continue;
            }
            List<Set<Object>> sccs = new ArrayList<>(new KosarajuStrongConnectivityInspector<>(kg.getValue())
                    .stronglyConnectedSets());
            sccs.removeIf(scc -> scc.size() < 2);
            Comparator<Object> byValue = (a, b) -> Mop.ORDER.compare(value(a), value(b));
            sccs.sort(Comparator.comparing(scc -> scc.stream().min(byValue).orElseThrow(), byValue));
            for (Set<Object> scc : sccs) {
                cyclic = true;
                cyclicVersions.add(cyclicCase(kg.getKey(), kg.getValue(), scc, names));
            }
        }
        if (!cyclic) {
            sources.add(source.name());
            return;
        }
        newEdges.forEach((k, edges) -> graphs.get(k).removeAllEdges(edges));
        newVertices.forEach((k, vertices) -> graphs.get(k).removeAllVertices(vertices));
        newKeys.forEach(graphs::remove);
    }

    private static ObjectNode cyclicCase(Object key, Graph<Object, Why> g, Set<Object> scc, List<String> names) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.set("key", Json.mapper().valueToTree(key));
        ArrayNode values = c.putArray("scc");
        scc.stream().map(VersionOrder::value).sorted(Mop.ORDER).forEach(v -> values.add(Json.mapper().valueToTree(v)));
        ArrayNode sourceNames = c.putArray("sources");
        names.forEach(sourceNames::add);
        List<String> reasons = new ArrayList<>();
        for (Why e : g.edgeSet()) {
            Object from = g.getEdgeSource(e);
            Object to = g.getEdgeTarget(e);
            if (scc.contains(from) && scc.contains(to)) {
                reasons.add(from + " before " + to + " because " + e.text.get());
            }
        }
        reasons.sort(null);
        c.put("explanation", "the version order of key " + Mop.show(key) + " has a cycle among the values "
                + values + " (" + String.join("; ", reasons) + "): no single order of versions explains what"
                + " was observed");
        return c;
    }

    /** The cyclic-versions cases found while merging, or null if none. */
    ArrayNode cyclicVersions() {
        return cyclicVersions.isEmpty() ? null : cyclicVersions;
    }

    /** The names of the sources that were used (those that made no cycle). */
    List<String> sources() {
        return List.copyOf(sources);
    }

    /** Visits every accepted version-order edge: key, from, to (null for nil), why. */
    void forEachEdge(EdgeVisitor visitor) {
        graphs.forEach((k, g) -> {
            for (Why e : g.edgeSet()) {
                visitor.visit(k, value(g.getEdgeSource(e)), value(g.getEdgeTarget(e)), e.text);
            }
        });
    }

    interface EdgeVisitor {
        void visit(Object key, Object from, Object to, Supplier<String> why);
    }

    private static Graph<Object, Why> newGraph() {
        return new DefaultDirectedGraph<>(null, null, false);
    }

    private static Object vertex(Object value) {
        return value == null ? NIL : value;
    }

    private static Object value(Object vertex) {
        return vertex == NIL ? null : vertex;
    }
}
