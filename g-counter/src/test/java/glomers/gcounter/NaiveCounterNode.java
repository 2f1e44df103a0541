package glomers.gcounter;

import glomers.runtime.Body;
import glomers.runtime.KvClient;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;

/**
 * The tempting first attempt, kept to show that the bench catches it: all nodes share one key;
 * an add reads it, adds the delta and writes the sum back; a read reads the key.
 *
 * <p>It loses updates two ways. Two nodes can read the same value and both write back their own
 * sum, so one delta is overwritten. And on seq-kv a read can return an old value even when no
 * other node is adding at the same moment, so the write puts the counter back to an old total
 * plus one delta.
 */
final class NaiveCounterNode implements NodeProgram {
    static final String KEY = "counter";

    @Override
    public void install(Node node) {
        node.on("add", request -> {
            long delta = request.body().getLong("delta");
            KvClient seqKv = node.seqKv();
            seqKv.read(KEY)
                    .compose(value -> seqKv.write(KEY, value.map(v -> v.asLong()).orElse(0L) + delta))
                    .onSuccess(written -> request.reply(Body.of("add_ok")))
                    .onFailure(request::fail);
        });
        node.on("read", request -> node.seqKv().read(KEY)
                .onSuccess(value -> request.reply(Body.of("read_ok").put("value", value.map(v -> v.asLong()).orElse(0L))))
                .onFailure(request::fail));
    }
}
