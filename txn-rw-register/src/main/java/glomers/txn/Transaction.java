package glomers.txn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import glomers.runtime.MaelstromException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The {@code txn} array of one request, checked: a list of {@link MicroOp}s to run in order
 * (spec §3.6). {@link #parse} refuses a bad request before anything runs, so a refused
 * transaction has applied nothing.
 */
public final class Transaction {
    /** Longer transactions are refused with error 12: the workload sends at most {@code --max-txn-length} (4). */
    public static final int MAX_MICRO_OPS = 1_000;

    private final List<MicroOp> ops;

    private Transaction(List<MicroOp> ops) {
        this.ops = List.copyOf(ops);
    }

    /**
     * The transaction a request's {@code txn} field holds, e.g. {@code [["r",3,null],["w",3,7]]}.
     * An empty array is a transaction that does nothing.
     *
     * @throws MaelstromException 12 (malformed-request) if it is not an array of at most
     *         {@link #MAX_MICRO_OPS} micro-ops, or any micro-op is bad (see {@link MicroOp#parse})
     */
    public static Transaction parse(JsonNode txn) {
        if (!txn.isArray()) {
            throw MaelstromException.malformedRequest("txn must be an array of [f, k, v] micro-ops, got " + txn);
        }
        if (txn.size() > MAX_MICRO_OPS) {
            throw MaelstromException.malformedRequest("txn has " + txn.size() + " micro-ops; at most " + MAX_MICRO_OPS);
        }
        List<MicroOp> ops = new ArrayList<>(txn.size());
        for (int i = 0; i < txn.size(); i++) {
            ops.add(MicroOp.parse(txn.get(i), i));
        }
        return new Transaction(ops);
    }

    public static Transaction of(List<MicroOp> ops) {
        return new Transaction(ops);
    }

    public List<MicroOp> ops() {
        return ops;
    }

    /**
     * Runs the transaction in order. A read sees this transaction's own latest write of its key,
     * if it has one, else {@code committed}'s value (null for a key never written). Nothing
     * outside changes: what the writes do is up to the caller.
     *
     * @param committed the value of a key outside this transaction, or null
     */
    public Completed run(LongFunction<Long> committed) {
        Map<Long, Long> ownWrites = new HashMap<>();
        List<MicroOp> done = new ArrayList<>(ops.size());
        for (MicroOp op : ops) {
            if (op.isWrite()) {
                ownWrites.put(op.key(), op.value());
                done.add(op);
            } else {
                Long own = ownWrites.get(op.key());
                done.add(MicroOp.read(op.key(), own != null ? own : committed.apply(op.key())));
            }
        }
        return new Completed(done);
    }

    /** A transaction that has run: its reads carry the values they observed. */
    public record Completed(List<MicroOp> ops) {
        public Completed {
            ops = List.copyOf(ops);
        }

        public boolean hasWrites() {
            return ops.stream().anyMatch(MicroOp::isWrite);
        }

        /** Every write, in the transaction's order, intermediate ones included. */
        public List<MicroOp> writes() {
            return ops.stream().filter(MicroOp::isWrite).toList();
        }

        /**
         * The last write of each key, key to value, keys in the order first written: the only
         * writes other transactions may ever see under read committed (seeing an earlier one is
         * Adya's G1b, intermediate read).
         */
        public Map<Long, Long> finalWrites() {
            Map<Long, Long> last = new LinkedHashMap<>();
            for (MicroOp write : writes()) {
                last.put(write.key(), write.value());
            }
            return last;
        }

        /** The reply's {@code txn}: the request with each read's value filled in, writes unchanged. */
        public ArrayNode toJson() {
            ArrayNode json = JsonNodeFactory.instance.arrayNode(ops.size());
            ops.forEach(op -> json.add(op.toJson()));
            return json;
        }
    }
}
