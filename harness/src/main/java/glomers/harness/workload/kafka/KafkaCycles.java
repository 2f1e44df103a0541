package glomers.harness.workload.kafka;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.MaskSubgraph;
import org.jgrapht.graph.SimpleDirectedGraph;

/**
 * The cycle part of Jepsen's kafka checker, as Maelstrom runs it (jepsen {@code tests/kafka.clj}
 * v0.3.7 {@code cycles!}, {@code graph}, {@code wr-graph}, {@code ww-graph}; elle 0.2.x
 * {@code elle/txn.clj} {@code cycles}, {@code cycle-exists-cases}, {@code cycle-cases-in-scc},
 * {@code cycle-explainer}; {@code elle/core.clj} {@code realtime-graph}).
 *
 * <p><b>The graph.</b> Vertices are the completions of sends and polls. Edges:
 * <ul>
 *   <li><b>wr</b>: the send that wrote a message → every other op that polled it (the writer is
 *       the last completion, of any outcome, that sent it; a polled message nobody sent stops the
 *       check, as Jepsen's {@code :no-writer-of-value} does);</li>
 *   <li><b>realtime</b>: a → b when a completed ok before b was invoked (b of any outcome), kept
 *       as Elle keeps it: a transitive reduction built in one pass over the history.</li>
 * </ul>
 * There are no <b>ww</b> edges: Jepsen infers them from the version order only when the test sets
 * {@code :ww-deps}, and Maelstrom never does; there are no <b>rw</b> edges (commented out in
 * Jepsen) and no process edges (Elle adds only the realtime graph for strict-serializable).
 * So G0, G-single and G2 cannot arise here, in Maelstrom or in this checker.
 *
 * <p><b>What is reported</b>, per strongly connected component of that graph (Elle's order:
 * cycle-exists first, then cycles by severity, skipping what is implied):
 * <ul>
 *   <li>if the wr edges alone hold a cycle (only possible with txns that both send and poll):
 *       {@code PL-2-cycle-exists} (not read-committed) and a {@code G1c} cycle;</li>
 *   <li>otherwise {@code strong-PL-2-cycle-exists} (not strong-read-committed) and a
 *       {@code G1c-realtime} cycle: typically a poll that returned a message whose send was
 *       invoked only after the poll completed.</li>
 * </ul>
 * Both kinds invalidate a run. If the graph has no edge at all, Elle reports
 * {@code empty-transaction-graph}, which Jepsen's kafka checker counts as an error too.
 *
 * <p><b>Which cycle.</b> Elle searches each SCC breadth-first for a shortest cycle of each type,
 * within a time budget. Here: up to {@value #CYCLE_SEARCHES} wr edges of the SCC are tried (the
 * ones whose reader came earliest relative to its writer first), each closed by a shortest path
 * back (JGraphT's BFS), and the shortest cycle wins. It is a shortest cycle through one of those
 * edges; Elle may print a different cycle of the same type.
 */
final class KafkaCycles {
    /** How many wr edges of one SCC are tried as the start of a cycle. */
    static final int CYCLE_SEARCHES = 64;
    /** How many op indices a cycle-exists error lists; {@code scc-size} gives the count. */
    static final int SCC_SHOWN = 64;

    enum Rel { WR, REALTIME }

    /** An edge with the relations that put it there. */
    static final class Edge {
        final Set<Rel> rels = EnumSet.noneOf(Rel.class);
    }

    private final KafkaHistory history;
    private final Graph<KafkaOp, Edge> graph = new SimpleDirectedGraph<>(null, null, false);

    KafkaCycles(KafkaHistory history) {
        this.history = history;
        addWriteReadEdges();
        addRealtimeEdges();
    }

    private void link(KafkaOp a, KafkaOp b, Rel rel) {
        Edge e = graph.getEdge(a, b);
        if (e == null) {
            graph.addVertex(a);
            graph.addVertex(b);
            e = new Edge();
            graph.addEdge(a, b, e);
        }
        e.rels.add(rel);
    }

    private void addWriteReadEdges() {
        history.readersOf.forEach((key, byMsg) -> byMsg.forEach((msg, readers) -> {
            KafkaOp writer = history.writer(key, msg);
            if (writer == null) {
                throw new MalformedHistory(readers.get(0).describe() + " polled message " + msg + " of key " + key
                        + ", but no send of it is in the history (Jepsen's :no-writer-of-value;"
                        + " Maelstrom's checker stops there)");
            }
            for (KafkaOp reader : readers) {
                if (reader != writer) {
                    link(writer, reader, Rel.WR);
                }
            }
        }));
    }

