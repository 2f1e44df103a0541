package {{package}};

import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.util.Map;

/**
 * Gossip Glomers challenge {{challenge.id}}: {{challenge.title}}.
 *
{{rules}}
 *
 * <p>As {@code glomers new} wrote it, the handlers below are stubs: they answer, but not usefully,
 * so the checker fails the run. Fill them in. Read a field of any shape with
 * {@code request.body().get("offsets", new TypeReference<Map<String, Long>>() {})}; reply with
 * maps and lists through {@code Body.put}. lin-kv: {@code node.linKv().read(...)}, {@code .write},
 * {@code .cas}, each a future to chain on; never block on one.
 */
public final class {{className}} implements NodeProgram {
    @Override
    public void install(Node node) {
        // {"type": "send", "key": "k1", "msg": 123}  ->  {"type": "send_ok", "offset": 1000}
        node.on("send", request -> {
            // TODO: append request.body().getLong("msg") to key request.body().getString("key")'s log; reply with its offset
            request.reply(Body.of("send_ok").put("offset", 0));
        });

        // {"type": "poll", "offsets": {"k1": 1000, "k2": 2000}}
        //   ->  {"type": "poll_ok", "msgs": {"k1": [[1000, 9], [1001, 5], [1002, 15]], "k2": [[2000, 7], [2001, 2]]}}
        node.on("poll", request -> {
            // TODO: for each key, its messages from the offset asked for on, as [offset, message] pairs
            request.reply(Body.of("poll_ok").put("msgs", Map.of()));
        });

        // {"type": "commit_offsets", "offsets": {"k1": 1000, "k2": 2000}}  ->  {"type": "commit_offsets_ok"}
        node.on("commit_offsets", request -> {
            // TODO: remember each key's committed offset
            request.reply(Body.of("commit_offsets_ok"));
        });

        // {"type": "list_committed_offsets", "keys": ["k1", "k2"]}  ->  {"type": "list_committed_offsets_ok", "offsets": {"k1": 1000}}
        node.on("list_committed_offsets", request -> {
            // TODO: the committed offset of each key asked for that has one
            request.reply(Body.of("list_committed_offsets_ok").put("offsets", Map.of()));
        });
    }

    public static void main(String[] args) {
        Node.runOnStdio(new {{className}}());
    }
}
