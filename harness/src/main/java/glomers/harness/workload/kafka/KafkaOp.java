package glomers.harness.workload.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client operation of a kafka history, parsed from the JSON form of Jepsen's kafka ops
 * (jepsen {@code tests/kafka.clj}: {@code op-writes-helper}, {@code op-reads-helper}):
 * <ul>
 *   <li>{@code send}: {@code [["send", key, msg]]} when invoked (and on fail / info),
 *       {@code [["send", key, [offset, msg]]]} when ok;</li>
 *   <li>{@code poll}: {@code [["poll"]]} when invoked, {@code [["poll", {key: [[offset, msg], …]}]]}
 *       when ok;</li>
 *   <li>{@code txn}: a list of both kinds of micro-operation (Maelstrom never sends one; kept so
 *       the checker reads any Jepsen kafka history);</li>
 *   <li>{@code assign} / {@code subscribe}: a list of keys.</li>
 * </ul>
 * Keys are strings; messages and offsets are integers (an offset may be null: not known).
 * Anything else is a {@link MalformedHistory}.
 */
final class KafkaOp {
    /** {@code [offset, msg]}; a null offset means the offset is not known. */
    record Pair(Long offset, long msg) {
    }

    /** A micro-operation. */
    sealed interface Mop permits Send, Poll {
    }

    /** {@code ["send", key, msg]} or {@code ["send", key, [offset, msg]]}. */
    record Send(String key, Long offset, long msg) implements Mop {
    }

    /** {@code ["poll", {key: pairs}]}; empty for {@code ["poll"]}. Keys in reply order. */
    record Poll(Map<String, List<Pair>> msgs) implements Mop {
    }

    final Op op;
    final List<Mop> mops;
    /** An assign's or subscribe's keys; empty for other operations. */
    final List<String> keys;
    /** Jepsen's {@code op-write-pairs}: key → pairs sent, in order. Only for f send / txn. */
    final Map<String, List<Pair>> writes;
    /** Jepsen's {@code op-read-pairs}: key → pairs polled, in order. Only for f poll / txn. */
    final Map<String, List<Pair>> reads;

    private KafkaOp(Op op, List<Mop> mops, List<String> keys) {
        this.op = op;
        this.mops = mops;
        this.keys = keys;
        Map<String, List<Pair>> w = new LinkedHashMap<>();
        Map<String, List<Pair>> r = new LinkedHashMap<>();
        for (Mop mop : mops) {
            if (mop instanceof Send s && (isF("send") || isF("txn"))) {
                w.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(new Pair(s.offset(), s.msg()));
            } else if (mop instanceof Poll p && (isF("poll") || isF("txn"))) {
                // A key with an empty list is still a key this op read (Jepsen keeps it too).
                p.msgs().forEach((k, pairs) -> r.computeIfAbsent(k, x -> new ArrayList<>()).addAll(pairs));
            }
        }
        this.writes = Collections.unmodifiableMap(w);
        this.reads = Collections.unmodifiableMap(r);
    }

    static KafkaOp parse(Op op) {
        return switch (op.f()) {
            case "send", "poll", "txn" -> new KafkaOp(op, mops(op), List.of());
            case "assign", "subscribe" -> new KafkaOp(op, List.of(), keyList(op));
            default -> new KafkaOp(op, List.of(), List.of()); // crash and anything else
        };
    }

    boolean isF(String f) {
        return op.f().equals(f);
    }

    /** A send, poll or txn: an operation the log analyses and the cycle search look at. */
    boolean isTxn() {
        return isF("send") || isF("poll") || isF("txn");
    }

    Op.Type type() {
        return op.type();
    }

    int process() {
        return op.process();
    }

    long index() {
        return op.index();
    }

    /** The messages of a list of pairs, in order. */
    static List<Long> msgs(List<Pair> pairs) {
        List<Long> out = new ArrayList<>(pairs.size());
        for (Pair p : pairs) {
            out.add(p.msg());
        }
        return out;
    }

