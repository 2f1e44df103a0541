package glomers.txn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import glomers.runtime.MaelstromException;

/**
 * One micro-operation of a transaction, as Maelstrom's txn-rw-register workload writes it: the
 * JSON array {@code ["r", key, null]} (a read; the node fills in the value) or
 * {@code ["w", key, value]} (a write). Keys and values are integers here, as the workload sends
 * them (Elle's rw-register: keys from a small pool, values 1, 2, 3, ... unique per key).
 * Source: maelstrom {@code src/maelstrom/workload/txn_rw_register.clj} ({@code ReadReq}, {@code Write}).
 *
 * @param f     {@link #READ} or {@link #WRITE}
 * @param key   the register
 * @param value a write's value; a read's observed value, {@code null} before the node fills it
 *              in and for a key never written
 */
public record MicroOp(String f, long key, Long value) {
    public static final String READ = "r";
    public static final String WRITE = "w";

    public MicroOp {
        if (!READ.equals(f) && !WRITE.equals(f)) {
            throw new IllegalArgumentException("a micro-op is \"r\" or \"w\", not " + f);
        }
        if (WRITE.equals(f) && value == null) {
            throw new IllegalArgumentException("a write has a value");
        }
    }

    public static MicroOp read(long key, Long observed) {
        return new MicroOp(READ, key, observed);
    }

    public static MicroOp write(long key, long value) {
        return new MicroOp(WRITE, key, value);
    }

    public boolean isWrite() {
        return WRITE.equals(f);
    }

    /**
     * Reads micro-op number {@code index} of a request's {@code txn} array.
     *
     * @throws MaelstromException 12 (malformed-request) unless it is a 3-element array whose
     *         {@code f} is "r" or "w" and whose key is an integer (64 bits), with {@code null} as a
     *         read's value and an integer as a write's. A write of {@code null} is refused: null
     *         is what a read of a never-written key returns, so the two would be indistinguishable
     */
    static MicroOp parse(JsonNode op, int index) {
        String where = "txn[" + index + "]";
        if (!op.isArray() || op.size() != 3) {
            throw MaelstromException.malformedRequest(where + " must be an array [f, k, v] of 3 elements, got " + op);
        }
        JsonNode f = op.get(0);
        JsonNode key = op.get(1);
        JsonNode value = op.get(2);
        if (!isInteger(key)) {
            throw MaelstromException.malformedRequest(where + ": the key must be an integer, got " + key);
        }
        if (f.isTextual() && READ.equals(f.textValue())) {
            if (!value.isNull()) {
                throw MaelstromException.malformedRequest(where + ": a read's value must be null (the node fills it in), got " + value);
            }
            return read(key.longValue(), null);
        }
        if (f.isTextual() && WRITE.equals(f.textValue())) {
            if (!isInteger(value)) {
                throw MaelstromException.malformedRequest(where + ": a write's value must be an integer (null is what a"
                        + " never-written key reads as, so it cannot be written), got " + value);
            }
            return write(key.longValue(), value.longValue());
        }
        throw MaelstromException.malformedRequest(where + ": f must be \"r\" or \"w\", got " + f);
    }

    private static boolean isInteger(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong();
    }

    /** As the reply carries it: {@code ["r", 3, 7]}, {@code ["r", 3, null]}, {@code ["w", 3, 7]}. */
    public ArrayNode toJson() {
        ArrayNode json = JsonNodeFactory.instance.arrayNode(3);
        json.add(f).add(key);
        if (value == null) {
            json.addNull();
        } else {
            json.add(value.longValue());
        }
        return json;
    }
}
