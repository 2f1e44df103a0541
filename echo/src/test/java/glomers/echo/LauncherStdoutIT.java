package glomers.echo;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Message;
import glomers.runtime.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever JVM options a user adds through GLOMERS_JAVA_OPTS, the launcher's stdout, a pipe as
 * under Maelstrom, carries protocol messages and nothing else: what the JVM prints goes to
 * stderr, the node's log. Runs after `package` (failsafe), against the built jar and bin/echo.
 */
class LauncherStdoutIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path LAUNCHER = Path.of("..", "bin", "echo").toAbsolutePath().normalize();

    @TempDir
    Path workingDirectory;

    @ParameterizedTest
    @ValueSource(strings = {
        "-Xlog:gc",                       // unified logging with no output: stdout by default
        "-verbose:gc",                    // the same, spelled the old way
        "-Xlog:gc*:stdout",               // stdout named explicitly
        "-Xlog",                          // everything at info, to stdout
        "-verbose:class -verbose:jni",    // a line per class loaded, per native method bound
        "-XX:+PrintFlagsFinal",           // printed by the VM itself, not through -Xlog
        "-XX:+PrintCommandLineFlags -XX:+PrintVMOptions",
    })
    void everyStdoutLineIsAProtocolMessageWhatTheJvmPrintsGoesToStderr(String javaOpts) throws Exception {
        try (NodeProcess node = NodeProcess.start(List.of(LAUNCHER.toString()), workingDirectory,
                Map.of("GLOMERS_JAVA_OPTS", javaOpts))) {
            node.send("{\"id\":0,\"src\":\"c0\",\"dest\":\"n0\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n0\",\"node_ids\":[\"n0\"]}}");
            node.send("{\"id\":1,\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":1,\"echo\":\"hi\"}}");
            node.closeInput();
            assertThat(node.waitForExit(WAIT)).as("exit status at EOF").isEqualTo(0);

            List<String> lines = node.remainingLines(WAIT);
            assertThat(lines).as("stdout: init_ok and echo_ok, nothing else").hasSize(2);
            List<Message> messages = lines.stream().map(Message::parse).toList();
            assertThat(messages).extracting(m -> m.body().type()).containsExactly("init_ok", "echo_ok");
            assertThat(node.stderr()).as("the JVM's output is kept, in the node's log").isNotEmpty();
        }
    }

    /**
     * `bin/echo < requests > out; echo after`: a file as stdout is not reopened (that would give
     * the node a file offset of its own), so the shell's next line lands after the node's, not
     * over them.
     */
    @Test
    void aRegularFileAsStdoutStaysOneStreamWithWhatIsWrittenAfterTheNode() throws Exception {
        Path requests = Files.writeString(workingDirectory.resolve("requests.jsonl"),
                "{\"src\":\"c0\",\"dest\":\"n0\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n0\",\"node_ids\":[\"n0\"]}}\n");
        Path out = workingDirectory.resolve("out.jsonl");
        Process shell = new ProcessBuilder("bash", "-c", "\"$0\" < \"$1\"; echo after", LAUNCHER.toString(), requests.toString())
                .directory(workingDirectory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(shell.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        assertThat(Message.parse(lines.get(0)).body().type()).isEqualTo("init_ok");
        assertThat(lines.get(1)).isEqualTo("after");
    }
}
