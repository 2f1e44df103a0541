package glomers.harness.workload.txn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * Which anomalies each consistency model rules out, and which models a set of anomalies rules
 * out: Elle's {@code elle/consistency_model.clj} as of Elle 0.2.2 (the version behind Maelstrom
 * HEAD; its {@code update-atomic} model and the {@code :not}/{@code :also-not} sets match the
 * real Maelstrom run in {@code shared/real-maelstrom/6c-txn-g1b-broken-node/results.edn}).
 *
 * <p>Three graphs, copied as data:
 * <ul>
 *   <li><b>implied anomalies</b>: a → b when seeing a means b is present too (G0 → G1c, G1b →
 *       G1, lost-update → G2-item, every anomaly → its -process and then -realtime form …);</li>
 *   <li><b>models</b>: a → b when every history satisfying model a satisfies b (strict
 *       serializable → serializable → repeatable read …), over Elle's canonical names (Adya's
 *       PL-1, PL-2, PL-3, PL-SI, PL-SS …);</li>
 *   <li><b>direct proscriptions</b>: model → the anomalies it rules out itself (read committed
 *       = PL-2 → G1; read uncommitted = PL-1 → G0, cyclic-versions …).</li>
 * </ul>
 * A model prohibits what it and every weaker model proscribes, plus every anomaly implying one
 * of those. Anomalies rule out the models that proscribe them or anything they imply, and every
 * stronger model. Names are as users type them ({@code read-committed}); canonical names are
 * Elle's internal ones ({@code PL-2}).
 *
 * <p>Elle 0.1.6 (Maelstrom 0.2.3) differs: it has no {@code update-atomic} (its place is taken by
 * {@code ROLA}, ruled out by lost-update), no {@code G-single-item} family, and no
 * {@code *-cycle-exists} anomalies. Only the 0.2.2 tables are kept here.
 */
public final class ConsistencyModels {
    private ConsistencyModels() {
    }

    private static final Map<String, List<String>> IMPLIED_ANOMALIES = table(
            "G0", "G1c G0-process",
            "G0-process", "G1c-process G0-realtime",
            "G0-realtime", "G1c-realtime",
            "G1a", "G1",
            "G1b", "G1",
            "G1c", "G1 G1c-process",
            "G1c-process", "G1c-realtime G1-process",
            "G1c-realtime", "G1-realtime",
            "G1", "G1-process",
            "G1-process", "G1-realtime",
            "G-single-item", "G-single G-single-item-process G-nonadjacent-item",
            "G-single-item-process", "G-single-process G-single-item-realtime G-nonadjacent-item-process",
            "G-single-item-realtime", "G-single-realtime G-nonadjacent-item-realtime",
            "G-single", "G-nonadjacent GSIb G-single-process",
            "G-single-process", "G-nonadjacent-process G-single-realtime",
            "G-single-realtime", "G-nonadjacent-realtime",
            "G-nonadjacent-item", "G-nonadjacent G2-item G-nonadjacent-item-process",
            "G-nonadjacent-item-process", "G-nonadjacent-process G2-item-process G-nonadjacent-item-realtime",
            "G-nonadjacent-item-realtime", "G2-item-realtime G-nonadjacent-realtime",
            "G-nonadjacent", "G2 G-nonadjacent-process",
            "G-nonadjacent-process", "G2-process G-nonadjacent-realtime",
            "G-nonadjacent-realtime", "G2-realtime",
            "G2", "G2-process",
            "G2-item", "G2 G2-item-process",
            "G2-item-process", "G2-process G2-item-realtime",
            "G2-item-realtime", "G2-realtime",
            "G2-process", "G2-realtime",
            "GSIa", "GSI",
            "GSIb", "GSI",
            "incompatible-order", "G1a",
            "future-read", "G1c",
            "dirty-update", "G1a",
            "lost-update", "write-skew G2-item",
            "write-skew", "G2");

