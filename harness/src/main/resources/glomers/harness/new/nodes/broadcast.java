package {{package}};

import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.util.List;

/**
 * Gossip Glomers challenge {{challenge.id}}: {{challenge.title}}.
 *
{{rules}}
 *
 * <p>As {@code glomers new} wrote it, the handlers below are stubs: they answer, but not usefully,
 * so the checker fails the run. Fill them in. Between nodes, messages of your own types work
 * best: {@code node.send("n1", Body.of("gossip").put("messages", ...))} with
 * {@code node.on("gossip", ...)}, or {@code node.rpc(...)} when you need a reply. Timers:
 * {@code node.after(...)}, {@code node.every(...)}. Every handler and timer runs on the node's
 * one thread: no locks, and never block.
 */
public final class {{className}} implements NodeProgram {
    @Override
    public void install(Node node) {
        // {"type": "topology", "topology": {"n0": ["n1", "n3"], "n1": ["n0", "n2", "n4"], ...}}  ->  {"type": "topology_ok"}
        node.on("topology", request -> {
            // TODO (3b on): keep this node's neighbours, or pick a topology of your own:
            //   Map<String, List<String>> topology = request.body().get("topology", new TypeReference<>() {});
            request.reply(Body.of("topology_ok"));
        });

        // {"type": "broadcast", "message": 1000}  ->  {"type": "broadcast_ok"}
        node.on("broadcast", request -> {
            // TODO: keep request.body().getLong("message"), and (3b on) pass it on to the other nodes
            request.reply(Body.of("broadcast_ok"));
        });

        // {"type": "read"}  ->  {"type": "read_ok", "messages": [1, 8, 72, 25]}
        node.on("read", request -> {
            // TODO: every message this node has seen
            request.reply(Body.of("read_ok").put("messages", List.of()));
        });
    }

    public static void main(String[] args) {
        Node.runOnStdio(new {{className}}());
    }
}
