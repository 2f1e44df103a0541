package glomers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Json;
import glomers.runtime.Message;
import glomers.runtime.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/kafka-log as Maelstrom starts it: a process spoken to over stdin/stdout, from another working
 * directory. Runs after `package` (failsafe), against the built jar and launcher.
 */
class KafkaLogProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path LAUNCHER = Path.of("..", "bin", "kafka-log").toAbsolutePath().normalize();
    private static final String INIT =
            "{\"src\":\"c0\",\"dest\":\"n0\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n0\",\"node_ids\":[\"n0\"]}}";

    @TempDir
    Path workingDirectory;

    private static String request(long msgId, String body) {
        return "{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"msg_id\":" + msgId + "," + body + "}}";
    }

    @Test
    void servesASessionOverStdioAndRefusesBadInputWithError12() throws InterruptedException {
        assertThat(Files.isExecutable(LAUNCHER)).as(LAUNCHER + " is executable").isTrue();
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString()), workingDirectory)) {
            node.send(INIT);
            node.send(request(1, "\"type\":\"send\",\"key\":\"a\",\"msg\":10"));
            node.send(request(2, "\"type\":\"send\",\"key\":\"a\",\"msg\":11"));
            node.send(request(3, "\"type\":\"poll\",\"offsets\":{\"a\":1,\"b\":0}"));
            node.send(request(4, "\"type\":\"commit_offsets\",\"offsets\":{\"a\":1}"));
            node.send(request(5, "\"type\":\"list_committed_offsets\",\"keys\":[\"a\",\"b\"]"));
            node.send(request(6, "\"type\":\"send\",\"key\":\"a\",\"msg\":\"eleven\""));
            node.send("not json");
            node.closeInput();

            assertThat(node.waitForExit(WAIT)).as("exit status at EOF").isZero();
            List<String> expected = List.of(
                    "{\"src\":\"n0\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1}}",
                    "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"send_ok\",\"offset\":0,\"in_reply_to\":1}}",
                    "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"send_ok\",\"offset\":1,\"in_reply_to\":2}}",
                    "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"poll_ok\",\"msgs\":{\"a\":[[1,11]]},\"in_reply_to\":3}}",
                    "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"commit_offsets_ok\",\"in_reply_to\":4}}",
                    "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"list_committed_offsets_ok\",\"offsets\":{\"a\":1},\"in_reply_to\":5}}",
                    "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"error\",\"code\":12,"
                            + "\"text\":\"field \\\"msg\\\" must be an integer, got \\\"eleven\\\"\",\"in_reply_to\":6}}");
            List<String> lines = node.remainingLines(WAIT);
            assertThat(lines).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(Json.sameValue(Json.parse(lines.get(i)), Json.parse(expected.get(i))))
                        .as("line %d: %s, expected %s", i, lines.get(i), expected.get(i)).isTrue();
            }
            assertThat(node.stderr()).anySatisfy(line -> assertThat(line).contains("kafka-log strategy owner"));
        }
    }

    @Test
    void theLaunchersArgumentNamesTheStrategy() throws InterruptedException {
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString(), "single"), workingDirectory)) {
            node.send(INIT);
            node.send(request(1, "\"type\":\"send\",\"key\":\"a\",\"msg\":5"));
            node.closeInput();
            assertThat(node.waitForExit(WAIT)).isZero();
            List<Message> replies = node.remainingLines(WAIT).stream().map(Message::parse).toList();
            assertThat(replies).extracting(m -> m.body().type()).containsExactly("init_ok", "send_ok");
            assertThat(node.stderr()).anySatisfy(line -> assertThat(line).contains("kafka-log strategy single"));
        }
    }

    @Test
    void anUnknownStrategyStopsTheLauncherWithTheChoices() throws InterruptedException {
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString(), "raft"), workingDirectory)) {
            assertThat(node.waitForExit(WAIT)).isEqualTo(2);
            assertThat(node.remainingLines(WAIT)).as("nothing on stdout").isEmpty();
            assertThat(String.join("\n", node.stderr())).contains("unknown kafka-log strategy \"raft\"").contains("owner");
        }
    }
}
