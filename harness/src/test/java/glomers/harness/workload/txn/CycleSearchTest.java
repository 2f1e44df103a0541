package glomers.harness.workload.txn;

import static glomers.harness.workload.txn.RwRegisterCheckerTest.stepTypes;
import static glomers.harness.workload.txn.RwRegisterCheckerTest.strings;
import static glomers.harness.workload.txn.RwRegisterCheckerTest.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CycleSearchTest {
    private final TxnHistoryBuilder h = new TxnHistoryBuilder();

    /** T1 -rw-> T2 -wr-> T3 -rw-> T4 -wr-> T1: two rw edges, never adjacent. */
    private void nonadjacentCycle() {
        h.ok(0, "r1=nil", "r4=1");
        h.ok(1, "w1=1", "w2=1");
        h.ok(2, "r2=1", "r3=nil");
        h.ok(3, "w3=1", "w4=1");
    }

    /** Maelstrom's dependency graph of the history so far (wr, and ww/rw from nil and writes-follow-reads). */
    private DependencyGraph graph() {
        TxnHistory txns = TxnHistory.of(h.history);
        DependencyGraph graph = new DependencyGraph();
        graph.addWriteRead(txns);
        graph.addVersionOrder(txns, VersionOrder.infer(
                List.of(VersionOrder.initialState(txns), VersionOrder.writesFollowReads(txns))), true);
        return graph;
    }

    @Test
    void alternatingRwAndWrIsGNonadjacentItemWhichSnapshotIsolationForbids() {
        nonadjacentCycle();
        CheckResult si = RwRegisterChecker.check(h.history, List.of("snapshot-isolation"));
        JsonNode cycle = RwRegisterCheckerTest.soleAnomaly(si, "G-nonadjacent-item");
        assertThat(stepTypes(cycle)).containsExactly("rw", "wr", "rw", "wr");
        assertThat(cycle.get("cycle")).hasSize(5);
        assertThat(strings(si.details().get("not"))).contains("snapshot-isolation");
        assertThat(RwRegisterChecker.check(h.history, List.of("read-committed")).validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void runningOutOfWorkGivesCycleSearchTimeoutAndSomeCycleAsElleDoes() {
        nonadjacentCycle();
        Map<String, ArrayNode> found = CycleSearch.search(graph(), 3);
        JsonNode timeout = found.get("cycle-search-timeout").get(0);
        // G0 had no ww edge to start from, so the first search that costs anything is G1c's.
        assertThat(timeout.get("anomaly-spec-type").asText()).isEqualTo("G1c");
        assertThat(strings(timeout.get("does-not-contain"))).containsExactly("G0");
        assertThat(timeout.get("scc-size").asInt()).isEqualTo(4);
        assertThat(found.get("G-nonadjacent-item")).hasSize(1); // the fallback cycle, named by its edges

        // Maelstrom's wrapper drops cycle-search-timeout; what is left decides.
        ObjectNode onlyTimeout = RwRegisterChecker.resultMap(List.of("serializable"),
                Map.of("cycle-search-timeout", found.get("cycle-search-timeout")));
        assertThat(onlyTimeout.get("valid?").booleanValue()).isTrue();
        assertThat(onlyTimeout.get("anomaly-types")).isEmpty();
        assertThat(onlyTimeout.get("anomalies").isEmpty()).isTrue();
        ObjectNode withCycle = RwRegisterChecker.resultMap(List.of("serializable"), Map.copyOf(found));
        assertThat(withCycle.get("valid?").booleanValue()).isFalse();
        assertThat(strings(withCycle.get("anomaly-types"))).containsExactly("G-nonadjacent-item");
    }

    @Test
    void aLongChainOfDependenciesIsSearchedWithoutDeepRecursion() {
        // 10,000 transactions in one write-read chain, closed by the last one missing the
        // first one's write of key 3: one component, one cycle of 10,000 edges.
        int n = 10_000;
        h.ok(0, "w3=1", "w2=1");
        for (int i = 1; i < n; i++) {
            h.ok(i % 5, "r2=" + i, "w2=" + (i + 1));
        }
        h.ok(0, "r2=" + n, "r3=nil");
        assertThat(CycleSearch.search(graph()).keySet()).containsExactly("G-single-item"); // no timeout
        CheckResult r = RwRegisterChecker.check(h.history, List.of("serializable"));
        assertThat(types(r)).containsExactly("G-single-item");
        assertThat(stepTypes(r.details().get("anomalies").get("G-single-item").get(0)))
                .hasSize(n + 1).containsOnlyOnce("rw");
    }
}
