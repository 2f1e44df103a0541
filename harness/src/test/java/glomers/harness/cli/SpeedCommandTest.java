package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.reference.ReferenceBroadcast;
import glomers.harness.workload.txn.LocalRegistersNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * glomers speed: its four figures and how --check judges them. The figures themselves are
 * measured by the command (harness/README.md, "How fast it is"), never asserted here.
 */
class SpeedCommandTest {
    @TempDir
    Path root;

    @Test
    void printsTheFourFiguresEachAgainstItsTarget() throws Exception {
        TestModules.jar(root, "broadcast", ReferenceBroadcast.class);
        TestModules.jar(root, "txn-rw-register", LocalRegistersNode.class);

        TestCli.Ran ran = TestCli.run(root, Map.of(), "speed", "--warm-up", "0", "--runs", "1", "--seeds", "3");

        assertThat(ran.err()).isEmpty();
        assertThat(ran.out().lines().filter(l -> l.contains("target ≤"))).hasSize(4);
        assertThat(ran.out()).contains("3d run ").contains("1/").contains("messages (seed 1)")
                .contains("3c sweep ").contains("seeds 1..3").contains("3 of 3 valid").contains("target ≤ 0.18 s")
                .contains("3d memory ").contains("MiB peak resident")
                .contains("6c run, cold ").contains("s wall for the run and its checks (seed 1, ").contains("target ≤ 3 s");
        assertThat(ran.out()).doesNotContain("not measured");
        assertThat(ran.status()).as("without --check, 0 whatever the figures").isZero();
    }

    @Test
    void aTimeTargetIsMetOnWallTimeOrElseOnCpuTimeAndOtherwiseMissed() {
        SpeedCommand.Figure onWall = SpeedCommand.judge("run", 0.2, 0.25, 0.3, "s");
        SpeedCommand.Figure onCpu = SpeedCommand.judge("run", 0.9, 0.25, 0.3, "s");
        SpeedCommand.Figure missed = SpeedCommand.judge("run", 0.9, 0.31, 0.3, "s");

        assertThat(onWall.met()).isTrue();
        assertThat(onWall.line()).isEqualTo("run   target ≤ 0.3 s: met");
        assertThat(onCpu.met()).isTrue();
        assertThat(onCpu.line()).contains("met on CPU time").contains("busy");
        assertThat(missed.met()).isFalse();
        assertThat(missed.line()).endsWith(": MISSED");
    }

    @Test
    void badCountsAreAUsageError() {
        TestCli.assertUsageError(TestCli.run(root, Map.of(), "speed", "--runs", "0"), "--runs");
    }
}
