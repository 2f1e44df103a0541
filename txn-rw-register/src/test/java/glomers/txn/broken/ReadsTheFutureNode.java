package glomers.txn.broken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import glomers.runtime.Body;
import glomers.runtime.NodeProgram;
import java.util.HashMap;
import java.util.Map;

/**
 * Deliberately broken, for the bench to catch: one node that, for one read in four, answers with
 * the value the key will most likely be written next (the highest value it has seen for the key,
 * plus one; the workload writes each key's values 1, 2, 3 … in order). When a later transaction
 * does write that value and itself reads something the first one wrote, each read the other's
 * write: a cycle of write-read dependencies, G1c, which read committed rules out.
 */
public final class ReadsTheFutureNode {
    private ReadsTheFutureNode() {
    }

    public static NodeProgram create() {
        return node -> {
            Map<Long, Long> registers = new HashMap<>();
            node.on("txn", request -> {
                ArrayNode txn = request.body().get("txn").deepCopy();
                for (JsonNode mop : txn) {
                    long key = mop.get(1).asLong();
                    if (mop.get(0).asText().equals("w")) {
                        registers.put(key, mop.get(2).asLong());
                    } else if (node.random().nextInt(4) == 0) {
                        ((ArrayNode) mop).set(2, registers.getOrDefault(key, 0L) + 1); // the bug: a guess at the next write
                    } else if (registers.containsKey(key)) {
                        ((ArrayNode) mop).set(2, registers.get(key));
                    }
                }
                request.reply(Body.of("txn_ok").put("txn", txn));
            });
        };
    }
}
