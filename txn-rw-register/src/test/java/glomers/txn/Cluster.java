package glomers.txn;

import glomers.runtime.Message;
import glomers.runtime.NodeProgram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Test helper: nodes on manual runtimes whose clocks move together, joined by a network that
 * delivers at once, in order, and can be cut (a cut drops every message between nodes, as a
 * Maelstrom partition of two nodes does).
 */
final class Cluster {
    private static final Duration STEP = Duration.ofMillis(5);

    private final Map<String, TestNode> nodes = new LinkedHashMap<>();
    private boolean cut;
    private int delivered;
    private int dropped;

    Cluster(Supplier<NodeProgram> program, String... ids) {
        for (String id : ids) {
            nodes.put(id, TestNode.start(program.get(), id, List.of(ids)));
        }
    }

    Cluster(Strategy strategy, String... ids) {
        this(() -> new TxnNode(strategy), ids);
    }

    TestNode node(String id) {
        return nodes.get(id);
    }

    void cut() {
        deliver(); // what is already on its way arrives first
        cut = true;
    }

    void heal() {
        cut = false;
    }

    /** Moves every clock forward by {@code duration}, delivering messages between nodes as they are sent. */
    void run(Duration duration) {
        for (long ms = 0; ms < duration.toMillis(); ms += STEP.toMillis()) {
            deliver();
            nodes.values().forEach(node -> node.advance(STEP));
        }
        deliver();
    }

    /** Delivers (or, while cut, drops) everything sent between nodes, until nothing more is sent. */
    void deliver() {
        List<Message> inFlight = takeInFlight();
        while (!inFlight.isEmpty()) {
            for (Message message : inFlight) {
                if (cut) {
                    dropped++;
                } else {
                    nodes.get(message.dest()).receive(message);
                    delivered++;
                }
            }
            inFlight = takeInFlight();
        }
    }

    /** Messages between nodes delivered so far. */
    int delivered() {
        return delivered;
    }

    int dropped() {
        return dropped;
    }

    private List<Message> takeInFlight() {
        List<Message> inFlight = new ArrayList<>();
        nodes.values().forEach(node -> inFlight.addAll(node.takeToNodes()));
        return inFlight;
    }
}
