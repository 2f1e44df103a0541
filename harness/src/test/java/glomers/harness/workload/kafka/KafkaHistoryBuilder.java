package glomers.harness.workload.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import java.util.List;
import java.util.Map;

/**
 * Builds kafka histories by hand, in the shapes the kafka workload records (see {@link KafkaOp}).
 * The clock moves on 1 ms per entry unless set. {@code send}/{@code poll}/{@code assign} record an
 * invocation and its completion back to back; {@code invoke…}/{@code complete…} split them, for
 * concurrent operations.
 */
final class KafkaHistoryBuilder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final long TICK = 1_000_000;

    final History history = new History();
    private long clock = 0;

    /** The next entry's time, in ns. */
    KafkaHistoryBuilder at(long timeNanos) {
        clock = timeNanos;
        return this;
    }

    private long tick() {
        long t = clock;
        clock += TICK;
        return t;
    }

    // --- sends ---------------------------------------------------------------------------------

    Op invokeSend(int process, String key, long msg) {
        ArrayNode mop = JSON.arrayNode().add("send").add(key).add(msg);
        return invoke(process, "send", JSON.arrayNode().add(mop), false);
    }

    Op completeSend(Op invoke, long offset) {
        ArrayNode mop = (ArrayNode) invoke.value().get(0).deepCopy();
        mop.set(2, JSON.arrayNode().add(offset).add(invoke.value().get(0).get(2).longValue()));
        return complete(invoke, Op.Type.OK, JSON.arrayNode().add(mop), null);
    }

    /** A fail or info completion: the invocation's value, as the workload records it. */
    Op completeSend(Op invoke, Op.Type type, String error) {
        return complete(invoke, type, invoke.value(), error);
    }

    Op send(int process, String key, long msg, long offset) {
        return completeSend(invokeSend(process, key, msg), offset);
    }

    Op send(int process, String key, long msg, Op.Type outcome) {
        return completeSend(invokeSend(process, key, msg), outcome, outcome == Op.Type.OK ? null : "net-timeout");
    }

    // --- polls ---------------------------------------------------------------------------------

    Op invokePoll(int process) {
        return invoke(process, "poll", pollInvokeValue(), false);
    }

    /** {@code msgs}: key → {@code {{offset, msg}, …}}, in the map's order. */
    Op completePoll(Op invoke, Map<String, long[][]> msgs) {
        ObjectNode byKey = JSON.objectNode();
        msgs.forEach((key, pairs) -> {
            ArrayNode list = byKey.putArray(key);
            for (long[] p : pairs) {
                list.add(JSON.arrayNode().add(p[0]).add(p[1]));
            }
        });
        JsonNode value = JSON.arrayNode().add(JSON.arrayNode().add("poll").add(byKey));
        return complete(invoke, Op.Type.OK, value, null);
    }

    Op completePoll(Op invoke, Op.Type type) {
        return complete(invoke, type, invoke.value(), type == Op.Type.OK ? null : "net-timeout");
    }

    /** One poll of one key: {@code poll(0, "x", 0, 10, 1, 11)} returns offsets 0 and 1 with messages 10 and 11. */
    Op poll(int process, String key, long... offsetMsg) {
        return completePoll(invokePoll(process), Map.of(key, pairs(offsetMsg)));
    }

    Op poll(int process, Map<String, long[][]> msgs) {
        return completePoll(invokePoll(process), msgs);
    }

    static long[][] pairs(long... offsetMsg) {
        if (offsetMsg.length % 2 != 0) {
            throw new IllegalArgumentException("offsets and messages come in pairs");
        }
        long[][] out = new long[offsetMsg.length / 2][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new long[] {offsetMsg[2 * i], offsetMsg[2 * i + 1]};
        }
        return out;
    }

    static JsonNode pollInvokeValue() {
        return JSON.arrayNode().add(JSON.arrayNode().add("poll"));
    }

    // --- assign, crash, nemesis, raw -----------------------------------------------------------

    static ArrayNode keys(Iterable<String> keys) {
        ArrayNode value = JSON.arrayNode();
        keys.forEach(value::add);
        return value;
    }

    /** An ok assign; {@code isFinal} marks the final phase's seek-to-beginning assign. */
    Op assign(int process, boolean isFinal, String... keys) {
        Op inv = invoke(process, "assign", keys(List.of(keys)), isFinal);
        return complete(inv, Op.Type.OK, inv.value(), null);
    }

    Op assign(int process, String... keys) {
        return assign(process, false, keys);
    }

    /** A crash: no RPC, completes info; the client's next op runs under process + concurrency. */
    Op crash(int process) {
        return complete(invoke(process, "crash", null, false), Op.Type.INFO, null, null);
    }

    void partition() {
        history.nemesis(tick(), "start-partition", JSON.textNode("isolated"));
    }

    /** Any invocation, for shapes the helpers do not make (txns, malformed values). */
    Op invoke(int process, String f, JsonNode value, boolean isFinal) {
        return history.invoke(tick(), process, f, value, isFinal);
    }

    Op complete(Op invoke, Op.Type type, JsonNode value, String error) {
        return history.complete(invoke, tick(), type, value, error);
    }

    Op raw(int process, String f, JsonNode invokeValue, Op.Type type, JsonNode completionValue) {
        return complete(invoke(process, f, invokeValue, false), type, completionValue, null);
    }

    static List<String> names(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
