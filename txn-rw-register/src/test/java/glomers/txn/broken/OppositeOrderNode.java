package glomers.txn.broken;

import com.fasterxml.jackson.core.type.TypeReference;
import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import glomers.txn.Transaction;
import java.util.HashMap;
import java.util.Map;

/**
 * Deliberately broken, for the bench to catch: replicas with no conflict rule. A transaction's
 * final writes are applied here and sent to every peer at once ({@code apply}), and a peer
 * applies whatever arrives, in arrival order, over what it has. Two concurrent transactions that
 * write the same key on two nodes therefore end up in opposite orders: each node applies its
 * own first and the other's second, so n0 keeps n1's value and n1 keeps n0's, for good. The
 * versions each node observes no longer follow one order (what the bench's G0 /
 * cyclic-versions check looks for), and the replicas never converge.
 */
public final class OppositeOrderNode implements NodeProgram {
    private static final TypeReference<Map<Long, Long>> WRITES = new TypeReference<>() { };

    @Override
    public void install(Node node) {
        Map<Long, Long> registers = new HashMap<>();
        node.on("txn", request -> {
            Transaction.Completed done = Transaction.parse(request.body().get("txn")).run(registers::get);
            Map<Long, Long> writes = done.finalWrites();
            if (!writes.isEmpty()) {
                registers.putAll(writes);
                node.peers().forEach(peer -> node.send(peer, Body.of("apply").put("writes", writes)));
            }
            request.reply(Body.of("txn_ok").put("txn", done.toJson()));
        });
        node.on("apply", message -> registers.putAll(message.body().get("writes", WRITES))); // the bug: no order
    }
}
