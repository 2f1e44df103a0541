package glomers.harness.workload.txn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.history.Op;
import glomers.harness.net.Latency;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.TxnRwRegisterWorkload;
import glomers.runtime.NodeProgram;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The txn-rw-register workload's generator and client on the bench, with a one-node register map. */
class TxnWorkloadTest {

    /** One node's map of registers: serializable on its own (challenge 6a). */
    static final NodeProgram LOCAL_REGISTERS = new LocalRegistersNode();

    static RunOptions challenge6a(long seed) {
        return new RunOptions("txn-rw-register", 1, 20, 1000, 2, 0, Latency.CONSTANT, false, 10, 1.0, "grid", seed);
    }

    @Test
    void oneNodesRegistersAreStrictSerializableAndTheNodeOrderAnalysisAgrees() {
        RunOptions options = challenge6a(1);
        RunResult result = Runs.inProcess(options, new TxnRwRegisterWorkload(options), () -> LOCAL_REGISTERS);

        assertThat(result.valid()).as(result.results().toString()).isTrue();
        assertThat(result.results().at("/availability/ok-fraction").asDouble()).isEqualTo(1.0);
        assertThat(result.results().at("/workload/anomaly-types")).isEmpty();
        assertThat(result.results().at("/node-order/valid?").asBoolean()).isTrue();
        assertThat(result.results().at("/node-order/source").asText()).contains("per node");
    }

    @Test
    void transactionsFollowElleGeneratorsShape() {
        RunOptions options = challenge6a(2);
        RunResult result = Runs.inProcess(options, new TxnRwRegisterWorkload(options), () -> LOCAL_REGISTERS);

        Map<Long, Long> lastWrite = new HashMap<>();
        int longest = 0;
        for (Op invoke : result.history().clientInvocations()) {
            longest = Math.max(longest, invoke.value().size());
            for (JsonNode mop : invoke.value()) {
                if (mop.get(0).asText().equals("w")) {
                    long key = mop.get(1).asLong();
                    long value = mop.get(2).asLong();
                    assertThat(value).as("key %d's values go 1, 2, 3 ... 16", key).isEqualTo(lastWrite.getOrDefault(key, 0L) + 1).isLessThanOrEqualTo(16);
                    lastWrite.put(key, value);
                } else {
                    assertThat(mop.get(2).isNull()).isTrue();
                }
            }
        }
        assertThat(longest).isEqualTo(4);
        assertThat(lastWrite.size()).as("keys retired after 16 writes make room for new ones").isGreaterThan(100);
    }
}
