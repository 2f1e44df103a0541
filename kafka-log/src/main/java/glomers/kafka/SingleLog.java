package glomers.kafka;

import glomers.runtime.Node;
import glomers.runtime.Request;
import java.util.Map;

/**
 * Stage 5a: one node, its logs in memory. A send appends at the key's next offset and answers at
 * once; polls and commits read and write the same memory.
 *
 * <p>On more than one node this is wrong, and the node says so in its log: each node numbers its
 * own copy of a key from 0, so two nodes hand out the same offset for different messages
 * (the checker's {@code inconsistent-offsets}), and a poll on one node never sees the other's
 * messages. Stage 5b needs the nodes to agree on offsets.
 */
final class SingleLog extends MemoryLog {

    @Override
    public void install(Node node) {
        node.onInit(() -> {
            if (node.nodeIds().size() > 1) {
                node.log("WARNING: the single strategy keeps each node's logs apart, so " + node.nodeIds().size()
                        + " nodes will hand out the same offsets for different messages. Use lin-kv or owner.");
            }
        });
    }

    @Override
    public void send(String key, long msg, Request request) {
        request.reply(Replies.sendOk(logs.log(key).append(msg)));
    }

    @Override
    public void commit(Map<String, Long> offsets, Request request) {
        logs.commit(offsets);
        request.reply(Replies.commitOk());
    }
}
