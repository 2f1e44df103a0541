package {{package}};

import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;

/**
 * Gossip Glomers challenge {{challenge.id}}: {{challenge.title}}.
 *
{{rules}}
 *
 * <p>As {@code glomers new} wrote it, the handler below is a stub: it answers, but not usefully,
 * so the checker fails the run. Fill it in.
 */
public final class {{className}} implements NodeProgram {
    @Override
    public void install(Node node) {
        // node.onInit(() -> ...) runs once the node knows its id: node.id() ("n0") and node.nodeIds().

        // {"type": "generate", "msg_id": 1}  ->  {"type": "generate_ok", "in_reply_to": 1, "id": 123}
        node.on("generate", request -> {
            // TODO: an id that no other request, on any node, ever gets
            request.reply(Body.of("generate_ok").put("id", 0));
        });
    }

    public static void main(String[] args) {
        Node.runOnStdio(new {{className}}());
    }
}
