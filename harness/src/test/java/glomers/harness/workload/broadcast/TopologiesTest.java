package glomers.harness.workload.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Maelstrom's topologies against maps worked out by hand from the rules in broadcast.clj.
 * Maps are written as {@code "n0:n3,n1; n1:n4,n2,n0; …"}; a node with no neighbours as {@code "n0:"}.
 * Key order (node order) and neighbour order both matter.
 */
class TopologiesTest {

    private static List<String> nodes(int n) {
        return IntStream.range(0, n).mapToObj(i -> "n" + i).toList();
    }

    private static Map<String, List<String>> map(String spec) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String entry : spec.split(";")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            String rest = e.substring(colon + 1).strip();
            m.put(e.substring(0, colon), rest.isEmpty() ? List.of() : Arrays.asList(rest.split(",")));
        }
        return m;
    }

    private static void assertTopology(String name, int n, String expected) {
        Map<String, List<String>> actual = Topologies.build(name, nodes(n));
        assertThat(actual).isInstanceOf(LinkedHashMap.class);
        assertThat(actual).containsExactlyEntriesOf(map(expected));
        assertThat(new ArrayList<>(actual.keySet())).isEqualTo(new ArrayList<>(map(expected).keySet()));
    }

    // ---- 1 node: [] everywhere, except line, which is {} below 2 nodes ----

    @Test
    void oneNode() {
        for (String name : List.of("grid", "tree", "tree2", "tree3", "tree4", "total")) {
            assertTopology(name, 1, "n0:");
        }
        assertThat(Topologies.build("line", nodes(1))).isEmpty();
        assertThat(Topologies.build("line", nodes(0))).isEmpty();
        assertThat(Topologies.build("grid", nodes(0))).isEmpty();
    }

    // ---- 2 nodes: every topology connects the pair ----

    @Test
    void twoNodes() {
        // grid: side = ceil(sqrt 2) = 2; n0 (0,0) has right n1; n1 (0,1) has left n0.
        for (String name : Topologies.NAMES) {
            assertTopology(name, 2, "n0:n1; n1:n0");
        }
    }

    // ---- 5 nodes ----

    @Test
    void fiveNodeGrid() {
        // side = 3. n0(0,0) n1(0,1) n2(0,2) / n3(1,0) n4(1,1). Order: below, above, right, left.
        assertTopology("grid", 5, "n0:n3,n1; n1:n4,n2,n0; n2:n1; n3:n0,n4; n4:n1,n3");
        // The default is grid.
        assertThat(Topologies.build(null, nodes(5))).isEqualTo(Topologies.build("grid", nodes(5)));
    }

    @Test
    void fiveNodeLine() {
        assertTopology("line", 5, "n0:n1; n1:n0,n2; n2:n1,n3; n3:n2,n4; n4:n3");
    }

    @Test
    void fiveNodeTrees() {
        // tree2 tiers: [n0] [n1 n2] [n3 n4]; n1 gets (n3 n4), n2 gets none.
        assertTopology("tree2", 5, "n0:n1,n2; n1:n0,n3,n4; n2:n0; n3:n1; n4:n1");
        assertTopology("tree", 5, "n0:n1,n2; n1:n0,n3,n4; n2:n0; n3:n1; n4:n1");
        // tree3 tiers: [n0] [n1 n2 n3] [n4]; n1 gets (n4).
        assertTopology("tree3", 5, "n0:n1,n2,n3; n1:n0,n4; n2:n0; n3:n0; n4:n1");
        // tree4 tiers: [n0] [n1 n2 n3 n4].
        assertTopology("tree4", 5, "n0:n1,n2,n3,n4; n1:n0; n2:n0; n3:n0; n4:n0");
    }

    @Test
    void fiveNodeTotal() {
        assertTopology("total", 5,
                "n0:n1,n2,n3,n4; n1:n0,n2,n3,n4; n2:n0,n1,n3,n4; n3:n0,n1,n2,n4; n4:n0,n1,n2,n3");
    }

    @Test
    void sevenNodeGridHasAPartialLastRow() {
        // side = 3: rows n0 n1 n2 / n3 n4 n5 / n6.
        assertTopology("grid", 7,
                "n0:n3,n1; n1:n4,n2,n0; n2:n5,n1; n3:n6,n0,n4; n4:n1,n5,n3; n5:n2,n4; n6:n3");
    }

    // ---- 25 nodes ----

    @Test
    void twentyFiveNodeGrid() {
        // side = 5, rows n0-n4, n5-n9, n10-n14, n15-n19, n20-n24.
        assertTopology("grid", 25, """
                n0:n5,n1; n1:n6,n2,n0; n2:n7,n3,n1; n3:n8,n4,n2; n4:n9,n3;
                n5:n10,n0,n6; n6:n11,n1,n7,n5; n7:n12,n2,n8,n6; n8:n13,n3,n9,n7; n9:n14,n4,n8;
                n10:n15,n5,n11; n11:n16,n6,n12,n10; n12:n17,n7,n13,n11; n13:n18,n8,n14,n12; n14:n19,n9,n13;
                n15:n20,n10,n16; n16:n21,n11,n17,n15; n17:n22,n12,n18,n16; n18:n23,n13,n19,n17; n19:n24,n14,n18;
                n20:n15,n21; n21:n16,n22,n20; n22:n17,n23,n21; n23:n18,n24,n22; n24:n19,n23
                """);
    }

    @Test
    void twentyFiveNodeTree2() {
        // tiers 1, 2, 4, 8, then the last 10 (n15-n24) under n7..n11.
        assertTopology("tree2", 25, """
                n0:n1,n2; n1:n0,n3,n4; n2:n0,n5,n6; n3:n1,n7,n8; n4:n1,n9,n10;
                n5:n2,n11,n12; n6:n2,n13,n14; n7:n3,n15,n16; n8:n3,n17,n18; n9:n4,n19,n20;
                n10:n4,n21,n22; n11:n5,n23,n24; n12:n5; n13:n6; n14:n6;
                n15:n7; n16:n7; n17:n8; n18:n8; n19:n9; n20:n9; n21:n10; n22:n10; n23:n11; n24:n11
                """);
    }

    @Test
    void twentyFiveNodeTree3() {
        // tiers 1, 3, 9, then the last 12 (n13-n24) under n4..n7.
        assertTopology("tree3", 25, """
                n0:n1,n2,n3; n1:n0,n4,n5,n6; n2:n0,n7,n8,n9; n3:n0,n10,n11,n12;
                n4:n1,n13,n14,n15; n5:n1,n16,n17,n18; n6:n1,n19,n20,n21; n7:n2,n22,n23,n24;
                n8:n2; n9:n2; n10:n3; n11:n3; n12:n3;
                n13:n4; n14:n4; n15:n4; n16:n5; n17:n5; n18:n5;
                n19:n6; n20:n6; n21:n6; n22:n7; n23:n7; n24:n7
                """);
    }

    @Test
    void twentyFiveNodeTree4() {
        // tiers 1, 4, 16, then the last 4 (n21-n24) under n5.
        assertTopology("tree4", 25, """
                n0:n1,n2,n3,n4; n1:n0,n5,n6,n7,n8; n2:n0,n9,n10,n11,n12;
                n3:n0,n13,n14,n15,n16; n4:n0,n17,n18,n19,n20; n5:n1,n21,n22,n23,n24;
                n6:n1; n7:n1; n8:n1; n9:n2; n10:n2; n11:n2; n12:n2;
                n13:n3; n14:n3; n15:n3; n16:n3; n17:n4; n18:n4; n19:n4; n20:n4;
                n21:n5; n22:n5; n23:n5; n24:n5
                """);
    }

    @Test
    void twentyFiveNodeLineAndTotal() {
        Map<String, List<String>> line = Topologies.build("line", nodes(25));
        assertThat(line).hasSize(25);
        assertThat(line.get("n0")).containsExactly("n1");
        assertThat(line.get("n12")).containsExactly("n11", "n13");
        assertThat(line.get("n24")).containsExactly("n23");

        Map<String, List<String>> total = Topologies.build("total", nodes(25));
        assertThat(total.keySet()).containsExactlyElementsOf(nodes(25));
        for (int i = 0; i < 25; i++) {
            String me = "n" + i;
            assertThat(total.get(me)).isEqualTo(nodes(25).stream().filter(x -> !x.equals(me)).toList());
        }
    }

    @Test
    void followsTheGivenNodeOrderNotTheNames() {
        assertThat(Topologies.build("line", List.of("b", "a", "c")))
                .containsExactlyEntriesOf(map("b:a; a:b,c; c:a"));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> Topologies.build("ring", nodes(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ring")
                .hasMessageContaining("line, grid, tree, tree2, tree3, tree4, total");
    }
}
