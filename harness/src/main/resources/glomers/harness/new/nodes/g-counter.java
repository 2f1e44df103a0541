package {{package}};

import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;

/**
 * Gossip Glomers challenge {{challenge.id}}: {{challenge.title}}.
 *
{{rules}}
 *
 * <p>As {@code glomers new} wrote it, the handlers below are stubs: they answer, but not usefully,
 * so the checker fails the run. Fill them in. seq-kv: {@code node.seqKv().read("k")} gives a
 * {@code Future<Optional<JsonNode>>} (empty when the key does not exist), {@code .write("k", 5)},
 * {@code .cas("k", 5, 6, true)} (true: create the key if it is missing); chain on the futures
 * with {@code onSuccess}/{@code onFailure}, and reply from there. Every callback runs on the
 * node's one thread: never block on a future.
 */
public final class {{className}} implements NodeProgram {
    @Override
    public void install(Node node) {
        // {"type": "add", "delta": 3}  ->  {"type": "add_ok"}
        node.on("add", request -> {
            // TODO: add request.body().getLong("delta") to the counter in seq-kv, and reply once it is stored
            request.reply(Body.of("add_ok"));
        });

        // {"type": "read"}  ->  {"type": "read_ok", "value": 42}
        node.on("read", request -> {
            // TODO: the counter's value
            request.reply(Body.of("read_ok").put("value", 0));
        });
    }

    public static void main(String[] args) {
        Node.runOnStdio(new {{className}}());
    }
}