    /** Friendly name → Elle's canonical name (models not listed are their own canonical name). */
    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("consistent-view", "PL-2+"),
            Map.entry("conflict-serializable", "PL-3"),
            Map.entry("cursor-stability", "PL-CS"),
            Map.entry("forward-consistent-view", "PL-FCV"),
            Map.entry("monotonic-snapshot-read", "PL-MSR"),
            Map.entry("monotonic-view", "PL-2L"),
            Map.entry("read-committed", "PL-2"),
            Map.entry("read-uncommitted", "PL-1"),
            Map.entry("repeatable-read", "PL-2.99"),
            Map.entry("serializable", "PL-3"),
            Map.entry("snapshot-isolation", "PL-SI"),
            Map.entry("strict-serializable", "PL-SS"),
            Map.entry("strong-serializable", "PL-SS"),
            Map.entry("update-serializable", "PL-3U"),
            Map.entry("strong-session-read-uncommitted", "strong-session-PL-1"),
            Map.entry("strong-session-read-committed", "strong-session-PL-2"),
            Map.entry("strong-read-uncommitted", "strong-PL-1"),
            Map.entry("strong-read-committed", "strong-PL-2"));

    /**
     * Canonical → friendly, the inverse of {@link #CANONICAL}. Two friendly names share PL-3 and
     * PL-SS; Elle settles PL-3 as serializable, and its map order makes PL-SS
     * strong-serializable (what the real Maelstrom prints in {@code :also-not}).
     */
    private static final Map<String, String> FRIENDLY = friendlyNames();

    private static final Map<String, List<String>> MODELS = table(
            "causal-cerone", "read-atomic",
            "consistent-view", "cursor-stability monotonic-view",
            "conflict-serializable", "view-serializable",
            "cursor-stability", "read-committed PL-2",
            "forward-consistent-view", "consistent-view",
            "PL-2", "PL-1",
            "PL-3", "repeatable-read update-serializable",
            "update-serializable", "forward-consistent-view",
            "monotonic-atomic-view", "read-committed",
            "monotonic-view", "PL-2",
            "monotonic-snapshot-read", "PL-2",
            "parallel-snapshot-isolation", "causal-cerone update-atomic",
            "prefix", "causal-cerone",
            "read-atomic", "monotonic-atomic-view",
            "read-committed", "read-uncommitted",
            "repeatable-read", "cursor-stability monotonic-atomic-view",
            "update-atomic", "read-atomic",
            "serializable", "repeatable-read snapshot-isolation view-serializable",
            "session-serializable", "1SR",
            "snapshot-isolation", "forward-consistent-view monotonic-atomic-view monotonic-snapshot-read"
                    + " parallel-snapshot-isolation prefix",
            "strict-serializable", "PL-3 serializable linearizable snapshot-isolation strong-snapshot-isolation"
                    + " strong-session-serializable",
            "strong-session-PL-1", "PL-1",
            "strong-session-PL-2", "PL-2 strong-session-PL-1",
            "strong-PL-1", "strong-session-PL-1",
            "strong-PL-2", "strong-session-PL-2 strong-PL-1",
            "strong-session-serializable", "serializable strong-session-snapshot-isolation",
            "strong-session-snapshot-isolation", "snapshot-isolation strong-session-PL-2",
            "strong-serializable", "session-serializable",
            "strong-snapshot-isolation", "strong-session-snapshot-isolation strong-PL-2",
            "linearizable", "sequential",
            "sequential", "causal",
            "causal", "writes-follow-reads PRAM",
            "PRAM", "monotonic-reads monotonic-writes read-your-writes");

    private static final Map<String, List<String>> DIRECT_PROSCRIBED = table(
            "causal-cerone", "internal G1a",
            "cursor-stability", "G1 G-cursor lost-update",
            "monotonic-view", "G1 G-monotonic",
            "monotonic-snapshot-read", "G1 G-MSR",
            "consistent-view", "G1 G-single",
            "forward-consistent-view", "G1 G-SIb",
            "parallel-snapshot-isolation", "internal G1a",
            "PL-3", "G1 G2 predicate-read-miss PL-3-cycle-exists",
            "PL-2", "G1 PL-2-cycle-exists",
            "PL-1", "G0 duplicate-elements cyclic-versions PL-1-cycle-exists",
            "prefix", "internal G1a",
            "serializable", "internal",
            "snapshot-isolation", "internal G1 G-SI G-nonadjacent PL-SI-cycle-exists",
            "read-atomic", "internal G1a future-read",
            "repeatable-read", "G1 G2-item PL-2.99-cycle-exists lost-update",
            "update-atomic", "lost-update",
            "strict-serializable", "G1 G1c-realtime G2-realtime PL-SS-cycle-exists",
            "strong-session-PL-1", "strong-session-PL-1-cycle-exists G0-process",
            "strong-session-PL-2", "strong-session-PL-2-cycle-exists G1c-process",
            "strong-PL-1", "strong-PL-1-cycle-exists G0-realtime",
            "strong-PL-2", "strong-PL-2-cycle-exists G1c-realtime",
            "strong-session-snapshot-isolation", "internal G1-process G-nonadjacent-process"
                    + " strong-session-snapshot-isolation-cycle-exists",
            "strong-snapshot-isolation", "internal G1-realtime G-nonadjacent-realtime"
                    + " strong-snapshot-isolation-cycle-exists",
            "strong-session-serializable", "G1-process G2-process strong-session-serializable-cycle-exists",
            "update-serializable", "G1 G-update");

    private static final DirectedAcyclicGraph<String, DefaultEdge> ANOMALY_GRAPH = dag(IMPLIED_ANOMALIES, false);
    private static final DirectedAcyclicGraph<String, DefaultEdge> MODEL_GRAPH = dag(MODELS, true);
    /** Canonical model → the anomalies it proscribes directly. */
    private static final Map<String, Set<String>> PROSCRIBED = proscriptions();

    /** Every model name Elle accepts: the models graph, and both sides of the name table. */
    public static final SortedSet<String> ALL_MODELS = allModels();

    /** Anomalies that make Elle's verdict :unknown rather than false (Maelstrom drops the second). */
    public static final List<String> UNKNOWN_ANOMALY_TYPES = List.of("empty-transaction-graph", "cycle-search-timeout");

    /**
     * The models, unchanged, if Elle knows them all.
     *
     * @throws IllegalArgumentException naming the unknown models and listing the known ones
     */
    public static List<String> validate(Collection<String> models) {
        List<String> unknown = models.stream().filter(m -> !ALL_MODELS.contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown consistency model " + unknown + "; known models are: "
                    + String.join(", ", ALL_MODELS));
        }
        return List.copyOf(models);
    }

    /** Elle's canonical name of a model ({@code read-committed} → {@code PL-2}). */
    public static String canonical(String model) {
        return CANONICAL.getOrDefault(model, model);
    }

    /** The name Elle prints for a canonical model ({@code PL-2} → {@code read-committed}). */
    public static String friendly(String canonicalModel) {
        return FRIENDLY.getOrDefault(canonicalModel, canonicalModel);
    }

    /** The anomalies themselves and every anomaly they imply (Elle's {@code all-implied-anomalies}). */
    public static SortedSet<String> impliedAnomalies(Collection<String> anomalies) {
        SortedSet<String> out = new TreeSet<>(anomalies);
        for (String a : anomalies) {
            if (ANOMALY_GRAPH.containsVertex(a)) {
                out.addAll(ANOMALY_GRAPH.getDescendants(a));
            }
        }
        return out;
    }

    /** The anomalies themselves and every anomaly implying one of them (Elle's {@code all-anomalies-implying}). */
    public static SortedSet<String> anomaliesImplying(Collection<String> anomalies) {
        SortedSet<String> out = new TreeSet<>(anomalies);
        for (String a : anomalies) {
            if (ANOMALY_GRAPH.containsVertex(a)) {
                out.addAll(ANOMALY_GRAPH.getAncestors(a));
            }
        }
        return out;
    }

    /**
     * Every anomaly that may not appear if all the models hold (Elle's {@code anomalies-prohibited-by}).
     *
     * @throws IllegalArgumentException for an unknown model
     */
    public static SortedSet<String> anomaliesProhibitedBy(Collection<String> models) {
        validate(models);
        Set<String> implied = new TreeSet<>();
        for (String m : models) {
            String c = canonical(m);
            implied.add(c);
            if (MODEL_GRAPH.containsVertex(c)) {
                implied.addAll(MODEL_GRAPH.getDescendants(c));
            }
        }
        List<String> direct = new ArrayList<>();
        for (String m : implied) {
            direct.addAll(PROSCRIBED.getOrDefault(m, Set.of()));
        }
        return anomaliesImplying(direct);
    }

    /** Canonical names of every model the anomalies rule out (Elle's {@code anomalies->impossible-models}). */
    public static SortedSet<String> impossibleModels(Collection<String> anomalies) {
        SortedSet<String> out = new TreeSet<>();
        for (String anomaly : impliedAnomalies(anomalies)) {
            PROSCRIBED.forEach((model, proscribed) -> {
                if (proscribed.contains(anomaly)) {
                    out.add(model);
                }
            });
        }
        for (String model : List.copyOf(out)) {
            if (MODEL_GRAPH.containsVertex(model)) {
                out.addAll(MODEL_GRAPH.getAncestors(model));
            }
        }
        return out;
    }

    /**
     * Elle's {@code friendly-boundary}: {@code not} is the weakest ruled-out models (none of them
     * implies another ruled-out one), {@code alsoNot} every other ruled-out model; friendly names,
     * sorted.
     */
    public record Boundary(SortedSet<String> not, SortedSet<String> alsoNot) {
    }

    public static Boundary boundary(Collection<String> anomalies) {
        SortedSet<String> impossible = impossibleModels(anomalies);
        SortedSet<String> weakest = new TreeSet<>();
        for (String m : impossible) {
            boolean impliesAnother = MODEL_GRAPH.containsVertex(m)
                    && MODEL_GRAPH.getDescendants(m).stream().anyMatch(impossible::contains);
            if (!impliesAnother) {
                weakest.add(m);
            }
        }
        SortedSet<String> not = new TreeSet<>();
        SortedSet<String> alsoNot = new TreeSet<>();
        for (String m : impossible) {
            (weakest.contains(m) ? not : alsoNot).add(friendly(m));
        }
        return new Boundary(not, alsoNot);
    }

    /** "a", "b c" pairs → {a: [b, c]}, keeping order and merging repeated keys. */
    private static Map<String, List<String>> table(String... pairs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.computeIfAbsent(pairs[i], k -> new ArrayList<>()).addAll(List.of(pairs[i + 1].split(" ")));
        }
        return out;
    }

    private static DirectedAcyclicGraph<String, DefaultEdge> dag(Map<String, List<String>> table, boolean canonicalize) {
        DirectedAcyclicGraph<String, DefaultEdge> g = new DirectedAcyclicGraph<>(DefaultEdge.class);
        table.forEach((from, tos) -> {
            String a = canonicalize ? canonical(from) : from;
            g.addVertex(a);
            for (String to : tos) {
                String b = canonicalize ? canonical(to) : to;
                g.addVertex(b);
                if (!a.equals(b)) {
                    g.addEdge(a, b); // a DAG: would throw if the table had a cycle
                }
            }
        });
        return g;
    }

    private static Map<String, Set<String>> proscriptions() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        DIRECT_PROSCRIBED.forEach((model, anomalies) ->
                out.computeIfAbsent(canonical(model), k -> new TreeSet<>()).addAll(anomalies));
        return out;
    }

    private static Map<String, String> friendlyNames() {
        Map<String, String> out = new LinkedHashMap<>();
        CANONICAL.forEach((friendly, canonical) -> out.putIfAbsent(canonical, friendly));
        out.put("PL-3", "serializable");
        out.put("PL-SS", "strong-serializable");
        return out;
    }

    private static SortedSet<String> allModels() {
        SortedSet<String> out = new TreeSet<>(MODEL_GRAPH.vertexSet());
        out.addAll(CANONICAL.keySet());
        out.addAll(CANONICAL.values());
        return out;
    }
}
