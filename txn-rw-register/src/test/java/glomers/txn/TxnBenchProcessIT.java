package glomers.txn;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.Challenge;
import glomers.harness.run.Run;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.TxnRwRegisterWorkload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each stage of challenge 6 on the bench with bin/txn-rw-register as real processes, on the wall
 * clock: the stage's published parameters with a 10 s main phase, so the suite stays short; the
 * full 20 s runs are the recorded reference runs.
 */
class TxnBenchProcessIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "txn-rw-register").toAbsolutePath().normalize();

    private static RunResult run(String challenge, String strategy) {
        RunOptions published = Challenge.find(challenge).orElseThrow().options();
        RunOptions o = new RunOptions(published.workload(), published.nodes(), 10, published.rate(), published.concurrency(),
                published.latencyMillis(), published.latencyDist(), published.partitions(), published.nemesisIntervalSeconds(),
                published.availability(), published.topology(), published.txn(), 1);
        return Runs.processes(o, new TxnRwRegisterWorkload(o), LAUNCHER, List.of(strategy), Run.RunListener.NONE);
    }

    private static void assertValidAndTotallyAvailable(RunResult result) {
        assertThat(result.abortReason()).isNull();
        assertThat(result.valid()).as("%s", result.results()).isTrue();
        assertThat(result.results().at("/availability/ok-fraction").asDouble()).isEqualTo(1.0);
    }

    @Test
    void localPasses6aAsAProcess() {
        assertValidAndTotallyAvailable(run("6a", "local"));
    }

    @Test
    void eagerPasses6bPartitionedAsProcesses() {
        assertValidAndTotallyAvailable(run("6b", "eager"));
    }

    @Test
    void theDefaultPasses6cPartitionedAsProcesses() {
        RunResult result = run("6c", "batch");
        assertValidAndTotallyAvailable(result);
        assertThat(result.results().at("/node-order/valid?").asBoolean()).isTrue();
    }
}
