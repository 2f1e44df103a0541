package glomers.harness.nemesis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The partition shapes of Maelstrom's {@code --nemesis partition}, that is, the partition specs of
 * Jepsen's {@code nemesis.combined/partition-package}, as plain functions from a node list and a
 * {@link Random} to a <em>grudge</em>.
 *
 * <p>A grudge uses Jepsen's format: for each destination node, the set of source nodes whose
 * messages it drops. Nodes that drop nothing are left out, so an empty map means "no effect".
 * The maps and sets returned are unmodifiable, list nodes in the order of the input node list,
 * and never contain a node dropping itself.
 *
 * <ul>
 *   <li>{@link Shape#ONE}: one random node is cut off from all others, both ways.</li>
 *   <li>{@link Shape#MINORITY_THIRD}: a random group of {@code floor((N-1)/3)} nodes is cut off from
 *       the rest, both ways (empty, so no effect, when N &le; 3).</li>
 *   <li>{@link Shape#MAJORITY}: the shuffled nodes are split into the first {@code floor(N/2)} and
 *       the rest, cut apart both ways.</li>
 *   <li>{@link Shape#MAJORITIES_RING}: every node hears a majority, but not everyone. For N &le; 5
 *       this is an exact ring (possibly one-directional); for larger N it is Jepsen's stochastic
 *       construction, which is symmetric. See {@link #majoritiesRing}.</li>
 * </ul>
 *
 * All randomness comes from the {@code Random} passed in, so a seed gives a reproducible grudge.
 */
public final class PartitionShapes {

    /** The partition specs Jepsen picks from for Maelstrom, in Jepsen's order. */
    public enum Shape {
        ONE("one"),
        MINORITY_THIRD("minority-third"),
        MAJORITY("majority"),
        MAJORITIES_RING("majorities-ring");

        private final String maelstromName;

        Shape(String maelstromName) {
            this.maelstromName = maelstromName;
        }

        /** The name Maelstrom and Jepsen use, without the keyword colon, e.g. {@code minority-third}. */
        public String maelstromName() {
            return maelstromName;
        }

        /** Parses a Maelstrom name, with or without a leading {@code :}. */
        public static Shape fromName(String name) {
            String bare = name.startsWith(":") ? name.substring(1) : name;
            for (Shape shape : values()) {
                if (shape.maelstromName.equals(bare)) {
                    return shape;
                }
            }
            throw new IllegalArgumentException("unknown partition shape: " + name);
        }

        @Override
        public String toString() {
            return maelstromName;
        }
    }

    private static final Shape[] SHAPES = Shape.values();

    private PartitionShapes() {
    }

    /** Picks a shape uniformly at random, as Jepsen's partition generator does ({@code rand-nth}). */
    public static Shape randomShape(Random random) {
        return SHAPES[random.nextInt(SHAPES.length)];
    }

    /** The smallest integer strictly greater than half of {@code n}: {@code floor(n/2) + 1}. */
    public static int majority(int n) {
        return n / 2 + 1;
    }

    /** The largest integer strictly less than a third of {@code n}: {@code floor((n-1)/3)}, at least 0. */
    public static int minorityThird(int n) {
        return n <= 0 ? 0 : (n - 1) / 3;
    }

    /**
     * Computes a grudge (destination node &rarr; source nodes it drops) for the given shape.
     *
     * @throws IllegalArgumentException if {@code nodes} contains null or duplicate names
     */
    public static Map<String, Set<String>> grudge(Shape shape, List<String> nodes, Random random) {
        List<String> checked = checkNodes(nodes);
        return switch (shape) {
            case ONE -> one(checked, random);
            case MINORITY_THIRD -> minorityThirdSplit(checked, random);
            case MAJORITY -> majoritySplit(checked, random);
            case MAJORITIES_RING -> majoritiesRing(checked, random);
        };
    }

    // ---------------------------------------------------------------------------------------
    // Clean splits

    private static Map<String, Set<String>> one(List<String> nodes, Random random) {
        if (nodes.isEmpty()) {
            return Map.of();
        }
        String loner = nodes.get(random.nextInt(nodes.size()));
        return completeGrudge(nodes, List.of(List.of(loner)));
    }

    private static Map<String, Set<String>> minorityThirdSplit(List<String> nodes, Random random) {
        List<String> shuffled = shuffled(nodes, random);
        int k = minorityThird(nodes.size());
        return completeGrudge(nodes, splitAt(shuffled, k));
    }

    private static Map<String, Set<String>> majoritySplit(List<String> nodes, Random random) {
        List<String> shuffled = shuffled(nodes, random);
        return completeGrudge(nodes, splitAt(shuffled, nodes.size() / 2));
    }

    private static List<List<String>> splitAt(List<String> list, int k) {
        return List.of(list.subList(0, k), list.subList(k, list.size()));
    }

    /**
     * A grudge in which no node hears anyone outside its own component (Jepsen's
     * {@code complete-grudge}). Nodes of {@code nodes} that are in no component form one more
     * component of their own.
     */
    public static Map<String, Set<String>> completeGrudge(
            List<String> nodes, Collection<? extends Collection<String>> components) {
        Map<String, Integer> componentOf = new HashMap<>();
        int index = 0;
        for (Collection<String> component : components) {
            for (String node : component) {
                if (componentOf.put(node, index) != null) {
                    throw new IllegalArgumentException("node " + node + " is in two components");
                }
            }
            index++;
        }
        int rest = index;
        Map<String, Set<String>> grudge = new LinkedHashMap<>();
        for (String dest : nodes) {
            int destComponent = componentOf.getOrDefault(dest, rest);
            Set<String> dropped = new LinkedHashSet<>();
            for (String src : nodes) {
                if (componentOf.getOrDefault(src, rest) != destComponent) {
                    dropped.add(src);
                }
            }
            if (!dropped.isEmpty()) {
                grudge.put(dest, Collections.unmodifiableSet(dropped));
            }
        }
        return Collections.unmodifiableMap(grudge);
    }

    // ---------------------------------------------------------------------------------------
    // Majorities ring

    /**
     * Jepsen's {@code majorities-ring}: every node hears a majority of the cluster (itself
     * included), but not the whole cluster. N &le; 5 uses the exact ring, larger N the stochastic
     * construction.
     */
    static Map<String, Set<String>> majoritiesRing(List<String> nodes, Random random) {
        return nodes.size() <= 5 ? ringPerfect(nodes, random) : ringStochastic(nodes, random);
    }

    /**
     * Jepsen's {@code majorities-ring-perfect}. The shuffled nodes form a ring; each of the N
     * windows of {@code m = majority(N)} consecutive ring members belongs to the member at index
     * {@code floor(m/2)} of the window, which hears exactly that window. With an odd {@code m}
     * (N = 4, 5) the window is centred; with N = 3 ({@code m = 2}) a node hears its predecessor
     * only, so the ring is one-way.
     */
    static Map<String, Set<String>> ringPerfect(List<String> nodes, Random random) {
        int n = nodes.size();
        int m = majority(n);
        List<String> ring = shuffled(nodes, random);
        Map<String, Set<String>> hears = new HashMap<>();
        for (int start = 0; start < n; start++) {
            Set<String> window = new HashSet<>();
            for (int j = 0; j < m; j++) {
                window.add(ring.get((start + j) % n));
            }
            hears.put(ring.get((start + m / 2) % n), window);
        }
        return invert(nodes, hears);
    }

    /**
     * Jepsen's {@code majorities-ring-stochastic}, used for N &gt; 5. Rules, as in Jepsen:
     *
     * <ol>
     *   <li>Every node starts connected to itself only (degree 1). Links are undirected.</li>
     *   <li>Each round, list all nodes by ascending degree, shuffling the nodes within each degree.
     *       The first, {@code a}, has minimal degree. If that degree is already at least
     *       {@code majority(N)}, stop.</li>
     *   <li>Otherwise link {@code a} with {@code b}, the first node in the same list that
     *       {@code a} is not yet linked to, and raise both degrees by one.</li>
     *   <li>Every node then drops every node it is not linked to.</li>
     * </ol>
     *
     * So, by construction, every node hears at least a majority (itself included) and the grudge
     * is symmetric. Because the least-connected nodes are always linked first, degrees stay
     * balanced: checked over N = 6..60 and many seeds, every node hears {@code m} or
     * {@code m + 1} nodes, which is fewer than N for every N &gt; 5, so no node hears everyone.
     * (Jepsen states that no two nodes see the same majority, but its construction does not
     * guarantee it for small N, and neither does this one.)
     */
    static Map<String, Set<String>> ringStochastic(List<String> nodes, Random random) {
        int m = majority(nodes.size());
        Map<String, Set<String>> conns = new HashMap<>();
        for (String node : nodes) {
            conns.put(node, new HashSet<>(Set.of(node)));
        }
        TreeMap<Integer, Set<String>> byDegree = new TreeMap<>();
        byDegree.put(1, new LinkedHashSet<>(nodes));
        while (true) {
            List<String> order = new ArrayList<>(nodes.size());
            for (Set<String> bucket : byDegree.values()) {
                order.addAll(shuffled(bucket, random));
            }
            String a = order.get(0);
            int aDegree = conns.get(a).size();
            if (aDegree >= m) {
                return invert(nodes, conns);
            }
            Set<String> aConns = conns.get(a);
            String b = null;
            for (String candidate : order) {
                if (!aConns.contains(candidate)) {
                    b = candidate;
                    break;
                }
            }
            if (b == null) {
                throw new IllegalStateException(a + " is linked to everyone but has degree " + aDegree);
            }
            int bDegree = conns.get(b).size();
            aConns.add(b);
            conns.get(b).add(a);
            moveBucket(byDegree, a, aDegree);
            moveBucket(byDegree, b, bDegree);
        }
    }

    private static void moveBucket(TreeMap<Integer, Set<String>> byDegree, String node, int degree) {
        Set<String> bucket = byDegree.get(degree);
        bucket.remove(node);
        if (bucket.isEmpty()) {
            byDegree.remove(degree);
        }
        byDegree.computeIfAbsent(degree + 1, d -> new LinkedHashSet<>()).add(node);
    }

    /** Turns "who each node hears" into a grudge (Jepsen's {@code invert-grudge}), skipping empty sets. */
    private static Map<String, Set<String>> invert(List<String> nodes, Map<String, Set<String>> hears) {
        Map<String, Set<String>> grudge = new LinkedHashMap<>();
        for (String dest : nodes) {
            Set<String> heard = hears.getOrDefault(dest, Set.of());
            Set<String> dropped = new LinkedHashSet<>();
            for (String src : nodes) {
                if (!src.equals(dest) && !heard.contains(src)) {
                    dropped.add(src);
                }
            }
            if (!dropped.isEmpty()) {
                grudge.put(dest, Collections.unmodifiableSet(dropped));
            }
        }
        return Collections.unmodifiableMap(grudge);
    }

    // ---------------------------------------------------------------------------------------
    // Reading grudges

    /**
     * For each of {@code nodes}, the nodes it receives from under {@code grudge}, itself included,
     * in the order of {@code nodes}.
     */
    public static Map<String, Set<String>> hears(Map<String, Set<String>> grudge, List<String> nodes) {
        Map<String, Set<String>> hears = new LinkedHashMap<>();
        for (String dest : nodes) {
            Set<String> dropped = grudge.getOrDefault(dest, Set.of());
            Set<String> heard = new LinkedHashSet<>();
            for (String src : nodes) {
                if (src.equals(dest) || !dropped.contains(src)) {
                    heard.add(src);
                }
            }
            hears.put(dest, Collections.unmodifiableSet(heard));
        }
        return Collections.unmodifiableMap(hears);
    }

    /**
     * A short description for progress output. Only the nodes named in the grudge are considered.
     *
     * <ul>
     *   <li>{@code no partition} for an empty grudge;</li>
     *   <li>{@code n1 | n0 n2 n3 n4} when the nodes fall into components that hear each other
     *       fully and nothing outside (smaller components first);</li>
     *   <li>{@code ring: n0 hears n1 n2; n1 hears n0 n2; ...} otherwise: for each node, whom it
     *       hears besides itself.</li>
     * </ul>
     */
    public static String describe(Map<String, Set<String>> grudge) {
        Set<String> universe = new TreeSet<>(NODE_ORDER);
        grudge.forEach((dest, srcs) -> {
            if (!srcs.isEmpty()) {
                universe.add(dest);
                universe.addAll(srcs);
            }
        });
        if (universe.isEmpty()) {
            return "no partition";
        }
        List<String> nodes = List.copyOf(universe);
        Map<String, Set<String>> hears = hears(grudge, nodes);

        List<Set<String>> components = components(nodes, hears);
        if (components != null) {
            StringJoiner out = new StringJoiner(" | ");
            for (Set<String> component : components) {
                out.add(String.join(" ", component));
            }
            return out.toString();
        }

        StringJoiner out = new StringJoiner("; ", "ring: ", "");
        for (String node : nodes) {
            List<String> others = new ArrayList<>(hears.get(node));
            others.remove(node);
            out.add(node + " hears " + (others.isEmpty() ? "nobody" : String.join(" ", others)));
        }
        return out.toString();
    }

    /** The clean components, smallest first, or null if the grudge is not a clean split. */
    private static List<Set<String>> components(List<String> nodes, Map<String, Set<String>> hears) {
        List<Set<String>> components = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String node : nodes) {
            Set<String> component = hears.get(node);
            for (String member : component) {
                if (!hears.get(member).equals(component)) {
                    return null;
                }
            }
            if (seen.add(node)) {
                seen.addAll(component);
                components.add(component);
            }
        }
        components.sort(Comparator.comparingInt(Set::size)); // stable: ties keep node order
        return components;
    }

    /** Orders node names naturally: by their non-digit prefix, then by their numeric suffix. */
    static final Comparator<String> NODE_ORDER = (x, y) -> {
        int xs = digitsStart(x);
        int ys = digitsStart(y);
        int byPrefix = x.substring(0, xs).compareTo(y.substring(0, ys));
        if (byPrefix != 0) {
            return byPrefix;
        }
        String xd = x.substring(xs);
        String yd = y.substring(ys);
        String xTrim = xd.replaceFirst("^0+(?=.)", "");
        String yTrim = yd.replaceFirst("^0+(?=.)", "");
        int byLength = Integer.compare(xTrim.length(), yTrim.length());
        if (byLength != 0) {
            return byLength;
        }
        int byDigits = xTrim.compareTo(yTrim);
        return byDigits != 0 ? byDigits : x.compareTo(y);
    };

    private static int digitsStart(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    // ---------------------------------------------------------------------------------------

    private static List<String> shuffled(Collection<String> nodes, Random random) {
        List<String> copy = new ArrayList<>(nodes);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static List<String> checkNodes(List<String> nodes) {
        Set<String> seen = new HashSet<>();
        for (String node : nodes) {
            if (node == null) {
                throw new IllegalArgumentException("node names must not be null");
            }
            if (!seen.add(node)) {
                throw new IllegalArgumentException("duplicate node " + node);
            }
        }
        return List.copyOf(nodes);
    }
}
