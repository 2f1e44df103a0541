package glomers.harness.workload.broadcast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The neighbour maps Maelstrom's broadcast workload sends in its {@code topology} message
 * (spec §3.3; Maelstrom {@code src/maelstrom/workload/broadcast.clj}, {@code topologies}).
 *
 * <p>Every map is a {@link LinkedHashMap} whose keys are in node order, and each neighbour list
 * is in the order Maelstrom builds it:
 * <ul>
 *   <li>{@code grid} (the default): {@code side = ceil(sqrt N)}; node {@code idx} sits at row
 *       {@code idx / side}, column {@code idx % side}; its neighbours are the nodes below, above,
 *       right and left of it that exist, in that order.</li>
 *   <li>{@code line}: the node before, then the node after. Fewer than two nodes give {@code {}}.</li>
 *   <li>{@code tree2}, {@code tree3}, {@code tree4} ({@code tree} = {@code tree2}): a tree of
 *       fan-out b filled level by level in node order; neighbours are the parent, then the
 *       children in node order.</li>
 *   <li>{@code total}: every other node, in node order.</li>
 * </ul>
 * A single node gets {@code []} from grid, tree and total.
 */
public final class Topologies {
    /** The names Maelstrom accepts, in the order its map lists them. */
    public static final List<String> NAMES = List.of("line", "grid", "tree", "tree2", "tree3", "tree4", "total");

    /** Maelstrom's default topology. */
    public static final String DEFAULT = "grid";

    private Topologies() {
    }

    /**
     * The topology {@code name} over {@code nodes} (in test order). A null name means the default,
     * grid. An empty node list gives an empty map (Maelstrom's tree code would give nil there; no
     * run has zero nodes).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Map<String, List<String>> build(String name, List<String> nodes) {
        String topology = name == null ? DEFAULT : name;
        return switch (topology) {
            case "grid" -> grid(nodes);
            case "line" -> line(nodes);
            case "tree", "tree2" -> tree(2, nodes);
            case "tree3" -> tree(3, nodes);
            case "tree4" -> tree(4, nodes);
            case "total" -> total(nodes);
            default -> throw new IllegalArgumentException(
                    "unknown topology \"" + topology + "\"; valid topologies are " + String.join(", ", NAMES));
        };
    }

    private static Map<String, List<String>> grid(List<String> nodes) {
        int n = nodes.size();
        // Maelstrom computes the side as a double (Math/ceil (Math/sqrt n)); sqrt is exact for
        // perfect squares, so the integer below is the same.
        int side = (int) Math.ceil(Math.sqrt(n));
        Map<String, List<String>> topology = new LinkedHashMap<>();
        for (int idx = 0; idx < n; idx++) {
            int row = idx / side;
            int col = idx % side;
            List<String> neighbours = new ArrayList<>(4);
            addCell(neighbours, nodes, side, row + 1, col); // below
            addCell(neighbours, nodes, side, row - 1, col); // above
            addCell(neighbours, nodes, side, row, col + 1); // right
            addCell(neighbours, nodes, side, row, col - 1); // left
            topology.put(nodes.get(idx), List.copyOf(neighbours));
        }
        return topology;
    }

    /** Maelstrom's cell rule: row ≥ 0, 0 ≤ column < side, and the index row·side+col exists. */
    private static void addCell(List<String> into, List<String> nodes, int side, int row, int col) {
        if (row < 0 || col < 0 || col >= side) {
            return;
        }
        long idx = (long) row * side + col;
        if (idx < nodes.size()) {
            into.add(nodes.get((int) idx));
        }
    }

    private static Map<String, List<String>> line(List<String> nodes) {
        int n = nodes.size();
        Map<String, List<String>> topology = new LinkedHashMap<>();
        if (n < 2) {
            return topology;
        }
        for (int i = 0; i < n; i++) {
            List<String> neighbours = new ArrayList<>(2);
            if (i > 0) {
                neighbours.add(nodes.get(i - 1));
            }
            if (i < n - 1) {
                neighbours.add(nodes.get(i + 1));
            }
            topology.put(nodes.get(i), List.copyOf(neighbours));
        }
        return topology;
    }

    /**
     * Maelstrom chunks the nodes into tiers of 1, b, b², … and gives the j-th parent of a tier the
     * j-th run of b children of the next tier. In whole-list indexes that is the usual b-ary heap
     * layout: the children of node p are b·p+1 … b·p+b (those that exist), the parent of q > 0 is
     * (q−1)/b. (Tier k starts at s_k = (b^k−1)/(b−1), and s_{k+1} = b·s_k + 1, so child c of
     * the j-th node of tier k is s_{k+1} + b·j + c = b·(s_k + j) + 1 + c.)
     */
    private static Map<String, List<String>> tree(int b, List<String> nodes) {
        int n = nodes.size();
        Map<String, List<String>> topology = new LinkedHashMap<>();
        for (int p = 0; p < n; p++) {
            List<String> neighbours = new ArrayList<>(b + 1);
            if (p > 0) {
                neighbours.add(nodes.get((p - 1) / b));
            }
            for (long c = (long) b * p + 1; c <= (long) b * p + b && c < n; c++) {
                neighbours.add(nodes.get((int) c));
            }
            topology.put(nodes.get(p), List.copyOf(neighbours));
        }
        return topology;
    }

    private static Map<String, List<String>> total(List<String> nodes) {
        Map<String, List<String>> topology = new LinkedHashMap<>();
        for (String node : nodes) {
            topology.put(node, nodes.stream().filter(other -> !other.equals(node)).toList());
        }
        return topology;
    }
}
