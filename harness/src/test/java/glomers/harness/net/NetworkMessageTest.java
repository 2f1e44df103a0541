package glomers.harness.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import glomers.harness.sim.Scheduler;
import glomers.runtime.Body;
import glomers.runtime.Message;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-process node hands the network its messages as trees (Network.send(sender, Message)).
 * What the network then delivers, journals and rejects must be exactly what it does with the
 * message's line.
 */
class NetworkMessageTest {
    @TempDir
    Path dir;

    /** What one network did with the messages: each delivery as its line and its body's node kinds, and its journal file. */
    private record Observed(List<String> deliveries, List<Network.Violation> violations, String journal) {
    }

    private Observed run(String name, BiConsumer<Network, Message> send) throws Exception {
        Scheduler scheduler = Scheduler.virtual();
        Path file = dir.resolve(name + ".jsonl");
        List<String> deliveries = new ArrayList<>();
        Network network;
        try (Journal journal = Journal.writingTo(file)) {
            network = new Network(scheduler, Latency.UNIFORM, 20, new Random(7), journal);
            for (String endpoint : List.of("n0", "n1", "c1")) {
                network.register(endpoint, packet -> deliveries.add(scheduler.now() + " " + packet.toLine() + " " + kinds(packet.body())));
            }
            for (Message message : messages()) {
                send.accept(network, message);
            }
            scheduler.runUntil(() -> false, Long.MAX_VALUE);
        }
        return new Observed(deliveries, network.violations(), Files.readString(file));
    }

    private static List<Message> messages() {
        Body shared = Body.of("read_ok").put("messages", List.of(1, 2, 3)).put("in_reply_to", 4);
        return List.of(
                new Message("n0", "n1", Body.of("values").put("big", 1L << 40).put("small", 5L).put("text", "é€\ud83d\ude00\n\"")),
                new Message("n1", "c1", shared),
                new Message("n1", "n0", shared.copy().put("messages", List.of())),
                new Message("n0", "n1", Body.of("odd").put("f", JsonNodeFactory.instance.numberNode(1.5f))), // only the text can tell
                new Message("n0", "n1", Body.of("odd").put("d", JsonNodeFactory.instance.numberNode(new BigDecimal("2.50")))),
                new Message("n0", "n1", Body.of("nan").put("x", Double.NaN)),
                new Message("n0", "c9", Body.of("late_ok").put("in_reply_to", 3))); // a client that is gone: a violation
    }

    /** The Java classes of a body's nodes, depth first: the text would turn 5L into an int node, 1.5f into a double. */
    private static String kinds(Body body) {
        StringBuilder kinds = new StringBuilder();
        body.json().elements().forEachRemaining(node -> kinds.append(node.getClass().getSimpleName()).append(' '));
        return kinds.toString().trim();
    }

    @Test
    void aMessageGoesExactlyAsItsLineDoes() throws Exception {
        Observed asLines = run("lines", (network, message) -> network.send(message.src(), message.toLine()));
        Observed asMessages = run("messages", (network, message) -> network.send(message.src(), message));

        assertThat(asMessages.deliveries()).hasSize(6).containsExactlyElementsOf(asLines.deliveries());
        assertThat(asMessages.journal()).isEqualTo(asLines.journal());
        assertThat(asMessages.violations()).hasSize(1).containsExactlyElementsOf(asLines.violations());
        assertThat(asMessages.deliveries()).anySatisfy(d -> assertThat(d).contains("\"small\":5").contains("IntNode"));
    }

    @Test
    void aBodyChangedAfterItWasSentIsDeliveredAsItWasSent() throws Exception {
        Scheduler scheduler = Scheduler.virtual();
        Network network = new Network(scheduler, Latency.CONSTANT, 100, new Random(1));
        List<String> delivered = new ArrayList<>();
        network.register("n0", packet -> { });
        network.register("n1", packet -> delivered.add(packet.body().json().toString()));
        Body body = Body.of("values").put("messages", List.of(1));

        network.send("n0", new Message("n0", "n1", body));
        body.put("messages", List.of(1, 2)).put("type", "changed");
        scheduler.runUntil(() -> false, Long.MAX_VALUE);

        assertThat(delivered).containsExactly("{\"type\":\"values\",\"messages\":[1]}");
    }
}
