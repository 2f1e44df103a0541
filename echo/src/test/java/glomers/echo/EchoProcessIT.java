package glomers.echo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.cli.Challenge;
import glomers.harness.run.Run;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.EchoWorkload;
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
 * bin/echo as Maelstrom runs it: a process started from another working directory, spoken to
 * over stdin/stdout. Runs after `package` (failsafe), against the built jar and launcher.
 */
class EchoProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path LAUNCHER = Path.of("..", "bin", "echo").toAbsolutePath().normalize();

    @TempDir
    Path workingDirectory;

    private static void assertReply(NodeProcess node, String expectedJson) throws InterruptedException {
        String line = node.nextLine(WAIT);
        assertThat(line).as("a reply within " + WAIT).isNotNull();
        JsonNode actual = Json.parse(line);
        assertThat(Json.sameValue(actual, Json.parse(expectedJson))).as("reply %s, expected %s", line, expectedJson).isTrue();
    }

    @Test
    void answersInitAndEchoesThenSurvivesEveryKindOfBadInputAndExitsZeroAtEof() throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).as(LAUNCHER + " is executable").isTrue();
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString()), workingDirectory)) {
            node.send("{\"id\":0,\"src\":\"c0\",\"dest\":\"n0\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n0\",\"node_ids\":[\"n0\"]}}");
            assertReply(node, "{\"src\":\"n0\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1}}");

            for (int i = 1; i <= 5; i++) {
                node.send("{\"id\":" + i + ",\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":" + i
                        + ",\"echo\":\"Please echo " + (i * 17) + "\"}}");
                assertReply(node, "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"echo_ok\",\"echo\":\"Please echo "
                        + (i * 17) + "\",\"in_reply_to\":" + i + "}}");
            }

            // Lines that are not messages: logged on stderr, no reply.
            node.send("this is not json");
            node.send("[\"an array, not an envelope\"]");
            node.send("{\"src\":\"c1\",\"body\":{\"type\":\"echo\",\"msg_id\":90,\"echo\":1}}");
            node.send("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":\"not an object\"}");
            // Requests the node cannot serve: error replies with the right code.
            node.send("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"generate\",\"msg_id\":10}}");
            assertReply(node, "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"error\",\"code\":10,"
                    + "\"text\":\"this node does not handle \\\"generate\\\" messages; it handles [echo]\",\"in_reply_to\":10}}");
            node.send("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":11}}");
            assertReply(node, "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"error\",\"code\":12,"
                    + "\"text\":\"missing field \\\"echo\\\"\",\"in_reply_to\":11}}");
            node.send("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":7,\"msg_id\":12}}");
            assertReply(node, "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"error\",\"code\":12,"
                    + "\"text\":\"the message body has no string \\\"type\\\"\",\"in_reply_to\":12}}");
            node.send("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"init\",\"msg_id\":13,\"node_id\":\"n0\",\"node_ids\":[\"n0\"]}}");
            assertReply(node, "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"error\",\"code\":22,"
                    + "\"text\":\"this node is already initialised as n0\",\"in_reply_to\":13}}");

            // Still serving, with JSON types intact.
            node.send("{\"src\":\"c2\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":14,\"echo\":{\"f\":1.0,\"i\":1,\"s\":\"1\",\"n\":null}}}");
            assertReply(node, "{\"src\":\"n0\",\"dest\":\"c2\",\"body\":{\"type\":\"echo_ok\",\"echo\":{\"f\":1.0,\"i\":1,\"s\":\"1\",\"n\":null},\"in_reply_to\":14}}");

            node.closeInput();
            assertThat(node.waitForExit(WAIT)).as("exit status at EOF").isEqualTo(0);
            assertThat(node.remainingLines(WAIT)).as("nothing else on stdout").isEmpty();
            assertThat(node.stderr()).filteredOn(l -> l.contains("skipping a line that is not a Maelstrom message")).hasSize(4);
        }
    }

    @Test
    void passesChallenge1OnTheBenchAsAChildProcess() {
        RunOptions published = Challenge.find("1").orElseThrow().options();
        RunResult result = Runs.processes(published, new EchoWorkload(), LAUNCHER, List.of(), Run.RunListener.NONE);

        assertThat(result.abortReason()).isNull();
        assertThat(result.valid()).as("%s", result.results()).isTrue();
        assertThat(result.results().at("/stats/ok-count").asLong()).isGreaterThan(30);
    }

    @Test
    void theLauncherSaysHowToBuildWhenTheJarIsMissing() throws Exception {
        Path checkout = workingDirectory.resolve("fresh-checkout");
        Files.createDirectories(checkout.resolve("bin/lib"));
        Path launcher = Files.copy(LAUNCHER, checkout.resolve("bin/echo"));
        Files.copy(LAUNCHER.resolveSibling("lib/launch-node"), checkout.resolve("bin/lib/launch-node"));

        try (NodeProcess node = NodeProcess.start(List.of(launcher.toString()), workingDirectory)) {
            assertThat(node.waitForExit(WAIT)).isNotNull().isNotEqualTo(0);
            assertThat(node.remainingLines(WAIT)).as("nothing on stdout").isEmpty();
            assertThat(String.join("\n", node.stderr()))
                    .contains("echo is not built yet")
                    .contains("mvn -q -f '" + checkout.toRealPath().resolve("pom.xml") + "' package -DskipTests");
        }
    }

    @Test
    void everyLineOnStdoutIsAMessageEvenUnderLoad() throws Exception {
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString()), workingDirectory)) {
            node.send("{\"src\":\"c0\",\"dest\":\"n0\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n0\",\"node_ids\":[\"n0\"]}}");
            int count = 2_000;
            for (int i = 1; i <= count; i++) {
                node.send("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":" + i + ",\"echo\":" + i + "}}");
            }
            node.closeInput();
            assertThat(node.waitForExit(WAIT)).isEqualTo(0);

            List<String> lines = node.remainingLines(WAIT);
            assertThat(lines).hasSize(count + 1);
            List<Message> replies = lines.stream().map(Message::parse).toList();
            assertThat(replies.subList(1, replies.size()))
                    .allSatisfy(m -> assertThat(m.body().getLong("echo")).isEqualTo(m.body().getLong("in_reply_to")));
            assertThat(workingDirectory).as("the node leaves nothing behind in its working directory").isEmptyDirectory();
        }
    }
}
