package glomers.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.Challenge;
import glomers.harness.run.Run;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.BroadcastWorkload;
import glomers.runtime.Message;
import glomers.runtime.testing.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/broadcast as real processes: challenge 3d with 25 JVMs, and the launcher's strategy argument. */
class BroadcastProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path LAUNCHER = Path.of("..", "bin", "broadcast").toAbsolutePath().normalize();

    @TempDir
    Path workingDirectory;

    @Test
    void passesChallenge3dAsTwentyFiveProcesses() {
        RunResult result = Runs.processes(Challenge.find("3d").orElseThrow().options(), new BroadcastWorkload(), LAUNCHER,
                List.of(), Run.RunListener.NONE);

        assertThat(result.abortReason()).isNull();
        assertThat(result.valid()).as("%s", result.results().get("workload")).isTrue();
        assertThat(result.results().at("/workload/lost-count").asLong()).isZero();
        assertThat(result.results().at("/net/servers/msgs-per-op").asDouble()).as("3d's limit").isLessThan(30);
        assertThat(result.nodeLogs().get("n0")).anySatisfy(line -> assertThat(line).contains("broadcast strategy fanout"));
    }

    @Test
    void theLaunchersArgumentNamesTheStrategy() throws InterruptedException {
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString(), "batch"), workingDirectory)) {
            node.send("{\"src\":\"c0\",\"dest\":\"n0\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n0\",\"node_ids\":[\"n0\",\"n1\"]}}");
            node.send("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"broadcast\",\"msg_id\":1,\"message\":5}}");
            node.send("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"read\",\"msg_id\":2}}");
            node.closeInput();
            assertThat(node.waitForExit(WAIT)).isZero();
            List<Message> replies = node.remainingLines(WAIT).stream().map(Message::parse).toList();
            assertThat(replies).extracting(m -> m.body().type()).containsExactly("init_ok", "broadcast_ok", "read_ok");
            assertThat(node.stderr()).anySatisfy(line -> assertThat(line).contains("broadcast strategy batch"));
        }
    }

    @Test
    void anUnknownStrategyStopsTheLauncherWithTheChoices() throws InterruptedException {
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString(), "gossip"), workingDirectory)) {
            assertThat(node.waitForExit(WAIT)).isEqualTo(2);
            assertThat(node.remainingLines(WAIT)).as("nothing on stdout").isEmpty();
            assertThat(String.join("\n", node.stderr())).contains("unknown broadcast strategy \"gossip\"").contains("fanout");
        }
    }
}
