package {{package}};

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Body;
import glomers.runtime.MaelstromException;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;

/**
 * Gossip Glomers challenge {{challenge.id}}: {{challenge.title}}.
 *
{{rules}}
 *
 * <p>As {@code glomers new} wrote it, the handler below is a stub: it answers with an error, so
 * the checker fails the run. Fill it in. Between nodes, messages of your own types work best:
 * {@code node.send("n1", Body.of("replicate").put("writes", ...))} with
 * {@code node.on("replicate", ...)}. Every handler runs on the node's one thread: no locks.
 */
public final class {{className}} implements NodeProgram {
    @Override
    public void install(Node node) {
        // {"type": "txn", "txn": [["r", 1, null], ["w", 1, 6], ["w", 2, 9]]}
        //   ->  {"type": "txn_ok", "txn": [["r", 1, 3], ["w", 1, 6], ["w", 2, 9]]}
        node.on("txn", request -> {
            JsonNode txn = request.body().get("txn");
            // TODO: run the micro-operations in order: store each write's value, fill in each read's (null if never
            // written), and reply with the list: request.reply(Body.of("txn_ok").put("txn", ...)). Until then every
            // transaction fails with error 10, and --availability total fails the run.
            throw MaelstromException.notSupported("TODO: run the " + txn.size() + " micro-operations");
        });
    }

    public static void main(String[] args) {
        Node.runOnStdio(new {{className}}());
    }
}
