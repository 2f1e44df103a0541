package glomers.uniqueids;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.Challenge;
import glomers.harness.run.Run;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.UniqueIdsWorkload;
import glomers.runtime.Message;
import glomers.runtime.testing.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/unique-ids as real processes: three nodes, then n0 restarted; every id distinct. */
class UniqueIdsProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path LAUNCHER = Path.of("..", "bin", "unique-ids").toAbsolutePath().normalize();
    private static final int IDS_PER_NODE = 1_000;

    @TempDir
    Path workingDirectory;

    private List<Long> runNode(String nodeId) throws InterruptedException {
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString()), workingDirectory)) {
            node.send("{\"src\":\"c0\",\"dest\":\"" + nodeId + "\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\""
                    + nodeId + "\",\"node_ids\":[\"n0\",\"n1\",\"n2\"]}}");
            for (int i = 1; i <= IDS_PER_NODE; i++) {
                node.send("{\"src\":\"c1\",\"dest\":\"" + nodeId + "\",\"body\":{\"type\":\"generate\",\"msg_id\":" + i + "}}");
            }
            node.closeInput();
            assertThat(node.waitForExit(WAIT)).isEqualTo(0);
            List<Message> replies = node.remainingLines(WAIT).stream().map(Message::parse).toList();
            assertThat(replies).hasSize(IDS_PER_NODE + 1);
            List<Long> ids = new ArrayList<>();
            for (Message reply : replies.subList(1, replies.size())) {
                assertThat(reply.body().type()).isEqualTo("generate_ok");
                ids.add(reply.body().getLong("id"));
            }
            return ids;
        }
    }

    @Test
    void passesChallenge2OnTheBenchAsChildProcesses() {
        RunOptions published = Challenge.find("2").orElseThrow().options();
        RunResult result = Runs.processes(published, new UniqueIdsWorkload(), LAUNCHER, List.of(), Run.RunListener.NONE);

        assertThat(result.abortReason()).isNull();
        assertThat(result.valid()).as("%s", result.results()).isTrue();
        assertThat(result.results().at("/availability/ok-fraction").asDouble()).isEqualTo(1.0);
        assertThat(result.history().ops()).anySatisfy(op -> assertThat(op.f()).isEqualTo("start-partition"));
    }

    @Test
    void threeNodesAndARestartNeverRepeatAnId() throws InterruptedException {
        List<Long> all = new ArrayList<>();
        all.addAll(runNode("n0"));
        all.addAll(runNode("n1"));
        all.addAll(runNode("n2"));
        all.addAll(runNode("n0")); // restarted
        assertThat(all).hasSize(4 * IDS_PER_NODE).doesNotHaveDuplicates();
    }
}
