package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.net.Latency;
import glomers.harness.workload.EchoWorkload;
import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's inbox as Maelstrom's (client.clj {@code recv!}): what reaches a client between its
 * calls waits in its queue, and its next call takes queued messages in order until one answers it.
 */
class ClientInboxTest {
    @TempDir
    Path dir;

    /**
     * Answers each echo, then sends the same client a second, wrong echo_ok whose in_reply_to is
     * the client's next msg_id, as a node that keys its pending replies by msg_id alone can. The
     * client is idle when it arrives; Maelstrom takes it as the answer to the next request. It
     * starts from the second request: a process answers its first one slowly (class loading), and
     * the next request could then already be waiting when the extra reply arrives.
     */
    static final NodeProgram ANSWERS_AHEAD = node -> node.on("echo", request -> {
        request.reply(Body.of("echo_ok").put("echo", request.body().get("echo")));
        long msgId = request.body().msgId().orElseThrow();
        if (msgId >= 2) {
            node.send(request.src(), Body.of("echo_ok").put("in_reply_to", msgId + 1).put("echo", "an answer sent ahead"));
        }
    });

    /** Answers each echo twice with the same in_reply_to: the copy is thrown away at the next call. */
    static final NodeProgram ANSWERS_TWICE = node -> node.on("echo", request -> {
        Body reply = Body.of("echo_ok").put("echo", request.body().get("echo"));
        request.reply(reply);
        node.send(request.src(), Body.of("echo_ok").put("in_reply_to", request.body().msgId().orElseThrow())
                .put("echo", request.body().get("echo")));
    });

    /** Sends its client a flood of messages nobody asked for. */
    static final NodeProgram FLOODS_ITS_CLIENT = node -> node.on("echo", request -> {
        request.reply(Body.of("echo_ok").put("echo", request.body().get("echo")));
        for (int i = 0; i <= Client.MAX_QUEUED; i++) {
            node.send(request.src(), Body.of("noise").put("i", i));
        }
    });

    /** The node above, as a process: {@code java -cp <the test class path> ClientInboxTest}. */
    public static void main(String[] args) {
        Node.runOnStdio(ANSWERS_AHEAD);
    }

    @Test
    void aReplySentAheadToAnIdleClientAnswersItsNextRequestInProcess() {
        RunResult result = Runs.inProcess(EchoAndUniqueIdsBenchTest.challenge1(1), new EchoWorkload(), () -> ANSWERS_AHEAD);

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.results().at("/workload/errors/0/received").asText()).isEqualTo("an answer sent ahead");
    }

    @Test
    void aReplySentAheadToAnIdleClientAnswersItsNextRequestAsAProcess() throws IOException {
        Path node = dir.resolve("answers-ahead");
        Files.writeString(node, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -Xshare:auto -cp '"
                + System.getProperty("java.class.path") + "' " + ClientInboxTest.class.getName() + "\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        RunOptions slowEcho = new RunOptions("echo", 1, 5, 1, 1, 0, Latency.CONSTANT, false, 10, null, "grid", 1);

        RunResult result = Runs.processes(slowEcho, new EchoWorkload(), node, List.of(), Run.RunListener.NONE);

        assertThat(result.abortReason()).isNull();
        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.results().at("/workload/errors/0/received").asText()).isEqualTo("an answer sent ahead");
    }

    @Test
    void aDuplicateReplyIsThrownAwayAtTheNextCallAndCountedAsReceivedThen() {
        RunResult result = Runs.inProcess(EchoAndUniqueIdsBenchTest.challenge1(1), new EchoWorkload(), () -> ANSWERS_TWICE);

        assertThat(result.exitStatus()).isZero();
        long echoes = result.history().clientInvocations().size();
        // Every duplicate but the last one is taken (and thrown away) by the client's next call; the
        // last one is still queued when the run ends, a send with no receive, as under Maelstrom.
        assertThat(result.results().at("/net/clients/send-count").asLong()).isEqualTo(2 + 3 * echoes);
        assertThat(result.results().at("/net/clients/recv-count").asLong()).isEqualTo(2 + 3 * echoes - 1);
    }

    @Test
    void aClientFloodedWhileIdleStopsTheRunAtTheQueueLimit() {
        RunResult result = Runs.inProcess(EchoAndUniqueIdsBenchTest.challenge1(1), new EchoWorkload(), () -> FLOODS_ITS_CLIENT);

        assertThat(result.exitStatus()).isEqualTo(255);
        assertThat(result.abortReason()).contains("more than " + Client.MAX_QUEUED + " messages").contains("n0");
    }

    @Test
    void journalCountsAClientsReceiveWhenTheClientTakesTheMessage() {
        RunResult result = Runs.inProcess(EchoAndUniqueIdsBenchTest.challenge1(1), new EchoWorkload(), () -> EchoAndUniqueIdsBenchTest.ECHO);

        assertThat(result.results().at("/net/clients/recv-count").asLong())
                .isEqualTo(result.results().at("/net/clients/send-count").asLong());
    }
}
