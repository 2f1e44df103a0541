package glomers.txn;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Message;
import glomers.runtime.testing.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/txn-rw-register as a real process: the protocol on stdout, the strategy argument, Fly.io's mistyped 6c command. */
class TxnProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path LAUNCHER = Path.of("..", "bin", "txn-rw-register").toAbsolutePath().normalize();
    private static final String INIT = "{\"src\":\"c0\",\"dest\":\"n0\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n0\",\"node_ids\":[\"n0\",\"n1\"]}}";

    @TempDir
    Path workingDirectory;

    private List<Message> session(NodeProcess node) throws InterruptedException {
        node.send(INIT);
        node.send("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"txn\",\"msg_id\":1,\"txn\":[[\"r\",3,null],[\"w\",3,7],[\"r\",3,null]]}}");
        node.send("not json");
        node.send("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"txn\",\"msg_id\":2,\"txn\":[[\"w\",3,null]]}}");
        node.send("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"txn\",\"msg_id\":3,\"txn\":[[\"r\",3,null]]}}");
        node.closeInput();
        assertThat(node.waitForExit(WAIT)).isZero();
        return node.remainingLines(WAIT).stream().map(Message::parse).filter(m -> m.dest().startsWith("c")).toList();
    }

    @Test
    void answersTransactionsAndBadInputOnStdoutAndNamesItsStrategyOnStderr() throws InterruptedException {
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString()), workingDirectory)) {
            List<Message> replies = session(node);

            assertThat(replies).extracting(m -> m.body().type()).containsExactly("init_ok", "txn_ok", "error", "txn_ok");
            assertThat(replies.get(1).body().get("txn").toString()).isEqualTo("[[\"r\",3,null],[\"w\",3,7],[\"r\",3,7]]");
            assertThat(replies.get(2).body().getLong("code")).isEqualTo(12);
            assertThat(replies.get(3).body().get("txn").toString()).isEqualTo("[[\"r\",3,7]]");
            assertThat(node.stderr()).anySatisfy(line -> assertThat(line).contains("txn-rw-register strategy batch"));
        }
    }

    @Test
    void theLaunchersArgumentNamesTheStrategyAndTheMistyped6cWordsAreIgnored() throws InterruptedException {
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString(), "\u2013-nemesis", "partition", "eager"), workingDirectory)) {
            assertThat(session(node)).extracting(m -> m.body().type()).containsExactly("init_ok", "txn_ok", "error", "txn_ok");
            assertThat(node.stderr()).anySatisfy(line -> assertThat(line).contains("txn-rw-register strategy eager"));
            assertThat(node.stderr()).anySatisfy(line -> assertThat(line).contains("ignoring arguments [\u2013-nemesis, partition]"));
        }
    }

    @Test
    void anUnknownStrategyStopsTheLauncherWithTheChoices() throws InterruptedException {
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString(), "gossip"), workingDirectory)) {
            assertThat(node.waitForExit(WAIT)).isEqualTo(2);
            assertThat(node.remainingLines(WAIT)).as("nothing on stdout").isEmpty();
            assertThat(String.join("\n", node.stderr())).contains("unknown txn-rw-register strategy \"gossip\"").contains("batch");
        }
    }
}
