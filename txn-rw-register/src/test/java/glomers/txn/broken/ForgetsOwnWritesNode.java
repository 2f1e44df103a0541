package glomers.txn.broken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import glomers.runtime.Body;
import glomers.runtime.NodeProgram;
import java.util.HashMap;
import java.util.Map;

/**
 * Deliberately broken, for the bench to catch: one node whose reads always see the state before
 * the transaction began, even after the transaction's own write of that key. A transaction that
 * writes x = 5 and then reads x sees the old value: an {@code internal} anomaly, which
 * serializability (the default model) rules out.
 */
public final class ForgetsOwnWritesNode {
    private ForgetsOwnWritesNode() {
    }

    public static NodeProgram create() {
        return node -> {
            Map<Long, JsonNode> registers = new HashMap<>();
            node.on("txn", request -> {
                ArrayNode txn = request.body().get("txn").deepCopy();
                Map<Long, JsonNode> writes = new HashMap<>();
                for (JsonNode mop : txn) {
                    long key = mop.get(1).asLong();
                    if (mop.get(0).asText().equals("r")) {
                        ((ArrayNode) mop).set(2, registers.getOrDefault(key, mop.get(2))); // the bug: own writes unseen
                    } else {
                        writes.put(key, mop.get(2));
                    }
                }
                registers.putAll(writes);
                request.reply(Body.of("txn_ok").put("txn", txn));
            });
        };
    }
}
