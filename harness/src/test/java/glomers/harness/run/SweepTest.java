package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.workload.EchoWorkload;
import glomers.runtime.Body;
import glomers.runtime.NodeProgram;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTest {

    /** Alters one echo on roughly a third of the seeds: its first random draw decides. */
    static final NodeProgram FLAKY_ECHO = node -> {
        boolean broken = node.random().nextInt(3) == 0;
        int[] seen = {0};
        node.on("echo", req -> req.reply(Body.of("echo_ok")
                .put("echo", broken && ++seen[0] == 3 ? "flaky" : req.body().get("echo").asText())));
    };

    @Test
    void aSweepNamesExactlyTheSeedsOnWhichTheNodeFailsAndEachReplays() {
        RunOptions base = EchoAndUniqueIdsBenchTest.challenge1(1);

        List<Sweep.SeedResult> results = Sweep.run(base, 1, 30, () -> FLAKY_ECHO, 2);

        assertThat(results).extracting(Sweep.SeedResult::seed).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList());
        List<Long> failing = results.stream().filter(r -> !r.valid()).map(Sweep.SeedResult::seed).toList();
        assertThat(failing).isNotEmpty().hasSizeLessThan(30);
        for (Sweep.SeedResult r : results) {
            RunResult replay = Runs.inProcess(base.withSeed(r.seed()), new EchoWorkload(), () -> FLAKY_ECHO);
            assertThat(replay.valid()).as("seed %d replays as the sweep found it", r.seed()).isEqualTo(r.valid());
            if (!r.valid()) {
                assertThat(r.whyInvalid()).isEqualTo("workload");
            }
        }
        assertThat(Sweep.spread(results, Sweep.SeedResult::okFraction)).containsExactly(1.0, 1.0, 1.0);
    }
}