    /**
     * Elle's {@code realtime-graph}: keep the ok completions not yet known to precede a later
     * ok completion; link each of them to the completion of every op invoked after it. When an op
     * completes ok, the ops linked to it at its invocation are implied through it and leave.
     */
    private void addRealtimeEdges() {
        Set<KafkaOp> frontier = new LinkedHashSet<>();
        Map<KafkaOp, List<KafkaOp>> linkedAtInvoke = new HashMap<>();
        for (KafkaOp op : history.ops) {
            if (!op.isTxn()) {
                continue;
            }
            if (op.type() == Op.Type.INVOKE) {
                KafkaOp completion = history.completionOf(op);
                if (completion != null) {
                    for (KafkaOp before : frontier) {
                        link(before, completion, Rel.REALTIME);
                    }
                    linkedAtInvoke.put(completion, new ArrayList<>(frontier));
                }
            } else if (op.type() == Op.Type.OK) {
                frontier.removeAll(linkedAtInvoke.getOrDefault(op, List.of()));
                frontier.add(op);
            }
            if (op.type() != Op.Type.INVOKE) {
                linkedAtInvoke.remove(op);
            }
        }
    }

    /** Elle's {@code empty-transaction-graph}: not a single dependency between two operations. */
    boolean isEmpty() {
        return graph.edgeSet().isEmpty();
    }

    /** Adds the cycle-exists and cycle errors of every strongly connected component. */
    void findCycles(Errors errors) {
        List<Set<KafkaOp>> sccs = nontrivialSccs(graph);
        for (Set<KafkaOp> scc : sccs) {
            Graph<KafkaOp, Edge> sub = new AsSubgraph<>(graph, scc);
            Graph<KafkaOp, Edge> wrOnly = new MaskSubgraph<>(sub, v -> false, e -> !e.rels.contains(Rel.WR));
            List<Set<KafkaOp>> wrSccs = nontrivialSccs(wrOnly);
            if (!wrSccs.isEmpty()) {
                Set<KafkaOp> smallest = wrSccs.get(0);
                errors.add("PL-2-cycle-exists", cycleExists("PL-2-cycle-exists", "read-committed", smallest, "ww", "wr"));
                addCycle(errors, new AsSubgraph<>(wrOnly, smallest));
            } else {
                errors.add("strong-PL-2-cycle-exists",
                        cycleExists("strong-PL-2-cycle-exists", "strong-read-committed", scc, "ww", "wr", "realtime"));
                addCycle(errors, sub);
            }
        }
    }

    /** Strongly connected components with more than one op, smallest first, then by first op index. */
    private static List<Set<KafkaOp>> nontrivialSccs(Graph<KafkaOp, Edge> g) {
        List<Set<KafkaOp>> out = new ArrayList<>();
        if (!new CycleDetector<>(g).detectCycles()) {
            return out; // the usual case, found by one depth-first search
        }
        for (Set<KafkaOp> scc : new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
            if (scc.size() > 1) {
                out.add(scc);
            }
        }
        out.sort(Comparator.<Set<KafkaOp>>comparingInt(Set::size).thenComparingLong(KafkaCycles::firstIndex));
        return out;
    }

    private static long firstIndex(Set<KafkaOp> ops) {
        return ops.stream().mapToLong(KafkaOp::index).min().orElse(-1);
    }

    /** Elle's cycle-exists anomaly: {@code type}, {@code not}, {@code subgraph}, {@code scc-size}, {@code scc}. */
    private static ObjectNode cycleExists(String type, String notModel, Set<KafkaOp> scc, String... rels) {
        ObjectNode err = Errors.object();
        err.put("type", type);
        err.put("not", notModel);
        ArrayNode subgraph = err.putArray("subgraph");
        subgraph.add("union");
        for (String r : rels) {
            subgraph.add(r);
        }
        err.put("scc-size", scc.size());
        ArrayNode indices = err.putArray("scc");
        scc.stream().mapToLong(KafkaOp::index).sorted().limit(SCC_SHOWN).forEach(indices::add);
        return err;
    }

    private void addCycle(Errors errors, Graph<KafkaOp, Edge> g) {
        List<KafkaOp> cycle = shortestCycle(g);
        if (cycle == null) {
            throw new IllegalStateException("a strongly connected component without a cycle through a wr edge");
        }
        ObjectNode err = explain(cycle);
        errors.add(err.get("type").asText(), err);
    }

