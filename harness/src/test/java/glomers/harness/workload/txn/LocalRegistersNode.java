package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.util.HashMap;
import java.util.Map;

/**
 * One node's map of registers, shared with no other node: serializable on its own (challenge
 * 6a). A public class with a no-argument constructor, so a test can also make it a module's jar.
 */
public final class LocalRegistersNode implements NodeProgram {
    public LocalRegistersNode() {
    }

    @Override
    public void install(Node node) {
        Map<Long, JsonNode> registers = new HashMap<>();
        node.on("txn", request -> {
            ArrayNode txn = request.body().json().get("txn").deepCopy();
            for (JsonNode mop : txn) {
                long key = mop.get(1).asLong();
                if (mop.get(0).asText().equals("r")) {
                    ((ArrayNode) mop).set(2, registers.getOrDefault(key, mop.get(2)));
                } else {
                    registers.put(key, mop.get(2));
                }
            }
            request.reply(Body.of("txn_ok").put("txn", txn));
        });
    }
}
