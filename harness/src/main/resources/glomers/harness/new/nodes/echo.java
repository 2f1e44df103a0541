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
        // {"type": "echo", "msg_id": 1, "echo": "Please echo 35"}  ->  {"type": "echo_ok", "in_reply_to": 1, "echo": "Please echo 35"}
        // (request.reply fills in in_reply_to, and a msg_id of its own.)
        node.on("echo", request -> {
            // TODO: send back the value of the request's "echo" field: request.body().get("echo")
            request.reply(Body.of("echo_ok").put("echo", "TODO"));
        });
    }

    public static void main(String[] args) {
        Node.runOnStdio(new {{className}}());
    }
}
