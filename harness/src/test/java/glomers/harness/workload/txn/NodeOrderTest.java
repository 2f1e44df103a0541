package glomers.harness.workload.txn;

import static glomers.harness.workload.txn.RwRegisterCheckerTest.stepTypes;
import static glomers.harness.workload.txn.RwRegisterCheckerTest.strings;
import static glomers.harness.workload.txn.RwRegisterCheckerTest.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.Op;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The node-order analysis: what Maelstrom's analysis misses, and what it must not invent. */
class NodeOrderTest {
    private static final List<String> RU = List.of("read-uncommitted");
    private static final List<String> RC = List.of("read-committed");
    /** Two nodes; even processes talk to n0, odd ones to n1. */
    private static final IntFunction<String> TWO_NODES = p -> "n" + p % 2;

    private final TxnHistoryBuilder h = new TxnHistoryBuilder();

    /** T1 on n0 and T2 on n1 write keys 1 and 2 concurrently; each replica applies them in its own order. */
    private void concurrentWritesOfBothKeys() {
        Op t1 = h.invoke(0, "w1=1", "w2=1");
        Op t2 = h.invoke(1, "w1=2", "w2=2");
        h.complete(t1, Op.Type.OK, "w1=1", "w2=1");
        h.complete(t2, Op.Type.OK, "w1=2", "w2=2");
    }

    @Test
    void replicasApplyingConcurrentTxnsInOppositeOrdersIsG0SeenOnlyByNodeOrder() {
        concurrentWritesOfBothKeys();
        h.ok(2, "r1=2");          // n0 applied T1 then T2: key 1 went 1, 2
        h.ok(3, "r2=1");          // n1 applied T2 then T1: key 2 went 2, 1

        CheckResult maelstrom = RwRegisterChecker.check(h.history, RU);
        assertThat(maelstrom.validity()).isEqualTo(Validity.VALID);

        CheckResult nodeOrder = RwRegisterChecker.checkWithNodeOrder(h.history, RU, TWO_NODES);
        JsonNode cycle = RwRegisterCheckerTest.soleAnomaly(nodeOrder, "G0");
        assertThat(strings(nodeOrder.details().get("not"))).containsExactly("read-uncommitted");
        assertThat(nodeOrder.details().get("source").asText()).startsWith("version order also inferred per node");
        assertThat(strings(nodeOrder.details().get("version-order-sources")))
                .containsExactly("initial-state", "wfr-keys", "node-order");
        assertThat(stepTypes(cycle)).containsExactly("ww", "ww");
        assertThat(cycle.get("steps").toString())
                .contains("on node n0, op 2 left key 1 at 1 or later before op 5 started and read 2")
                .contains("on node n1, op 3 left key 2 at 2 or later before op 7 started and read 1");
    }

    @Test
    void oneNodeSeeingAKeyGoBothWaysIsCyclicVersions() {
        concurrentWritesOfBothKeys();
        h.ok(2, "r1=2", "r2=2");  // n0: 1 then 2
        h.ok(3, "r1=1", "r2=1");  // n1: 2 then 1

        assertThat(RwRegisterChecker.check(h.history, RU).validity()).isEqualTo(Validity.VALID);
        CheckResult nodeOrder = RwRegisterChecker.checkWithNodeOrder(h.history, RU, TWO_NODES);
        assertThat(types(nodeOrder)).containsExactly("cyclic-versions");
        JsonNode cases = nodeOrder.details().get("anomalies").get("cyclic-versions");
        assertThat(cases.findValuesAsText("key")).containsExactly("1", "2");
        assertThat(strings(cases.get(0).get("sources"))).containsExactly("initial-state", "wfr-keys", "node-order");
        // The node-order source made the cycle, so it was left out, as Elle leaves such a source out.
        assertThat(strings(nodeOrder.details().get("version-order-sources"))).containsExactly("initial-state", "wfr-keys");
    }

    @Test
    void aNodesOwnBlindWriteWithAnOlderTimestampThanItHoldsIsNoFinding() {
        // Last-writer-wins with clocks that may lag: n1 writes 5 (stamp 10); n0 has it, reads it,
        // then writes 7 with stamp 8, which loses; everyone keeps 5. The true order is 7 before 5.
        h.ok(1, "w1=5");
        h.ok(0, "r1=5");
        h.ok(0, "w1=7");
        h.ok(2, "r1=5");
        h.ok(3, "r1=5");

        for (List<String> models : List.of(RU, RC)) {
            assertThat(RwRegisterChecker.check(h.history, models).validity()).isEqualTo(Validity.VALID);
            CheckResult nodeOrder = RwRegisterChecker.checkWithNodeOrder(h.history, models, TWO_NODES);
            assertThat(nodeOrder.details().get("anomaly-types")).isEmpty();
            assertThat(nodeOrder.validity()).isEqualTo(Validity.VALID);
        }
    }

    @Test
    void aReadAfterTheTransactionsOwnWriteGivesNoOrder() {
        // n1 holds 2; T on n0 writes 3 and reads it back (internal); n0 later reads 2 again.
        h.ok(1, "w1=2");
        h.ok(0, "r1=2", "w1=3", "r1=3");
        h.ok(0, "r1=3");
        CheckResult nodeOrder = RwRegisterChecker.checkWithNodeOrder(h.history, RC, TWO_NODES);
        assertThat(nodeOrder.validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void correctLastWriterWinsStoresPassBothAnalysesOverManySeeds() {
        for (long seed = 0; seed < 200; seed++) {
            LwwStoreSimulation sim = new LwwStoreSimulation(seed, true);
            for (List<String> models : List.of(RU, RC)) {
                CheckResult maelstrom = RwRegisterChecker.check(sim.history, models);
                assertThat(maelstrom.validity()).as("seed %d, %s: %s", seed, models, maelstrom.details())
                        .isEqualTo(Validity.VALID);
                CheckResult nodeOrder = RwRegisterChecker.checkWithNodeOrder(sim.history, models, sim.nodeOfProcess);
                assertThat(nodeOrder.validity()).as("seed %d, %s: %s", seed, models, nodeOrder.details())
                        .isEqualTo(Validity.VALID);
                assertThat(strings(nodeOrder.details().get("version-order-sources"))).as("seed %d", seed)
                        .containsExactly("initial-state", "wfr-keys", "node-order");
            }
        }
    }

    @Test
    void lastArrivalWinsStoresPassMaelstromButNodeOrderCatchesThem() {
        int caught = 0;
        for (long seed = 0; seed < 50; seed++) {
            LwwStoreSimulation sim = new LwwStoreSimulation(seed, false);
            assertThat(RwRegisterChecker.check(sim.history, RU).validity()).as("seed %d", seed)
                    .isEqualTo(Validity.VALID);
            CheckResult nodeOrder = RwRegisterChecker.checkWithNodeOrder(sim.history, RU, sim.nodeOfProcess);
            if (nodeOrder.validity() == Validity.INVALID) {
                caught++;
                assertThat(types(nodeOrder)).as("seed %d", seed).containsAnyOf("G0", "cyclic-versions");
            }
        }
        assertThat(caught).as("seeds caught out of 50").isGreaterThanOrEqualTo(10);
    }
}
