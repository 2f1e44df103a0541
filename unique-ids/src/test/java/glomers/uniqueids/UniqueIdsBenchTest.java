package glomers.uniqueids;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.Challenge;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.UniqueIdsWorkload;
import org.junit.jupiter.api.Test;

/** Challenge 2 on the local bench, in-process: 3 nodes, rate 1000, partitions, total availability. */
class UniqueIdsBenchTest {

    @Test
    void passesChallenge2WithTotalAvailabilityUnderPartitions() {
        RunOptions published = Challenge.find("2").orElseThrow().options();
        for (long seed = 1; seed <= 3; seed++) {
            RunResult result = Runs.inProcess(published.withSeed(seed), new UniqueIdsWorkload(), UniqueIdsNode::new);
            assertThat(result.valid()).as("seed %d: %s", seed, result.results()).isTrue();
            assertThat(result.results().at("/availability/ok-fraction").asDouble()).isEqualTo(1.0);
            assertThat(result.results().at("/workload/acknowledged-count").asLong()).isGreaterThan(25_000);
            assertThat(result.history().ops()).anySatisfy(op -> assertThat(op.f()).isEqualTo("start-partition"));
        }
    }
}
