package glomers.harness.net;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Run;
import glomers.harness.run.Runs;
import glomers.harness.workload.EchoWorkload;
import glomers.runtime.Body;
import glomers.runtime.NodeProgram;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal counts what :net needs, and writes every event to a file as it happens. */
class JournalTest {
    private static final NodeProgram ECHO = node -> node.on("echo",
            req -> req.reply(Body.of("echo_ok").put("echo", req.body().get("echo"))));

    @TempDir
    Path dir;

    @Test
    void aJournalFileHoldsEverySendAndReceiveOfARunInOrderAndAgreesWithNet() throws IOException {
        RunOptions options = new RunOptions("echo", 1, 10, 5, 1, 0, Latency.CONSTANT, false, 10, null, "grid", 1);
        Path file = dir.resolve("net-journal.jsonl");
        RunResult result;
        try (Journal journal = Journal.writingTo(file)) {
            result = Runs.inProcess(options, new EchoWorkload(), () -> ECHO, Run.RunListener.NONE, journal);
        }

        List<Journal.Event> events = Journal.read(file);
        long sends = events.stream().filter(e -> e.kind() == Journal.Kind.SEND).count();
        long recvs = events.stream().filter(e -> e.kind() == Journal.Kind.RECV).count();
        assertThat(sends).isEqualTo(result.results().at("/net/all/send-count").asLong()).isGreaterThan(40);
        assertThat(recvs).isEqualTo(result.results().at("/net/all/recv-count").asLong());

        Journal.Event first = events.get(0);
        assertThat(first.kind()).isEqualTo(Journal.Kind.SEND);
        assertThat(first.dest()).isEqualTo("n0");
        assertThat(first.body().get("type").asText()).isEqualTo("init");
        Map<Long, Journal.Event> sent = new HashMap<>();
        long lastTime = 0;
        for (Journal.Event event : events) {
            assertThat(event.timeNanos()).as("in the order they happened").isGreaterThanOrEqualTo(lastTime);
            lastTime = event.timeNanos();
            if (event.kind() == Journal.Kind.SEND) {
                assertThat(sent.put(event.messageId(), event)).as("one send per message id").isNull();
            } else {
                Journal.Event send = sent.get(event.messageId());
                assertThat(send).as("a receive follows its send").isNotNull();
                assertThat(List.of(event.src(), event.dest())).containsExactly(send.src(), send.dest());
                assertThat(event.body()).as("only sends carry the body").isNull();
            }
        }
    }

    @Test
    void aJournalThatOnlyCountsSplitsClientAndServerTrafficAsMaelstromDoes() {
        Journal journal = new Journal();
        Packet toNode = new Packet(0, "c1", "n0", Body.of("echo"));
        Packet toService = new Packet(1, "n0", "lin-kv", Body.of("read"));
        Packet fromService = new Packet(2, "lin-kv", "n0", Body.of("read_ok"));
        for (Packet packet : List.of(toNode, toService, fromService)) {
            journal.record(packet.id() * 10, Journal.Kind.SEND, packet);
        }
        journal.record(30, Journal.Kind.RECV, toService);

        Journal.Stats stats = journal.stats();
        assertThat(stats.clients()).isEqualTo(new Journal.Counts(1, 0, 1));
        assertThat(stats.servers()).isEqualTo(new Journal.Counts(2, 1, 2));
        assertThat(stats.all()).isEqualTo(new Journal.Counts(3, 1, 3));
        assertThat(journal.file()).isNull();
    }
}
