package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.Op;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
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
    /** A version-order fact: in key's order, from came before to; why says how we know. */
    record Edge(Object key, Object from, Object to, String why) {
    }

    /** A named source of version-order facts. */
    record Source(String name, List<Edge> edges) {
    }

    /** An edge of a key's version graph, carrying its reason. JGraphT needs one object per edge. */
    static final class Why {
        final String text;

        Why(String text) {
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
                    edges.add(new Edge(kv.getKey(), null, kv.getValue(),
                            "every key starts as nil, before any value is written"));
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
                    edges.add(new Edge(k, v, w, "op " + txn.index() + " read " + Mop.show(v) + " and then wrote "
                            + Mop.show(w) + " in one transaction (writes follow reads)"));
                }
            });
        }
        return new Source("wfr-keys", edges);
    }

    private void tryAdd(Source source) {
        Map<Object, Graph<Object, Why>> merged = new TreeMap<>(Mop.ORDER);
        graphs.forEach((k, g) -> merged.put(k, copy(g)));
        for (Edge e : source.edges()) {
            Graph<Object, Why> g = merged.computeIfAbsent(e.key(), k -> newGraph());
            Object from = vertex(e.from());
            Object to = vertex(e.to());
            if (from.equals(to)) {
                continue; // no self-edges, as in Elle
            }
            g.addVertex(from);
            g.addVertex(to);
            if (!g.containsEdge(from, to)) {
                g.addEdge(from, to, new Why(e.why()));
            }
        }
        List<String> names = new ArrayList<>(sources);
        names.add(source.name());
        boolean cyclic = false;
        for (Map.Entry<Object, Graph<Object, Why>> kg : merged.entrySet()) {
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
            graphs.clear();
            graphs.putAll(merged);
            sources.add(source.name());
        }
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
                reasons.add(from + " before " + to + " because " + e.text);
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
        void visit(Object key, Object from, Object to, String why);
    }

    private static Graph<Object, Why> newGraph() {
        return new DefaultDirectedGraph<>(null, null, false);
    }

    private static Graph<Object, Why> copy(Graph<Object, Why> g) {
        Graph<Object, Why> out = newGraph();
        g.vertexSet().forEach(out::addVertex);
        for (Why e : g.edgeSet()) {
            out.addEdge(g.getEdgeSource(e), g.getEdgeTarget(e), e);
        }
        return out;
    }

    private static Object vertex(Object value) {
        return value == null ? NIL : value;
    }

    private static Object value(Object vertex) {
        return vertex == NIL ? null : vertex;
    }
}
