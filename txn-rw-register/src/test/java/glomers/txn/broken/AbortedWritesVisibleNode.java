package glomers.txn.broken;

import glomers.runtime.Body;
import glomers.runtime.MaelstromException;
import glomers.runtime.NodeProgram;
import glomers.txn.Transaction;
import java.util.HashMap;
import java.util.Map;

/**
 * Deliberately broken, for the bench to catch: one node that applies a transaction's writes and
 * then, for every 10th transaction that wrote, answers error 30 (txn-conflict, a definite abort).
 * The client records that transaction as {@code :fail}, yet its writes stay visible to later
 * reads: an aborted read, G1a, which read committed rules out.
 */
public final class AbortedWritesVisibleNode {
    private AbortedWritesVisibleNode() {
    }

    public static NodeProgram create() {
        return node -> {
            Map<Long, Long> registers = new HashMap<>();
            int[] writers = {0};
            node.on("txn", request -> {
                Transaction.Completed done = Transaction.parse(request.body().get("txn")).run(registers::get);
                registers.putAll(done.finalWrites());
                if (done.hasWrites() && ++writers[0] % 10 == 0) {
                    throw new MaelstromException(30, "conflict (but the writes were applied anyway)");
                }
                request.reply(Body.of("txn_ok").put("txn", done.toJson()));
            });
        };
    }
}