    /**
     * Jepsen's {@code mop-index}: the position in this op's value of the first micro-operation
     * that sent (f "send") or polled (f "poll") message {@code msg} of {@code key}, or -1.
     */
    int mopIndex(String f, String key, long msg) {
        for (int i = 0; i < mops.size(); i++) {
            Mop mop = mops.get(i);
            if (f.equals("send") && mop instanceof Send s && s.key().equals(key) && s.msg() == msg) {
                return i;
            }
            if (f.equals("poll") && mop instanceof Poll p && p.msgs().containsKey(key)
                    && p.msgs().get(key).stream().anyMatch(x -> x.msg() == msg)) {
                return i;
            }
        }
        return -1;
    }

    /** "op 17 (process 3, ok poll)", for error messages. */
    String describe() {
        return describe(op);
    }

    static String describe(Op op) {
        return "op " + op.index() + " (process " + op.process() + ", " + op.type().name().toLowerCase() + " " + op.f() + ")";
    }

    private static List<Mop> mops(Op op) {
        JsonNode value = op.value();
        if (value == null || !value.isArray()) {
            throw malformed(op, "its value is not a list of micro-operations: " + value);
        }
        List<Mop> out = new ArrayList<>(value.size());
        for (JsonNode mop : value) {
            if (!mop.isArray() || mop.isEmpty() || !mop.get(0).isTextual()) {
                throw malformed(op, "a micro-operation is not [\"send\", …] or [\"poll\", …]: " + mop);
            }
            switch (mop.get(0).asText()) {
                case "send" -> out.add(send(op, mop));
                case "poll" -> out.add(poll(op, mop));
                default -> throw malformed(op, "unknown micro-operation " + mop);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static Send send(Op op, JsonNode mop) {
        if (mop.size() != 3 || !mop.get(1).isTextual()) {
            throw malformed(op, "a send is not [\"send\", key, msg] or [\"send\", key, [offset, msg]]: " + mop);
        }
        Pair pair = mop.get(2).isArray() ? pair(op, mop.get(2)) : new Pair(null, msg(op, mop.get(2)));
        return new Send(mop.get(1).asText(), pair.offset(), pair.msg());
    }

    private static Poll poll(Op op, JsonNode mop) {
        if (mop.size() == 1 || mop.get(1).isNull()) {
            return new Poll(Map.of());
        }
        if (mop.size() != 2 || !mop.get(1).isObject()) {
            throw malformed(op, "a poll is not [\"poll\"] or [\"poll\", {key: [[offset, msg], …]}]: " + mop);
        }
        Map<String, List<Pair>> msgs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = mop.get(1).properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                throw malformed(op, "key " + e.getKey() + " of a poll holds no list of [offset, msg] pairs: " + e.getValue());
            }
            List<Pair> pairs = new ArrayList<>(e.getValue().size());
            for (JsonNode pair : e.getValue()) {
                pairs.add(pair(op, pair));
            }
            msgs.put(e.getKey(), Collections.unmodifiableList(pairs));
        }
        return new Poll(Collections.unmodifiableMap(msgs));
    }

    private static Pair pair(Op op, JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2) {
            throw malformed(op, "not an [offset, msg] pair: " + pair);
        }
        JsonNode offset = pair.get(0);
        if (!offset.isNull() && !(offset.isIntegralNumber() && offset.canConvertToLong())) {
            throw malformed(op, "offset " + offset + " is not an integer");
        }
        return new Pair(offset.isNull() ? null : offset.longValue(), msg(op, pair.get(1)));
    }

    /**
     * Maelstrom's generator sends the integers 1, 2, …. A message that is anything else cannot
     * have been sent by anyone; Jepsen's checker then finds no writer for it and throws, which
     * Maelstrom reports as :unknown. This checker says so in words instead.
     */
    private static long msg(Op op, JsonNode msg) {
        if (!msg.isIntegralNumber() || !msg.canConvertToLong()) {
            throw malformed(op, "message " + msg + " is not an integer, so no send can have written it"
                    + " (Jepsen's :no-writer-of-value; Maelstrom's checker stops there)");
        }
        return msg.longValue();
    }

    private static List<String> keyList(Op op) {
        JsonNode value = op.value();
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw malformed(op, "its value is not a list of keys: " + value);
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode k : value) {
            if (!k.isTextual()) {
                throw malformed(op, "key " + k + " is not a string");
            }
            out.add(k.asText());
        }
        return Collections.unmodifiableList(out);
    }

    private static MalformedHistory malformed(Op op, String why) {
        return new MalformedHistory(describe(op) + ": " + why);
    }
}
