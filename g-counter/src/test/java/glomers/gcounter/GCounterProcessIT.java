package glomers.gcounter;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.Challenge;
import glomers.harness.run.Run;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.CounterWorkload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bin/g-counter as real processes on the bench, in real time (about 31 s): challenge 4 as Maelstrom runs it. */
class GCounterProcessIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "g-counter").toAbsolutePath().normalize();

    @Test
    void passesChallenge4OnTheBenchAsChildProcesses() {
        RunOptions published = Challenge.find("4").orElseThrow().options();
        RunResult result = Runs.processes(published, new CounterWorkload(), LAUNCHER, List.of(), Run.RunListener.NONE);

        assertThat(result.abortReason()).isNull();
        assertThat(result.valid()).as("%s", result.results()).isTrue();
        assertThat(result.history().ops()).anySatisfy(op -> assertThat(op.f()).isEqualTo("start-partition"));
        assertThat(result.results().at("/workload/final-reads")).hasSize(published.nodeCount());
        assertThat(result.results().at("/net/servers/msgs-per-op").asDouble()).isLessThanOrEqualTo(3.0);
    }
}