    /** {@code [a, b, …, a]}: a shortest cycle through one of the first wr edges tried, or null. */
    private static List<KafkaOp> shortestCycle(Graph<KafkaOp, Edge> g) {
        List<Edge> starts = new ArrayList<>();
        for (Edge e : g.edgeSet()) {
            if (e.rels.contains(Rel.WR)) {
                starts.add(e);
            }
        }
        starts.sort(Comparator.<Edge>comparingLong(e -> g.getEdgeTarget(e).index() - g.getEdgeSource(e).index())
                .thenComparingLong(e -> g.getEdgeSource(e).index()));
        BFSShortestPath<KafkaOp, Edge> bfs = new BFSShortestPath<>(g);
        List<KafkaOp> best = null;
        for (Edge e : starts.subList(0, Math.min(CYCLE_SEARCHES, starts.size()))) {
            KafkaOp writer = g.getEdgeSource(e);
            GraphPath<KafkaOp, Edge> back = bfs.getPath(g.getEdgeTarget(e), writer);
            if (back == null) {
                continue;
            }
            if (best == null || back.getLength() + 2 < best.size()) {
                best = new ArrayList<>();
                best.add(writer);
                best.addAll(back.getVertexList());
            }
            if (best.size() == 3) {
                break; // two edges: no cycle is shorter
            }
        }
        return best;
    }

    /**
     * Elle's cycle explainer: one step per edge (a wr step names the key and message; a realtime
     * step the completion and the later invocation), the type from the kinds of steps (any wr:
     * G1c; any realtime: "-realtime"), and the explanation Elle renders.
     */
    private ObjectNode explain(List<KafkaOp> cycle) {
        ArrayNode ops = Errors.object().arrayNode();
        ArrayNode steps = ops.arrayNode();
        StringBuilder text = new StringBuilder("Let:\n");
        for (int i = 0; i + 1 < cycle.size(); i++) {
            ops.add(cycle.get(i).op.toJson());
            text.append("  T").append(i + 1).append(" = ").append(cycle.get(i).op.toJson()).append('\n');
        }
        ops.add(cycle.get(cycle.size() - 1).op.toJson());
        text.append("\nThen:\n");
        int wr = 0;
        int realtime = 0;
        for (int i = 0; i + 1 < cycle.size(); i++) {
            KafkaOp a = cycle.get(i);
            KafkaOp b = cycle.get(i + 1);
            String aName = "T" + (i + 1);
            String bName = "T" + (i + 2 == cycle.size() ? 1 : i + 2);
            ObjectNode step = Errors.object();
            String why;
            if (graph.getEdge(a, b).rels.contains(Rel.WR)) {
                wr++;
                Map.Entry<String, Long> read = readOf(a, b);
                step.put("type", "wr");
                step.put("key", read.getKey());
                step.put("value", read.getValue());
                step.put("a-mop-index", a.mopIndex("send", read.getKey(), read.getValue()));
                step.put("b-mop-index", b.mopIndex("poll", read.getKey(), read.getValue()));
                why = aName + " sent " + read.getValue() + " to \"" + read.getKey() + "\" which was polled by " + bName;
            } else {
                realtime++;
                KafkaOp bInvoke = history.invocationOf(b);
                step.put("type", "realtime");
                step.set("a'", a.op.toJson());
                step.set("b", bInvoke.op.toJson());
                long dt = bInvoke.op.timeNanos() - a.op.timeNanos();
                why = aName + " completed at index " + a.index() + ","
                        + (dt > 0 ? String.format(Locale.ROOT, " %.3f seconds", dt / 1e9) : " just")
                        + " before the invocation of " + bName + ", at index " + bInvoke.index();
            }
            steps.add(step);
            boolean lastStep = i + 2 == cycle.size();
            text.append("  - ").append(lastStep ? "However, " : "").append(aName).append(" < ").append(bName)
                    .append(", because ").append(why).append(lastStep ? ": a contradiction!" : ".\n");
        }
        if (wr == 0) {
            throw new IllegalStateException("a cycle without a wr edge: realtime edges alone are acyclic");
        }
        ObjectNode err = Errors.object();
        err.put("type", realtime > 0 ? "G1c-realtime" : "G1c");
        err.set("cycle", ops);
        err.set("steps", steps);
        err.put("explanation", text.toString());
        return err;
    }

    /** The first (key, message) that {@code reader} polled and {@code writer} sent. */
    private Map.Entry<String, Long> readOf(KafkaOp writer, KafkaOp reader) {
        for (Map.Entry<String, List<KafkaOp.Pair>> e : reader.reads.entrySet()) {
            for (KafkaOp.Pair p : e.getValue()) {
                if (history.writer(e.getKey(), p.msg()) == writer) {
                    return Map.entry(e.getKey(), p.msg());
                }
            }
        }
        throw new IllegalStateException("a wr edge with no message read: " + writer.describe() + " → " + reader.describe());
    }
}
