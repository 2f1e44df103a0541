package glomers.harness.run;

import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.util.Set;
import java.util.TreeSet;

/**
 * A broadcast node gone wrong, to test the bench's memory: every value it receives, from a
 * client or from a peer, it sends again to every peer, on every receipt. With 5 nodes each
 * message makes 4 more, so the traffic grows until the bench's own speed stops it. It answers
 * clients correctly: only its traffic is broken.
 */
public final class StormNode implements NodeProgram {
    private final String padding;

    public StormNode() {
        this(0);
    }

    /** Each storm message carries {@code paddingChars} characters more, to reach the bench's limits sooner. */
    public StormNode(int paddingChars) {
        this.padding = "x".repeat(paddingChars);
    }

    @Override
    public void install(Node node) {
        Set<Long> values = new TreeSet<>();
        node.on("topology", request -> request.reply(Body.of("topology_ok")));
        node.on("broadcast", request -> {
            long value = request.body().getLong("message");
            values.add(value);
            request.reply(Body.of("broadcast_ok"));
            flood(node, value);
        });
        node.on("storm", message -> {
            long value = message.body().getLong("value");
            values.add(value);
            flood(node, value);
        });
        node.on("read", request -> request.reply(Body.of("read_ok").put("messages", values)));
    }

    private void flood(Node node, long value) {
        for (String peer : node.peers()) {
            Body storm = Body.of("storm").put("value", value);
            node.send(peer, padding.isEmpty() ? storm : storm.put("padding", padding));
        }
    }

    /** The node as a process, for {@link StormMemory}'s process mode. */
    public static void main(String[] args) {
        Node.runOnStdio(new StormNode());
    }
}
