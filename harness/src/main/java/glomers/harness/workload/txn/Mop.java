package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import glomers.runtime.Json;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.Objects;

/**
 * One micro-operation of a transaction: a read {@code ["r", k, v]} or a write {@code ["w", k, v]}
 * (spec §3.6). Keys and values are kept as plain Java values so that equal JSON compares equal
 * whatever Jackson's node width: integers as {@link Long} (or {@link BigInteger} past 64 bits),
 * strings, booleans and doubles as themselves, anything else as its {@link JsonNode}; JSON null
 * (a read of a key never written) as Java null, which Elle calls nil.
 *
 * @param read  a read (else a write)
 * @param key   the key
 * @param value what was read or written; null for a read of an unwritten key, or at invocation
 */
public record Mop(boolean read, Object key, Object value) {

    /**
     * Parses {@code ["r"|"w", k, v]}.
     *
     * @throws IllegalArgumentException saying what is wrong, for anything else
     */
    public static Mop parse(JsonNode mop) {
        if (mop == null || !mop.isArray() || mop.size() != 3 || !mop.get(0).isTextual()) {
            throw new IllegalArgumentException("a micro-op is [\"r\"|\"w\", key, value], not " + mop);
        }
        String f = mop.get(0).asText();
        if (!f.equals("r") && !f.equals("w")) {
            throw new IllegalArgumentException("a micro-op's function is \"r\" or \"w\", not " + mop);
        }
        return new Mop(f.equals("r"), plain(mop.get(1)), plain(mop.get(2)));
    }

    /** The JSON value as a plain Java value (see the class comment). */
    static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node;
    }

    /** As in the history: {@code ["r", 3, 4]}. */
    public ArrayNode toJson() {
        ArrayNode out = Json.mapper().createArrayNode();
        out.add(read ? "r" : "w");
        out.add(Json.mapper().valueToTree(key));
        out.add(Json.mapper().valueToTree(value));
        return out;
    }

    /** Elle's way of printing a micro-op: {@code [:r 3 4]}. */
    @Override
    public String toString() {
        return "[" + (read ? ":r " : ":w ") + show(key) + " " + show(value) + "]";
    }

    /** A key or value as Clojure prints it: nil, strings quoted. */
    public static String show(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof String s) {
            return '"' + s + '"';
        }
        return v.toString();
    }

    /** A total order on keys and values, for stable output: nil first, then numbers, then the rest by text. */
    public static final Comparator<Object> ORDER = (a, b) -> {
        if (Objects.equals(a, b)) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        if (a instanceof Long x && b instanceof Long y) { // the common case, without a BigInteger
            return Long.compare(x, y);
        }
        boolean an = a instanceof Long || a instanceof BigInteger;
        boolean bn = b instanceof Long || b instanceof BigInteger;
        if (an && bn) {
            return big(a).compareTo(big(b));
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.toString().compareTo(b.toString());
    };

    private static BigInteger big(Object n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf((Long) n);
    }
}
