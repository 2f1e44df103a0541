package glomers.txn;

import glomers.runtime.Body;
import java.util.Map;

/**
 * Stage 6b, read uncommitted: every write, intermediate ones included, is committed on its own
 * with its own stamp and sent at once to every peer, one {@code write} message each,
 * fire and forget:
 * <pre>{@code {"type":"write","key":3,"value":7,"ts":12}}</pre>
 * A peer applies each as it arrives, under the same last-writer-wins rule as the default, so no
 * replica ever orders two writes of a key differently (no G0).
 *
 * <p>What it gets wrong, on purpose: a transaction that writes key 3 twice sends two messages,
 * and a transaction on the peer that runs between their arrivals reads the first value, which
 * its writer overwrote. That is Adya's G1b (intermediate read): allowed by read uncommitted,
 * ruled out by read committed. It is also a message per write per peer, and a write sent into a
 * partition is lost to that peer (read uncommitted does not ask for replicas to converge).
 */
final class Eager extends Replication {

    @Override
    void start() {
        node.on("write", message -> {
            Body body = message.body();
            registers.applyRemote(new Stamp(body.getLong("ts"), message.src()), Map.of(body.getLong("key"), body.getLong("value")));
        });
    }

    @Override
    void commit(Transaction.Completed txn) {
        for (MicroOp write : txn.writes()) {
            Stamp stamp = registers.commitLocal(node.id(), Map.of(write.key(), write.value()));
            for (String peer : node.peers()) {
                node.send(peer, Body.of("write").put("key", write.key()).put("value", write.value()).put("ts", stamp.ts()));
            }
        }
    }
}
