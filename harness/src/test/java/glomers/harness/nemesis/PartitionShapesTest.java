package glomers.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.nemesis.PartitionShapes.Shape;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PartitionShapesTest {
    private static final int SEEDS = 300;

    private static List<String> nodes(int n) {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add("n" + i);
        }
        return List.copyOf(nodes);
    }

    private static Map<String, Set<String>> grudge(Shape shape, int n, long seed) {
        return PartitionShapes.grudge(shape, nodes(n), new Random(seed));
    }

    /** Sizes of the clean components of a grudge over {@code n} nodes, or fails if it is not clean. */
    private static List<Integer> cleanSplitSizes(Map<String, Set<String>> grudge, int n) {
        Map<String, Set<String>> hears = PartitionShapes.hears(grudge, nodes(n));
        Set<Set<String>> components = new HashSet<>(hears.values());
        for (Set<String> component : components) {
            for (String member : component) {
                assertThat(hears.get(member)).as("clean component of %s", member).isEqualTo(component);
            }
        }
        return components.stream().map(Set::size).sorted().toList();
    }

    private static void assertValid(Map<String, Set<String>> grudge, List<String> nodes) {
        grudge.forEach((dest, srcs) -> {
            assertThat(nodes).contains(dest);
            assertThat(nodes).containsAll(srcs);
            assertThat(srcs).as("%s drops something", dest).isNotEmpty().doesNotContain(dest);
        });
    }

    // -------------------------------------------------------------------------------------
    // Names, helpers and the random choice of shape

    @Test
    void shapesHaveMaelstromNames() {
        assertThat(Shape.values()).extracting(Shape::maelstromName)
                .containsExactly("one", "minority-third", "majority", "majorities-ring");
        assertThat(Shape.MAJORITIES_RING).hasToString("majorities-ring");
        assertThat(Shape.fromName("minority-third")).isEqualTo(Shape.MINORITY_THIRD);
        assertThat(Shape.fromName(":majority")).isEqualTo(Shape.MAJORITY);
        assertThatThrownBy(() -> Shape.fromName("primaries")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void majorityAndMinorityThirdMatchJepsenUtil() {
        int[] majority = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6};
        int[] minorityThird = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3};
        for (int n = 0; n <= 10; n++) {
            assertThat(PartitionShapes.majority(n)).as("majority(%d)", n).isEqualTo(majority[n]);
            assertThat(PartitionShapes.minorityThird(n)).as("minority-third(%d)", n).isEqualTo(minorityThird[n]);
        }
        assertThat(PartitionShapes.majority(25)).isEqualTo(13);
        assertThat(PartitionShapes.minorityThird(25)).isEqualTo(8);
    }

    @Test
    void everyShapeIsPickedAboutEquallyOften() {
        Random random = new Random(42);
        Map<Shape, Integer> counts = new EnumMap<>(Shape.class);
        int draws = 8000;
        for (int i = 0; i < draws; i++) {
            counts.merge(PartitionShapes.randomShape(random), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys(Shape.values());
        counts.values().forEach(c -> assertThat(c).isBetween(draws / 4 - 250, draws / 4 + 250));
    }

    // -------------------------------------------------------------------------------------
    // Common cluster sizes (spec 2.5)

    @ParameterizedTest
    @EnumSource(Shape.class)
    void oneNodeIsNeverAffected(Shape shape) {
        for (long seed = 0; seed < SEEDS; seed++) {
            assertThat(grudge(shape, 1, seed)).isEmpty();
        }
        assertThat(PartitionShapes.grudge(shape, List.of(), new Random(1))).isEmpty();
    }

    @Test
    void twoNodes() {
        Map<String, Set<String>> apart = Map.of("n0", Set.of("n1"), "n1", Set.of("n0"));
        for (long seed = 0; seed < SEEDS; seed++) {
            assertThat(grudge(Shape.ONE, 2, seed)).isEqualTo(apart);
            assertThat(grudge(Shape.MAJORITY, 2, seed)).isEqualTo(apart);
            assertThat(grudge(Shape.MINORITY_THIRD, 2, seed)).isEmpty();
            assertThat(grudge(Shape.MAJORITIES_RING, 2, seed)).isEmpty();
        }
    }

    @Test
    void threeNodes() {
        for (long seed = 0; seed < SEEDS; seed++) {
            assertThat(cleanSplitSizes(grudge(Shape.ONE, 3, seed), 3)).containsExactly(1, 2);
            assertThat(cleanSplitSizes(grudge(Shape.MAJORITY, 3, seed), 3)).containsExactly(1, 2);
            assertThat(grudge(Shape.MINORITY_THIRD, 3, seed)).isEmpty();

            // The ring is one-way: each node hears exactly one peer, and that peer does not hear it.
            Map<String, Set<String>> ring = grudge(Shape.MAJORITIES_RING, 3, seed);
            assertThat(ring).hasSize(3);
            ring.values().forEach(dropped -> assertThat(dropped).hasSize(1));
            Map<String, Set<String>> hears = PartitionShapes.hears(ring, nodes(3));
            for (String x : nodes(3)) {
                assertThat(hears.get(x)).hasSize(2).contains(x);
                String peer = hears.get(x).stream().filter(p -> !p.equals(x)).findFirst().orElseThrow();
                assertThat(hears.get(peer)).doesNotContain(x);
            }
        }
    }

    @Test
    void fourNodes() {
        for (long seed = 0; seed < SEEDS; seed++) {
            assertThat(cleanSplitSizes(grudge(Shape.ONE, 4, seed), 4)).containsExactly(1, 3);
            assertThat(cleanSplitSizes(grudge(Shape.MINORITY_THIRD, 4, seed), 4)).containsExactly(1, 3);
            assertThat(cleanSplitSizes(grudge(Shape.MAJORITY, 4, seed), 4)).containsExactly(2, 2);
            // Window of 3 centred on each node: it hears both ring neighbours and drops the opposite one.
            Map<String, Set<String>> ring = grudge(Shape.MAJORITIES_RING, 4, seed);
            assertThat(ring).hasSize(4);
            ring.forEach((x, dropped) -> {
                assertThat(dropped).hasSize(1);
                assertThat(ring.get(dropped.iterator().next())).containsExactly(x);
            });
        }
    }

    @Test
    void fiveNodes() {
        for (long seed = 0; seed < SEEDS; seed++) {
            assertThat(cleanSplitSizes(grudge(Shape.ONE, 5, seed), 5)).containsExactly(1, 4);
            assertThat(cleanSplitSizes(grudge(Shape.MINORITY_THIRD, 5, seed), 5)).containsExactly(1, 4);
            assertThat(cleanSplitSizes(grudge(Shape.MAJORITY, 5, seed), 5)).containsExactly(2, 3);
            assertRingOfNeighbours(grudge(Shape.MAJORITIES_RING, 5, seed), nodes(5));
        }
    }

    /** Each node hears itself and exactly two peers, symmetrically, and those links form one cycle. */
    private static void assertRingOfNeighbours(Map<String, Set<String>> grudge, List<String> nodes) {
        Map<String, Set<String>> hears = PartitionShapes.hears(grudge, nodes);
        Map<String, Set<String>> peers = new LinkedHashMap<>();
        hears.forEach((x, heard) -> peers.put(x,
                heard.stream().filter(p -> !p.equals(x)).collect(Collectors.toSet())));
        peers.forEach((x, ps) -> {
            assertThat(ps).as("peers of %s", x).hasSize(2);
            ps.forEach(p -> assertThat(peers.get(p)).as("symmetric").contains(x));
        });
        // Walk the cycle from the first node: it must visit every node before returning.
        String start = nodes.get(0);
        String previous = start;
        String current = peers.get(start).iterator().next();
        int steps = 1;
        while (!current.equals(start)) {
            String from = previous;
            String next = peers.get(current).stream().filter(p -> !p.equals(from)).findFirst().orElseThrow();
            previous = current;
            current = next;
            steps++;
        }
        assertThat(steps).isEqualTo(nodes.size());
    }

    @Test
    void sevenNodesMinorityThirdCutsOffTwo() {
        for (long seed = 0; seed < SEEDS; seed++) {
            assertThat(cleanSplitSizes(grudge(Shape.MINORITY_THIRD, 7, seed), 7)).containsExactly(2, 5);
            assertThat(cleanSplitSizes(grudge(Shape.MAJORITY, 7, seed), 7)).containsExactly(3, 4);
        }
    }

    // -------------------------------------------------------------------------------------
    // Larger clusters and the stochastic ring

    @ParameterizedTest
    @EnumSource(Shape.class)
    void twentyFiveNodesGiveValidGrudges(Shape shape) {
        List<String> nodes = nodes(25);
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, Set<String>> grudge = PartitionShapes.grudge(shape, nodes, new Random(seed));
            assertValid(grudge, nodes);
            assertThat(grudge).isNotEmpty();
            switch (shape) {
                case ONE -> assertThat(cleanSplitSizes(grudge, 25)).containsExactly(1, 24);
                case MINORITY_THIRD -> assertThat(cleanSplitSizes(grudge, 25)).containsExactly(8, 17);
                case MAJORITY -> assertThat(cleanSplitSizes(grudge, 25)).containsExactly(12, 13);
                case MAJORITIES_RING -> PartitionShapes.hears(grudge, nodes).values()
                        .forEach(h -> assertThat(h.size()).isBetween(13, 24));
            }
        }
    }

    @Test
    void stochasticRingGivesEveryNodeAMajorityButNeverEveryone() {
        for (int n = 6; n <= 40; n++) {
            List<String> nodes = nodes(n);
            int m = PartitionShapes.majority(n);
            for (long seed = 0; seed < 100; seed++) {
                Map<String, Set<String>> grudge =
                        PartitionShapes.grudge(Shape.MAJORITIES_RING, nodes, new Random(seed));
                assertValid(grudge, nodes);
                // Every node drops someone, so it is in the grudge.
                assertThat(grudge).as("n=%d seed=%d", n, seed).hasSize(n);
                Map<String, Set<String>> hears = PartitionShapes.hears(grudge, nodes);
                int size = n;
                hears.forEach((x, heard) -> {
                    assertThat(heard.size()).as("n=%d %s hears", size, x)
                            .isBetween(m, Math.min(m + 1, size - 1));
                    // Links are undirected in the stochastic construction.
                    heard.forEach(p -> assertThat(hears.get(p)).contains(x));
                });
            }
        }
    }

    @Test
    void largeStochasticRingsGiveEachNodeItsOwnMajority() {
        List<String> nodes = nodes(25);
        for (long seed = 0; seed < 50; seed++) {
            Map<String, Set<String>> hears = PartitionShapes.hears(
                    PartitionShapes.grudge(Shape.MAJORITIES_RING, nodes, new Random(seed)), nodes);
            assertThat(new HashSet<>(hears.values())).hasSize(25);
        }
    }

    // -------------------------------------------------------------------------------------
    // Determinism and randomness

    @ParameterizedTest
    @EnumSource(Shape.class)
    void sameSeedGivesSameGrudge(Shape shape) {
        for (int n : new int[] {3, 5, 8, 25}) {
            for (long seed = 0; seed < 20; seed++) {
                assertThat(grudge(shape, n, seed)).isEqualTo(grudge(shape, n, seed));
            }
        }
        Random a = new Random(7);
        Random b = new Random(7);
        for (int i = 0; i < 50; i++) {
            Shape sa = PartitionShapes.randomShape(a);
            Shape sb = PartitionShapes.randomShape(b);
            assertThat(sa).isEqualTo(sb);
            assertThat(PartitionShapes.grudge(sa, nodes(9), a)).isEqualTo(PartitionShapes.grudge(sb, nodes(9), b));
        }
    }

    @Test
    void everyNodeGetsPicked() {
        List<String> five = nodes(5);
        Set<String> lonely = new HashSet<>();
        Set<String> minority = new HashSet<>();
        Set<String> smallerHalf = new HashSet<>();
        Set<Map<String, Set<String>>> rings3 = new HashSet<>();
        Set<Map<String, Set<String>>> rings5 = new HashSet<>();
        Set<Map<String, Set<String>>> rings9 = new HashSet<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            lonely.addAll(smallestComponent(grudge(Shape.ONE, 5, seed), five));
            minority.addAll(smallestComponent(grudge(Shape.MINORITY_THIRD, 5, seed), five));
            smallerHalf.addAll(smallestComponent(grudge(Shape.MAJORITY, 5, seed), five));
            rings3.add(grudge(Shape.MAJORITIES_RING, 3, seed));
            rings5.add(grudge(Shape.MAJORITIES_RING, 5, seed));
            rings9.add(grudge(Shape.MAJORITIES_RING, 9, seed));
        }
        assertThat(lonely).containsExactlyInAnyOrderElementsOf(five);
        assertThat(minority).containsExactlyInAnyOrderElementsOf(five);
        assertThat(smallerHalf).containsExactlyInAnyOrderElementsOf(five);
        assertThat(rings3).hasSize(2); // both directions round the 3-ring
        assertThat(rings5).hasSize(12); // (5 - 1)! / 2 distinct undirected 5-cycles
        assertThat(rings9).hasSizeGreaterThan(SEEDS / 2);
    }

    private static Set<String> smallestComponent(Map<String, Set<String>> grudge, List<String> nodes) {
        return PartitionShapes.hears(grudge, nodes).values().stream()
                .min((x, y) -> Integer.compare(x.size(), y.size())).orElseThrow();
    }

    // -------------------------------------------------------------------------------------
    // Input and output handling

    @Test
    void resultsAreUnmodifiableAndFollowInputOrder() {
        List<String> nodes = List.of("b", "c", "a", "d");
        Map<String, Set<String>> grudge = PartitionShapes.grudge(Shape.MAJORITY, nodes, new Random(3));
        assertThat(grudge.keySet()).containsExactly("b", "c", "a", "d");
        grudge.values().forEach(srcs -> assertThat(nodes).containsSubsequence(List.copyOf(srcs)));
        assertThatThrownBy(() -> grudge.put("x", Set.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> grudge.get("b").add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsDuplicateNodes() {
        assertThatThrownBy(() -> PartitionShapes.grudge(Shape.ONE, List.of("n0", "n1", "n0"), new Random(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n0");
    }

    @Test
    void completeGrudgeCutsComponentsApart() {
        Map<String, Set<String>> grudge = PartitionShapes.completeGrudge(
                nodes(4), List.of(List.of("n0"), List.of("n1", "n2")));
        assertThat(grudge).isEqualTo(Map.of(
                "n0", Set.of("n1", "n2", "n3"),
                "n1", Set.of("n0", "n3"),
                "n2", Set.of("n0", "n3"),
                "n3", Set.of("n0", "n1", "n2")));
    }

    // -------------------------------------------------------------------------------------
    // describe

    @Test
    void describesCleanSplits() {
        assertThat(PartitionShapes.describe(Map.of())).isEqualTo("no partition");
        assertThat(PartitionShapes.describe(
                PartitionShapes.completeGrudge(nodes(5), List.of(List.of("n1")))))
                .isEqualTo("n1 | n0 n2 n3 n4");
        assertThat(PartitionShapes.describe(
                PartitionShapes.completeGrudge(nodes(5), List.of(List.of("n4", "n2")))))
                .isEqualTo("n2 n4 | n0 n1 n3");
        assertThat(PartitionShapes.describe(
                PartitionShapes.completeGrudge(nodes(12), List.of(List.of("n10")))))
                .isEqualTo("n10 | n0 n1 n2 n3 n4 n5 n6 n7 n8 n9 n11");
    }

    @Test
    void describesRings() {
        // n0 hears n2, n1 hears n0, n2 hears n1.
        Map<String, Set<String>> oneWay = Map.of("n0", Set.of("n1"), "n1", Set.of("n2"), "n2", Set.of("n0"));
        assertThat(PartitionShapes.describe(oneWay)).isEqualTo("ring: n0 hears n2; n1 hears n0; n2 hears n1");
        for (long seed = 0; seed < 20; seed++) {
            String text = PartitionShapes.describe(grudge(Shape.MAJORITIES_RING, 5, seed));
            assertThat(text).startsWith("ring: n0 hears ").contains("; n4 hears ");
            assertThat(PartitionShapes.describe(grudge(Shape.MAJORITY, 5, seed))).doesNotStartWith("ring");
        }
    }
}
