package glomers.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.history.Op;
import glomers.harness.net.Latency;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.EchoWorkload;
import glomers.runtime.Body;
import org.junit.jupiter.api.Test;

class PartitionCountTest {

    @Test
    void withTwoNodesOnlyTheShapesThatCutSomethingCountAsEffective() {
        RunOptions twoNodes = new RunOptions("echo", 2, 60, 5, 2, 0, Latency.CONSTANT, true, 2, null, "grid", 7);
        RunResult result = Runs.inProcess(twoNodes, new EchoWorkload(),
                () -> node -> node.on("echo", r -> r.reply(Body.of("echo_ok").put("echo", r.body().get("echo")))));

        PartitionCount count = PartitionCount.of(result.history());

        long starts = result.history().ops().stream().filter(o -> o.process() == Op.NEMESIS && o.f().equals("start-partition")).count();
        long cutting = result.history().ops().stream()
                .filter(o -> o.process() == Op.NEMESIS && o.f().equals("start-partition"))
                .filter(o -> o.value().get(1).size() > 0 && o.value().get(1).elements().next().size() > 0)
                .count();
        assertThat(count.started()).isEqualTo(starts).isGreaterThan(5);
        assertThat(count.effective()).isEqualTo(cutting).isLessThan(count.started()).isPositive();
        assertThat(count.describe()).isEqualTo(starts + " partitions, " + cutting + " of them cut a node off");
    }
}
