package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.workload.txn.DependencyGraph.Dep;
import glomers.harness.workload.txn.DependencyGraph.Rel;
import glomers.harness.workload.txn.DependencyGraph.Witness;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.MaskSubgraph;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * Finds the anomaly cycles of a dependency graph and names them as Elle does
 * ({@code elle/txn.clj}: {@code cycles}, {@code cycle-cases-in-scc}, {@code cycle-explainer},
 * {@code cycle-anomaly-specs}).
 *
 * <p><b>Where.</b> Only inside strongly connected components of two or more transactions
 * (JGraphT's Kosaraju), one search per component, components by lowest op index; a graph that
 * JGraphT's depth-first CycleDetector finds acyclic has none, and is left there.
 *
 * <p><b>What.</b> Each component is searched for one cycle of each kind in {@link #SPECS}, most
 * severe first; once a kind is found, every kind it implies ({@link ConsistencyModels}) is
 * skipped in that component, as in Elle. A spec says which edge the cycle starts with, which
 * edges the way back may use, whether two rw edges may be adjacent, and which edge kind it
 * must contain. An edge counts as the kind it is explained by: wr before ww before rw before
 * process/realtime, the order of Elle's combined explainer. For instance, Maelstrom's ww edges
 * (from writes-follow-reads) always coincide with a wr edge, so they explain as wr.
 *
 * <p><b>How.</b> A cycle is a start edge u → v plus a shortest way back v ⇝ u, found by
 * JGraphT's breadth-first search over a product graph (transaction × "was the last edge rw" ×
 * "has the required edge been seen"), so the constraints hold along the way. The product
 * graph's strongly connected components are ranked in topological order: a start edge u → v
 * whose head v ranks above its tail u cannot close a cycle and is dropped before any search, and
 * a search towards u skips every vertex ranked above u's (nothing there leads back to u). The way back may
 * repeat a transaction with a different state: the result is then a closed walk whose every step
 * is still a real dependency.
 *
 * <p><b>Names.</b> Elle's classification of a cycle without predicate reads (rw-register has
 * none): exactly one rw edge is G-single-item; more, with two adjacent, G2-item; more, none
 * adjacent, G-nonadjacent-item; otherwise any wr is G1c; otherwise G0; then "-realtime" if any
 * realtime edge, else "-process" if any process edge.
 *
 * <p><b>Limit.</b> At most {@link #WORK_LIMIT} product-graph vertices and edges are touched per
 * component. Past that, as Elle does when its 1 s per-component search times out, the component
 * reports a {@code cycle-search-timeout} case plus one shortest cycle through its first edge,
 * named by its edges.
 */
final class CycleSearch {
    /** Product-graph vertices plus edges touched per strongly connected component before giving up. */
    static final long WORK_LIMIT = 20_000_000L;

    private static final int LAST_RW = 1;
    private static final int SEEN_REQUIRED = 2;

    /**
     * One kind of cycle to look for.
     *
     * @param name        the anomaly, e.g. G-single-item-realtime
     * @param start       the kind of the cycle's first edge
     * @param path        the kinds the rest of the cycle may use
     * @param nonadjacent no two rw edges in a row (cyclically)
     * @param required    a kind that must appear somewhere, or null
     */
    record Spec(String name, Rel start, Set<Rel> path, boolean nonadjacent, Rel required) {
        /** Whether every edge of such a cycle is of one of these kinds. */
        boolean usesOnly(Set<Rel> kinds) {
            return kinds.contains(start) && kinds.containsAll(path) && (required == null || kinds.contains(required));
        }
    }

    /** Elle's base specs, then their -process and -realtime variants, each in order of severity. */
    static final List<Spec> SPECS = specs();

    private static List<Spec> specs() {
        List<Spec> base = List.of(
                new Spec("G0", Rel.WW, EnumSet.of(Rel.WW), false, null),
                new Spec("G1c", Rel.WR, EnumSet.of(Rel.WW, Rel.WR), false, null),
                new Spec("G-single-item", Rel.RW, EnumSet.of(Rel.WW, Rel.WR), false, null),
                new Spec("G-nonadjacent-item", Rel.RW, EnumSet.of(Rel.WW, Rel.WR, Rel.RW), true, null),
                new Spec("G2-item", Rel.RW, EnumSet.of(Rel.WW, Rel.WR, Rel.RW), false, null));
        List<Spec> all = new ArrayList<>(base);
        for (Rel variant : List.of(Rel.PROCESS, Rel.REALTIME)) {
            for (Spec s : base) {
                EnumSet<Rel> path = EnumSet.copyOf(s.path());
                path.add(variant);
                String name = s.name() + "-" + variant.elleName();
                // G0's variant starts at the variant edge: its cycles are made of ww and that edge only.
                all.add(s.start() == Rel.WW
                        ? new Spec(name, variant, path, false, null)
                        : new Spec(name, s.start(), path, s.nonadjacent(), variant));
            }
        }
        return List.copyOf(all);
    }

    private CycleSearch() {
    }

    /** A transaction in a given search state. */
    private record State(Txn txn, int mask) {
    }

    /** Anomaly type → explained cycles (and cycle-search-timeout cases), in the order found. */
    static Map<String, ArrayNode> search(DependencyGraph dg) {
        return search(dg, WORK_LIMIT);
    }

    /** As {@link #search(DependencyGraph)}, with another work limit per component. */
    static Map<String, ArrayNode> search(DependencyGraph dg, long workLimit) {
        return search(dg, SPECS, workLimit);
    }

    /**
     * As {@link #search(DependencyGraph)}, for the given kinds of cycle only (a sublist of
     * {@link #SPECS}, in its order).
     */
    static Map<String, ArrayNode> search(DependencyGraph dg, List<Spec> specs, long workLimit) {
        Map<String, ArrayNode> out = new LinkedHashMap<>();
        if (!new CycleDetector<>(dg.graph).detectCycles()) {
            return out; // one depth-first pass settles the common case, with no component to search
        }
        // Each component's transactions in history order, so that the search, and the cycle it
        // reports, does not depend on the order a set of identity-hashed transactions iterates in.
        List<List<Txn>> sccs = new ArrayList<>();
        for (Set<Txn> scc : new KosarajuStrongConnectivityInspector<>(dg.graph).stronglyConnectedSets()) {
            if (scc.size() >= 2) {
                sccs.add(scc.stream().sorted(Comparator.comparingLong(Txn::index)).toList());
            }
        }
        sccs.sort(Comparator.comparingLong(scc -> scc.get(0).index()));
        for (List<Txn> scc : sccs) {
            searchComponent(dg, scc, specs, workLimit, out);
        }
        return out;
    }

    private static void searchComponent(DependencyGraph dg, List<Txn> scc, List<Spec> specs, long workLimit,
            Map<String, ArrayNode> out) {
        Graph<Txn, Dep> sub = component(dg.graph, scc);
        Set<String> redundant = new HashSet<>();
        List<String> searched = new ArrayList<>();
        Set<String> found = new HashSet<>();
        long[] work = {workLimit}; // counts down
        for (Spec spec : specs) {
            if (redundant.contains(spec.name())) {
                continue;
            }
            searched.add(spec.name());
            List<Txn> cycle;
            try {
                cycle = find(sub, spec, work);
            } catch (OutOfWork e) {
                ObjectNode timeout = Json.mapper().createObjectNode();
                timeout.put("type", "cycle-search-timeout");
                timeout.put("anomaly-spec-type", spec.name());
                ArrayNode none = timeout.putArray("does-not-contain");
                searched.subList(0, searched.size() - 1).stream().filter(t -> !found.contains(t)).forEach(none::add);
                timeout.put("scc-size", scc.size());
                out.computeIfAbsent("cycle-search-timeout", t -> Json.mapper().createArrayNode()).add(timeout);
                ObjectNode fallback = explain(sub, anyCycle(sub));
                out.computeIfAbsent(fallback.get("type").asText(), t -> Json.mapper().createArrayNode()).add(fallback);
                return;
            }
            if (cycle != null) {
                found.add(spec.name());
                out.computeIfAbsent(spec.name(), t -> Json.mapper().createArrayNode()).add(explain(sub, cycle));
                redundant.addAll(ConsistencyModels.impliedAnomalies(List.of(spec.name())));
            }
        }
    }

    /** The component as a graph of its own (JGraphT's AsSubgraph would scan every edge of the whole graph). */
    private static Graph<Txn, Dep> component(Graph<Txn, Dep> g, List<Txn> scc) {
        Graph<Txn, Dep> sub = new DefaultDirectedGraph<>(null, null, false);
        scc.forEach(sub::addVertex);
        for (Txn t : scc) {
            for (Dep d : g.outgoingEdgesOf(t)) {
                if (sub.containsVertex(g.getEdgeTarget(d))) {
                    sub.addEdge(t, g.getEdgeTarget(d), d);
                }
            }
        }
        return sub;
    }

    private static final class OutOfWork extends RuntimeException {
        OutOfWork() {
            super(null, null, false, false);
        }
    }

    /** A cycle [t0, t1, …, t0] of the spec's kind in the component, or null. */
    private static List<Txn> find(Graph<Txn, Dep> sub, Spec spec, long[] work) {
        List<Dep> starts = new ArrayList<>();
        boolean requiredPresent = spec.required() == null;
        for (Dep d : sub.edgeSet()) {
            starts.add(d);
            requiredPresent |= d.kind() == spec.required();
        }
        starts.removeIf(d -> d.kind() != spec.start());
        if (starts.isEmpty() || !requiredPresent) {
            return null;
        }
        starts.sort(Comparator.comparingLong((Dep d) -> sub.getEdgeSource(d).index())
                .thenComparingLong(d -> sub.getEdgeTarget(d).index()));
        int init = (spec.nonadjacent() && spec.start() == Rel.RW ? LAST_RW : 0)
                | (spec.start() == spec.required() ? SEEN_REQUIRED : 0);
        int target = spec.required() != null ? SEEN_REQUIRED : 0;

        // A start edge u -> v closes a cycle only if v reaches u in the product graph. Rank the
        // product's strongly connected components in topological order: v reaches u only if
        // v's rank is at most u's, and a search towards u never needs a vertex ranked above u's.
        Graph<State, DefaultEdge> product = product(sub, spec, work);
        Map<State, Integer> component = new HashMap<>();
        List<Set<State>> sccs = new KosarajuStrongConnectivityInspector<>(product).stronglyConnectedSets();
        for (int i = 0; i < sccs.size(); i++) {
            for (State st : sccs.get(i)) {
                component.put(st, i);
            }
        }
        int[] rankOf = topologicalRanks(product, component, sccs.size());
        work[0] -= product.vertexSet().size() + product.edgeSet().size();

        // One breadth-first search per distinct head v, serving every candidate start edge u -> v.
        Map<Txn, List<Txn>> tailsByHead = new LinkedHashMap<>();
        for (Dep d : starts) {
            State from = new State(sub.getEdgeSource(d), target);
            State to = new State(sub.getEdgeTarget(d), init);
            if (rankOf[component.get(to)] <= rankOf[component.get(from)]) {
                tailsByHead.computeIfAbsent(to.txn(), v -> new ArrayList<>()).add(from.txn());
            }
        }
        for (Map.Entry<Txn, List<Txn>> e : tailsByHead.entrySet()) {
            Txn head = e.getKey();
            Set<State> wanted = new HashSet<>();
            e.getValue().forEach(tail -> wanted.add(new State(tail, target)));
            int maxRank = wanted.stream().mapToInt(st -> rankOf[component.get(st)]).max().orElseThrow();
            Graph<State, DefaultEdge> window = new MaskSubgraph<>(product, st -> rankOf[component.get(st)] > maxRank, x -> false);
            BreadthFirstIterator<State, DefaultEdge> bfs = new BreadthFirstIterator<>(window, new State(head, init));
            while (bfs.hasNext() && !wanted.isEmpty()) {
                State st = bfs.next();
                if (--work[0] < 0) {
                    throw new OutOfWork();
                }
                if (wanted.remove(st)) {
                    List<Txn> cycle = new ArrayList<>();
                    for (State at = st; at != null; at = bfs.getParent(at)) {
                        cycle.add(at.txn());
                    }
                    cycle.add(st.txn()); // the start edge st.txn -> head closes the cycle
                    Collections.reverse(cycle);
                    if (type(sub, cycle).equals(spec.name())) {
                        return cycle;
                    }
                }
            }
        }
        if (work[0] < 0) {
            throw new OutOfWork();
        }
        return null;
    }

    /**
     * Each strongly connected component's position in a topological order of the components
     * (JGraphT's TopologicalOrderIterator over the condensation): an edge between two components
     * always goes from a lower rank to a higher one.
     */
    private static int[] topologicalRanks(Graph<State, DefaultEdge> product, Map<State, Integer> component, int count) {
        Graph<Integer, DefaultEdge> condensation = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (int i = 0; i < count; i++) {
            condensation.addVertex(i);
        }
        for (DefaultEdge e : product.edgeSet()) {
            int a = component.get(product.getEdgeSource(e));
            int b = component.get(product.getEdgeTarget(e));
            if (a != b) {
                condensation.addEdge(a, b);
            }
        }
        int[] rank = new int[count];
        int next = 0;
        for (TopologicalOrderIterator<Integer, DefaultEdge> it = new TopologicalOrderIterator<>(condensation); it.hasNext(); ) {
            rank[it.next()] = next++;
        }
        return rank;
    }

    /** The product graph: transaction × search state, with the spec's allowed transitions. */
    private static Graph<State, DefaultEdge> product(Graph<Txn, Dep> sub, Spec spec, long[] work) {
        int bits = (spec.nonadjacent() ? LAST_RW : 0) | (spec.required() != null ? SEEN_REQUIRED : 0);
        List<Integer> masks = new ArrayList<>();
        for (int m = 0; m <= bits; m++) {
            if ((m & ~bits) == 0) {
                masks.add(m);
            }
        }
        Graph<State, DefaultEdge> product = new DefaultDirectedGraph<>(null, null, false);
        for (Txn t : sub.vertexSet()) {
            for (int m : masks) {
                product.addVertex(new State(t, m));
            }
        }
        for (Dep d : sub.edgeSet()) {
            Rel kind = d.kind();
            if (!spec.path().contains(kind)) {
                continue;
            }
            for (int m : masks) {
                if (spec.nonadjacent() && kind == Rel.RW && (m & LAST_RW) != 0) {
                    continue;
                }
                int next = (spec.nonadjacent() && kind == Rel.RW ? LAST_RW : 0) | (m & SEEN_REQUIRED)
                        | (kind == spec.required() ? SEEN_REQUIRED : 0);
                product.addEdge(new State(sub.getEdgeSource(d), m), new State(sub.getEdgeTarget(d), next),
                        new DefaultEdge());
                if (--work[0] < 0) {
                    throw new OutOfWork();
                }
            }
        }
        return product;
    }

    /** Some shortest cycle through the component's first edge, whatever its kind. */
    private static List<Txn> anyCycle(Graph<Txn, Dep> sub) {
        Dep first = Collections.min(sub.edgeSet(), Comparator.comparingLong((Dep d) -> sub.getEdgeSource(d).index())
                .thenComparingLong(d -> sub.getEdgeTarget(d).index()));
        Txn u = sub.getEdgeSource(first);
        GraphPath<Txn, Dep> back = new BFSShortestPath<>(sub).getPath(sub.getEdgeTarget(first), u);
        List<Txn> cycle = new ArrayList<>();
        cycle.add(u);
        cycle.addAll(back.getVertexList());
        return cycle;
    }

    /** Elle's name for a cycle [t0, …, t0], from how its edges are explained. */
    static String type(Graph<Txn, Dep> g, List<Txn> cycle) {
        List<Rel> kinds = new ArrayList<>();
        for (int i = 0; i + 1 < cycle.size(); i++) {
            kinds.add(g.getEdge(cycle.get(i), cycle.get(i + 1)).kind());
        }
        Map<Rel, Integer> count = new HashMap<>();
        kinds.forEach(k -> count.merge(k, 1, Integer::sum));
        int rw = count.getOrDefault(Rel.RW, 0);
        boolean rwAdjacent = false;
        for (int i = 0; i < kinds.size(); i++) {
            rwAdjacent |= kinds.get(i) == Rel.RW && kinds.get((i + 1) % kinds.size()) == Rel.RW;
        }
        String base;
        if (rw == 1) {
            base = "G-single-item";
        } else if (rw > 1) {
            base = rwAdjacent ? "G2-item" : "G-nonadjacent-item";
        } else if (count.containsKey(Rel.WR)) {
            base = "G1c";
        } else if (count.containsKey(Rel.WW)) {
            base = "G0";
        } else {
            throw new IllegalStateException("a cycle of only process or realtime edges cannot exist: " + cycle);
        }
        if (count.containsKey(Rel.REALTIME)) {
            return base + "-realtime";
        }
        return count.containsKey(Rel.PROCESS) ? base + "-process" : base;
    }

    /**
     * Elle's explained cycle: {@code type}, {@code cycle} (the ops, the first repeated at the
     * end), {@code steps} (each edge's explanation data plus an {@code explanation} sentence
     * naming the transactions T1, T2, …), and {@code explanation}, the whole argument as Elle
     * renders it.
     */
    static ObjectNode explain(Graph<Txn, Dep> g, List<Txn> cycle) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("type", type(g, cycle));
        ArrayNode ops = out.putArray("cycle");
        cycle.forEach(t -> ops.add(t.toJson()));
        ArrayNode steps = out.putArray("steps");
        int n = cycle.size() - 1;
        StringBuilder text = new StringBuilder("Let:\n");
        for (int i = 0; i < n; i++) {
            text.append("  T").append(i + 1).append(" = ").append(cycle.get(i).describe()).append('\n');
        }
        text.append("\nThen:\n");
        for (int i = 0; i < n; i++) {
            String a = "T" + (i + 1);
            String b = "T" + ((i + 1) % n + 1);
            Witness w = g.getEdge(cycle.get(i), cycle.get(i + 1)).explanation();
            String sentence = w.render(a, b);
            ObjectNode step = w.data().get();
            step.put("explanation", sentence);
            steps.add(step);
            text.append(i == n - 1 ? "  - However, " : "  - ").append(a).append(" < ").append(b)
                    .append(", because ").append(sentence).append(i == n - 1 ? ": a contradiction!" : ".\n");
        }
        out.put("explanation", text.toString());
        return out;
    }
}
