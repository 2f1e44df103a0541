package glomers.broadcast;

import com.fasterxml.jackson.core.type.TypeReference;
import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Challenge 3: every value broadcast to any node ends up in every node's {@code read}.
 *
 * <p>This class is the part every strategy shares: it answers the clients ({@code topology},
 * {@code broadcast}, {@code read}) at once and hands each new value to a {@link Gossip}, which
 * spreads it. Which one is a {@link Strategy}: the node's argument, else
 * {@value Strategy#ENVIRONMENT_VARIABLE}, else {@link Strategy#DEFAULT}.
 */
public final class BroadcastNode implements NodeProgram {
    private static final TypeReference<Map<String, List<String>>> TOPOLOGY = new TypeReference<>() { };

    private final Strategy strategy;

    /** The strategy named by {@value Strategy#ENVIRONMENT_VARIABLE}, else the default. */
    public BroadcastNode() {
        this(List.of());
    }

    /** The strategy named by the node's command-line arguments (at most one), else as {@link #BroadcastNode()}. */
    public BroadcastNode(List<String> args) {
        this(Strategy.choose(args, System.getenv(Strategy.ENVIRONMENT_VARIABLE)));
    }

    public BroadcastNode(Strategy strategy) {
        this.strategy = strategy;
    }

    public Strategy strategy() {
        return strategy;
    }

    @Override
    public void install(Node node) {
        Values values = new Values();
        Gossip gossip = strategy.create();
        gossip.install(node, values);
        node.onInit(() -> node.log("broadcast strategy " + strategy + " (" + strategy.summary() + ")"));

        node.on("topology", request -> {
            gossip.topology(withoutUnknownNodes(request.body().get("topology", TOPOLOGY), node));
            request.reply(Body.of("topology_ok"));
        });
        node.on("broadcast", request -> {
            long value = request.body().getLong("message");
            if (values.add(value)) {
                gossip.originate(value); // sent before the reply: the value is on its way once the client knows it
            }
            request.reply(Body.of("broadcast_ok"));
        });
        node.on("read", request -> request.reply(Body.of("read_ok").put("messages", values.asJson())));
    }

    /**
     * The topology with every name that is not in {@code node_ids} left out, as keys and as
     * neighbours, and the names left out logged in one line. A hand-written topology can name
     * nodes that do not exist (Fly.io's pages say n1…n3 where {@code --node-count 3} runs
     * n0…n2), and one message to such a name makes Maelstrom stop reading this node.
     */
    static Map<String, List<String>> withoutUnknownNodes(Map<String, List<String>> topology, Node node) {
        List<String> known = node.nodeIds();
        TreeSet<String> unknown = new TreeSet<>();
        Map<String, List<String>> kept = new LinkedHashMap<>();
        topology.forEach((name, neighbours) -> {
            if (!known.contains(name)) {
                unknown.add(name);
                return;
            }
            neighbours.stream().filter(n -> !known.contains(n)).forEach(unknown::add);
            kept.put(name, neighbours.stream().filter(known::contains).toList());
        });
        if (!unknown.isEmpty()) {
            node.log("the topology names nodes that are not in node_ids " + known + "; ignoring " + unknown);
        }
        return kept;
    }

    public static void main(String[] args) {
        BroadcastNode program;
        try {
            program = new BroadcastNode(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("broadcast: " + e.getMessage());
            System.exit(2);
            return;
        }
        Node.runOnStdio(program);
    }
}
