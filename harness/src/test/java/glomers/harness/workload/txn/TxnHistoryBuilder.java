package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.runtime.Json;

/**
 * Builds txn histories for tests. Micro-ops are written {@code "r1=5"} (read key 1, saw 5),
 * {@code "r1=nil"} (saw nothing), {@code "w2=7"} (write 7 to key 2). Invocations carry the same
 * micro-ops with every read's value null, as the txn client sends them.
 */
final class TxnHistoryBuilder {
    final History history = new History();
    private long clock = 0;

    /** Invokes a transaction; complete it later with {@link #complete}. */
    Op invoke(int process, String... mops) {
        return history.invoke(tick(), process, "txn", txn(true, mops), false);
    }

    /** Completes an invocation; ok completions carry the read values, fail and info the invocation's value. */
    Op complete(Op invoke, Op.Type type, String... mops) {
        JsonNode value = type == Op.Type.OK ? txn(false, mops) : invoke.value();
        return history.complete(invoke, tick(), type, value, type == Op.Type.OK ? null : "txn-conflict");
    }

    Op ok(int process, String... mops) {
        return complete(invoke(process, mops), Op.Type.OK, mops);
    }

    Op fail(int process, String... mops) {
        return complete(invoke(process, mops), Op.Type.FAIL, mops);
    }

    Op info(int process, String... mops) {
        return complete(invoke(process, mops), Op.Type.INFO, mops);
    }

    private long tick() {
        clock += 1_000_000; // 1 ms between entries
        return clock;
    }

    static ArrayNode txn(boolean invocation, String... mops) {
        ArrayNode txn = Json.mapper().createArrayNode();
        for (String mop : mops) {
            String[] kv = mop.substring(1).split("=");
            ArrayNode m = txn.addArray();
            m.add(mop.substring(0, 1));
            m.add(Long.parseLong(kv[0]));
            boolean nullValue = kv[1].equals("nil") || (invocation && mop.startsWith("r"));
            if (nullValue) {
                m.addNull();
            } else {
                m.add(Long.parseLong(kv[1]));
            }
        }
        return txn;
    }
}
