package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The txn-rw-register workload's checker (spec §3.6): Elle's rw-register analysis as Maelstrom
 * runs it, plus a second, stricter analysis that also sees each node's version order.
 *
 * <h2>{@link #check}: as Maelstrom</h2>
 * Maelstrom ({@code src/maelstrom/workload/txn_rw_register.clj}) hands its options, with
 * {@code :wfr-keys? true}, to Jepsen's {@code jepsen/tests/cycle/wr.clj}, which calls Elle's
 * {@code elle.rw-register/check} (Elle 0.2.2 under Maelstrom HEAD). That analysis:
 * <ol>
 *   <li>finds G1a, G1b, internal and lost-update transaction by transaction ({@link ReadAnomalies});</li>
 *   <li>infers each key's version order from two sources only: nil comes first, and a
 *       transaction that reads v and then writes v' put v' after v ({@link VersionOrder}); a
 *       source that makes some key's order cyclic is reported as cyclic-versions and left out;</li>
 *   <li>builds the dependency graph ({@link DependencyGraph}): wr edges, ww and rw edges from the
 *       version order, and realtime edges if a requested model forbids a realtime anomaly (the
 *       default strict-serializable does), else process edges if one forbids a process anomaly;</li>
 *   <li>reports {@code empty-transaction-graph} if no transaction was linked to another, and
 *       searches the graph's cycles ({@link CycleSearch}). Under models that forbid only cycles
 *       of wr and ww edges (read committed, read uncommitted), a search of those edges alone
 *       comes first, and when it finds nothing forbidden the result is already Elle's (valid):
 *       the rest of the graph is never built;</li>
 *   <li>builds Elle's result map ({@code elle/txn.clj} {@code result-map}) and applies
 *       Maelstrom's wrapper: {@code cycle-search-timeout} is removed and any other reported
 *       anomaly makes the result invalid, {@code empty-transaction-graph} included.</li>
 * </ol>
 *
 * <p>Output (the workload entry of results.json, keys as in results.edn): {@code valid?};
 * {@code anomaly-types}, the reported types sorted; {@code anomalies}, type → cases (null when
 * valid, as Maelstrom prints nil); and when something was found, {@code not} (the weakest
 * models ruled out) and {@code also-not} (the stronger ones), computed from every anomaly found,
 * reported or not, as Elle does. Each case carries Elle's evidence (ops as Jepsen op maps, the
 * micro-op, the writer, the expected value; for cycles the ops, each step's data) and an
 * {@code explanation}; each cycle step has its own one-line {@code explanation}.
 *
 * <p>A history Elle refuses (malformed micro-ops, keys of two types, integer values of two
 * widths, a value read that two transactions wrote) gives {@code valid? :unknown} and an
 * {@code error} saying why, as Jepsen reports a checker that throws.
 *
 * <h2>{@link #checkWithNodeOrder}: more of the version order</h2>
 * The same, with {@link NodeOrder} as a third version-order source. Its result has the same
 * keys plus {@code source}, a sentence naming the extra assumption, and {@code version-order-sources}.
 */
public final class RwRegisterChecker {
    /** Maelstrom's default {@code --consistency-models}. */
    public static final List<String> DEFAULT_MODELS = List.of("strict-serializable");

    /** The {@code source} line of the node-order analysis. */
    public static final String NODE_ORDER_SOURCE = "version order also inferred per node: each node's replica of a key"
            + " only moves forward along one version order shared by all nodes, a transaction's first read of a key"
            + " sees its node's replica, and a node that completed a transaction holds that transaction's writes or"
            + " later versions; so a value a node held when one transaction completed precedes what a later"
            + " transaction on the same node first read";

    private RwRegisterChecker() {
    }

    /**
     * Elle's rw-register analysis as Maelstrom's txn-rw-register runs it.
     *
     * @param history           the run's history (nemesis entries and non-txn ops are ignored)
     * @param consistencyModels the models to judge against, e.g. {@code [read-committed]}
     * @return the verdict and Maelstrom's workload result map
     * @throws IllegalArgumentException for a model Elle does not know (the message lists them)
     */
    public static CheckResult check(History history, List<String> consistencyModels) {
        return analyse(history, consistencyModels, null);
    }

    /**
     * The same analysis with each node's observations as an extra version-order source
     * ({@link NodeOrder}: the assumption and why it is sound). Catches write cycles that
     * Maelstrom's analysis cannot see (Fly.io 6b, maelstrom issue #56).
     *
     * @param nodeOfProcess the node a client process talks to, e.g. {@code p -> "n" + (p % c) % n}
     */
    public static CheckResult checkWithNodeOrder(History history, List<String> consistencyModels,
            IntFunction<String> nodeOfProcess) {
        return analyse(history, consistencyModels, nodeOfProcess);
    }

    private static CheckResult analyse(History history, List<String> models, IntFunction<String> nodeOfProcess) {
        ConsistencyModels.validate(models);
        TxnHistory txns;
        Map<String, JsonNode> anomalies = new LinkedHashMap<>();
        List<String> sources;
        try {
            txns = TxnHistory.of(history);
            putIfPresent(anomalies, "G1a", ReadAnomalies.g1a(txns));
            putIfPresent(anomalies, "G1b", ReadAnomalies.g1b(txns));
            putIfPresent(anomalies, "internal", ReadAnomalies.internal(txns));
            putIfPresent(anomalies, "lost-update", ReadAnomalies.lostUpdate(txns));

            List<VersionOrder.Source> evidence = new ArrayList<>(List.of(
                    VersionOrder.initialState(txns), VersionOrder.writesFollowReads(txns)));
            if (nodeOfProcess != null) {
                evidence.add(NodeOrder.source(txns, nodeOfProcess));
            }
            VersionOrder order = VersionOrder.infer(evidence);
            sources = order.sources();
            putIfPresent(anomalies, "cyclic-versions", order.cyclicVersions());

            if (!settledByWriteCycles(txns, order, models, anomalies)) {
                DependencyGraph graph = new DependencyGraph();
                graph.addWriteRead(txns);
                graph.addVersionOrder(txns, order, true);
                DependencyGraph.Rel extra = additionalGraph(models);
                if (extra == DependencyGraph.Rel.REALTIME) {
                    graph.addRealtime(txns);
                } else if (extra == DependencyGraph.Rel.PROCESS) {
                    graph.addProcess(txns);
                }
                if (graph.isEmpty()) {
                    anomalies.put("empty-transaction-graph", BooleanNode.TRUE);
                }
                anomalies.putAll(CycleSearch.search(graph));
            }
        } catch (TxnHistory.RefusedHistory e) {
            ObjectNode details = Json.mapper().createObjectNode();
            details.set("valid?", Validity.UNKNOWN.json());
            details.put("error", e.getMessage());
            return new CheckResult(Validity.UNKNOWN, details);
        }
        ObjectNode details = resultMap(models, anomalies);
        if (nodeOfProcess != null) {
            details.put("source", NODE_ORDER_SOURCE);
            ArrayNode used = details.putArray("version-order-sources");
            sources.forEach(used::add);
        }
        return new CheckResult(Validity.of(details.get("valid?").booleanValue()), details);
    }

    /**
     * A shortcut that changes no result: true when the history is already known to be valid
     * under models that forbid only cycles of wr and ww edges (read committed forbids G0 and G1c,
     * read uncommitted G0). Then a search of the graph of wr and ww edges alone, a fraction of
     * the whole, settles the verdict: nothing else forbidden was found, and that graph has a
     * transaction linked to another (so the whole graph is not empty) and no such cycle. A valid
     * result is Elle's {@code {:valid? true}}, which names no anomaly, so the cycles with rw edges
     * (G-single, G2), allowed by these models, need not be searched. Any finding, or any model
     * forbidding more, sends the caller to the whole graph, where the result names every anomaly
     * found, as Elle's does. (The search's work limit is per component, and the components here
     * are no larger than in the whole graph.)
     */
    private static boolean settledByWriteCycles(TxnHistory txns, VersionOrder order, List<String> models,
            Map<String, JsonNode> anomaliesSoFar) {
        Set<String> prohibited = ConsistencyModels.anomaliesProhibitedBy(models);
        if (anomaliesSoFar.keySet().stream().anyMatch(type -> reportable(prohibited, type))) {
            return false;
        }
        Set<DependencyGraph.Rel> writeEdges = EnumSet.of(DependencyGraph.Rel.WR, DependencyGraph.Rel.WW);
        List<CycleSearch.Spec> forbidden = CycleSearch.SPECS.stream().filter(s -> prohibited.contains(s.name())).toList();
        if (!forbidden.stream().allMatch(spec -> spec.usesOnly(writeEdges))) {
            return false;
        }
        DependencyGraph writes = new DependencyGraph();
        writes.addWriteRead(txns);
        writes.addVersionOrder(txns, order, false);
        return !writes.isEmpty() && CycleSearch.search(writes, forbidden, CycleSearch.WORK_LIMIT).isEmpty();
    }

    /** Whether an anomaly type counts against the models: forbidden by them, or one of Elle's unknowns. */
    private static boolean reportable(Set<String> prohibited, String type) {
        return prohibited.contains(type) || ConsistencyModels.UNKNOWN_ANOMALY_TYPES.contains(type);
    }

    /** Which extra edges Elle adds ({@code elle/txn.clj} {@code additional-graphs}). */
    static DependencyGraph.Rel additionalGraph(List<String> models) {
        Set<String> reportable = ConsistencyModels.anomaliesProhibitedBy(models);
        boolean realtime = false;
        boolean process = false;
        for (CycleSearch.Spec spec : CycleSearch.SPECS) {
            realtime |= spec.name().endsWith("-realtime") && reportable.contains(spec.name());
            process |= spec.name().endsWith("-process") && reportable.contains(spec.name());
        }
        // Elle's cycle types also include the predicate forms (G-single, G-nonadjacent, G2) and
        // their variants; a model that forbids only those still asks for the extra graph.
        for (String base : List.of("G-single", "G-nonadjacent", "G2")) {
            realtime |= reportable.contains(base + "-realtime");
            process |= reportable.contains(base + "-process");
        }
        return realtime ? DependencyGraph.Rel.REALTIME : process ? DependencyGraph.Rel.PROCESS : null;
    }

    /**
     * Elle's {@code result-map}, then Maelstrom's wrapper ({@code txn_rw_register.clj} {@code checker}).
     */
    static ObjectNode resultMap(List<String> models, Map<String, JsonNode> anomalies) {
        Set<String> prohibited = ConsistencyModels.anomaliesProhibitedBy(models);
        Map<String, JsonNode> reportable = new TreeMap<>();
        anomalies.forEach((type, cases) -> {
            if (reportable(prohibited, type)) {
                reportable.put(type, cases);
            }
        });
        ObjectNode out = Json.mapper().createObjectNode();
        if (reportable.isEmpty()) { // Elle: {:valid? true}; Maelstrom adds () and nil
            out.put("valid?", true);
            out.putArray("anomaly-types");
            out.putNull("anomalies");
            return out;
        }
        reportable.remove("cycle-search-timeout");
        out.put("valid?", reportable.isEmpty());
        ArrayNode types = out.putArray("anomaly-types");
        ObjectNode cases = out.putObject("anomalies");
        reportable.forEach((type, c) -> { // TreeMap: sorted as Clojure sorts keywords
            types.add(type);
            cases.set(type, c);
        });
        ConsistencyModels.Boundary boundary = ConsistencyModels.boundary(anomalies.keySet());
        boundary.not().forEach(out.putArray("not")::add);
        boundary.alsoNot().forEach(out.putArray("also-not")::add);
        return out;
    }

    private static void putIfPresent(Map<String, JsonNode> anomalies, String type, ArrayNode cases) {
        if (cases != null) {
            anomalies.put(type, cases);
        }
    }
}
