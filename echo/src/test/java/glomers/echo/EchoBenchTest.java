package glomers.echo;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.Challenge;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.EchoWorkload;
import org.junit.jupiter.api.Test;

/** Challenge 1 on the local bench, in-process, with its published parameters. */
class EchoBenchTest {

    @Test
    void passesChallenge1OnManySeeds() {
        RunOptions published = Challenge.find("1").orElseThrow().options();
        for (long seed = 1; seed <= 20; seed++) {
            RunResult result = Runs.inProcess(published.withSeed(seed), new EchoWorkload(), EchoNode::new);
            assertThat(result.valid()).as("seed %d: %s", seed, result.results()).isTrue();
            assertThat(result.results().at("/stats/fail-count").asLong()).isZero();
            assertThat(result.results().at("/stats/info-count").asLong()).isZero();
        }
    }
}
