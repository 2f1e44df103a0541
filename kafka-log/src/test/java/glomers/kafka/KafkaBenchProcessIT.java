package glomers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.Challenge;
import glomers.harness.run.Run;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.KafkaWorkload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each stage of challenge 5 on the bench with bin/kafka-log as real processes, on the wall clock:
 * the stage's published parameters with a 10 s main phase (the final phase comes on top), so the
 * suite stays short; the full 20 s runs are the recorded reference runs.
 */
class KafkaBenchProcessIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "kafka-log").toAbsolutePath().normalize();

    private static RunResult run(String challenge, boolean partitions, String strategy) {
        RunOptions published = Challenge.find(challenge).orElseThrow().options();
        RunOptions o = new RunOptions(published.workload(), published.nodes(), 10, published.rate(), published.concurrency(),
                published.latencyMillis(), published.latencyDist(), partitions, published.nemesisIntervalSeconds(),
                published.availability(), published.topology(), published.txn(), 1);
        return Runs.processes(o, new KafkaWorkload(o), LAUNCHER, List.of(strategy), Run.RunListener.NONE);
    }

    private static void assertValid(RunResult result) {
        assertThat(result.abortReason()).isNull();
        assertThat(result.valid()).as("%s", result.results()).isTrue();
        assertThat(result.results().at("/workload/error-types")).isEmpty();
    }

    @Test
    void singlePasses5aAsAProcess() {
        assertValid(run("5a", false, "single"));
    }

    @Test
    void linKvPasses5bAsProcesses() {
        assertValid(run("5b", false, "lin-kv"));
    }

    @Test
    void theDefaultPasses5cPartitionedAsProcesses() {
        RunResult result = run("5c", true, "owner");
        assertValid(result);
        assertThat(result.nodeLogs().get("n0")).anySatisfy(line -> assertThat(line).contains("owner"));
    }
}
