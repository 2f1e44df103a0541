package glomers.harness.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message body as the wire would carry it, without writing and reading the wire: the in-process
 * network's shortcut past JSON text, which gives the same trees and byte counts as the text would.
 *
 * {@link #copy} gives, in one walk over the body:
 * <ul>
 *   <li>the tree that writing it as JSON with {@code Json.mapper()} and reading it back gives.
 *       Numbers come back by size ({@code 5L} as an int node, as Jackson's parser reads
 *       {@code 5}); everything else comes back as it was. A private copy: changing the original
 *       later changes nothing in it (immutable leaves are shared);</li>
 *   <li>how many bytes the UTF-8 JSON text has, as Jackson's UTF-8 generator writes it
 *       ({@code Json.mapper().writeValueAsBytes}).</li>
 * </ul>
 * Only trees of plain nodes have such a copy: objects, arrays, strings, integers, finite doubles,
 * booleans and null, at most {@link #MAX_DEPTH} deep, strings and names at most
 * {@link #MAX_STRING_CHARS} long and without a lone surrogate. For anything else (a float, a
 * BigDecimal, NaN, a POJO, binary data, integers beyond 64 bits, a very deep tree or a very long
 * or broken string, where the text reads back differently or Jackson's read limits apply)
 * {@link #copy} returns null and the network goes through the text itself.
 */
final class WireJson {
    /** Deeper trees go through the text: Jackson's nesting limits (500 and up) apply there. */
    static final int MAX_DEPTH = 64;
    /** Longer strings go through the text: Jackson's string length limit applies there. */
    static final int MAX_STRING_CHARS = 100_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A body as it reads back from the wire, and the UTF-8 length of its JSON text. */
    record Copy(ObjectNode body, long length) {
    }

    /** What one copy has counted so far. */
    private long length;

    private WireJson() {
    }

    /** The body read back from its JSON text, as a private copy, with its length; null if only the text can tell. */
    static Copy copy(ObjectNode body) {
        WireJson copier = new WireJson();
        JsonNode copy = copier.copy(body, 0);
        return copy == null ? null : new Copy((ObjectNode) copy, copier.length);
    }

    private JsonNode copy(JsonNode node, int depth) {
        Class<?> kind = node.getClass(); // the commonest kinds first: numbers fill the longest arrays
        if (kind == IntNode.class || kind == LongNode.class || kind == ShortNode.class) {
            return copyInteger(node);
        }
        if (kind == TextNode.class) {
            return count(node.textValue()) ? node : null;
        }
        if (kind == ObjectNode.class) {
            return depth < MAX_DEPTH ? copyObject((ObjectNode) node, depth) : null;
        }
        if (kind == ArrayNode.class) {
            return depth < MAX_DEPTH ? copyArray((ArrayNode) node, depth) : null;
        }
        if (kind == DoubleNode.class) {
            double value = node.doubleValue();
            length += Double.toString(value).length();
            return Double.isFinite(value) ? node : null; // NaN and the infinities are written as strings
        }
        if (kind == BooleanNode.class) {
            length += node.booleanValue() ? 4 : 5;
            return node;
        }
        if (kind == NullNode.class) {
            length += 4;
            return node;
        }
        return null; // FloatNode, DecimalNode, BigIntegerNode, BinaryNode, POJONode, RawValueNode, others
    }

    /**
     * An int, long or short node as it reads back: by size, an int node when it fits (5L reads
     * back as the int 5), else a long node. Nodes are immutable, so the same one serves.
     */
    private JsonNode copyInteger(JsonNode node) {
        long value = node.longValue();
        length += digits(value);
        return node instanceof IntNode || value != (int) value ? node : intNode((int) value);
    }

    private ObjectNode copyObject(ObjectNode object, int depth) {
        // Sized for its fields, as LinkedHashMap's load factor needs: no rehashing on the way.
        ObjectNode copy = new ObjectNode(NODES, new LinkedHashMap<>(object.size() * 4 / 3 + 1));
        length += 2 + Math.max(0, object.size() - 1); // braces, commas
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!count(field.getKey())) {
                return null;
            }
            length++; // the colon
            JsonNode value = copy(field.getValue(), depth + 1);
            if (value == null) {
                return null;
            }
            copy.set(field.getKey(), value);
        }
        return copy;
    }

    private ArrayNode copyArray(ArrayNode array, int depth) {
        int size = array.size();
        ArrayNode copy = NODES.arrayNode(size);
        length += 2 + Math.max(0, size - 1); // brackets, commas
        for (int i = 0; i < size; i++) {
            JsonNode element = array.get(i);
            // Integers first, without a call: they fill the longest arrays (a broadcast read's values).
            Class<?> kind = element.getClass();
            JsonNode value = kind == IntNode.class || kind == LongNode.class ? copyInteger(element) : copy(element, depth + 1);
            if (value == null) {
                return null;
            }
            copy.add(value);
        }
        return copy;
    }

    /**
     * Counts a JSON string (a value or a name) with its quotes, escaped as Jackson's UTF-8
     * generator escapes: a quote and a backslash as two bytes, control characters as two (newline,
     * tab, carriage return, backspace, form feed) or six (a backslash-u escape), a surrogate pair
     * as twelve (two such escapes), other characters as their UTF-8 bytes. False if it is too
     * long, or holds a lone surrogate: Jackson's UTF-8 parser rejects its escape in a name, so
     * such a body goes through the text, which fails as it always did.
     */
    private boolean count(String text) {
        if (text.length() > MAX_STRING_CHARS) {
            return false;
        }
        length += 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                length += c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f' ? 2 : 6;
            } else if (c == '"' || c == '\\') {
                length += 2;
            } else if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    length += 12; // a pair, as two escapes
                    i++;
                } else {
                    return false; // a lone surrogate: Jackson cannot always read its escape back
                }
            } else {
                length += 3;
            }
        }
        return true;
    }

    /**
     * An int node, shared for 0 to {@value #SHARED_INTS} - 1: the small numbers that fill
     * messages (values, offsets, counts) and then the history, which a read keeps. Int nodes are
     * immutable, so one serves every copy; filled as needed, by any thread (a race only makes a
     * second equal node).
     */
    private static IntNode intNode(int value) {
        if (value < 0 || value >= SHARED_INTS) {
            return IntNode.valueOf(value);
        }
        IntNode node = SMALL_INTS[value];
        if (node == null) {
            node = IntNode.valueOf(value);
            SMALL_INTS[value] = node;
        }
        return node;
    }

    private static final int SHARED_INTS = 1 << 16;
    private static final IntNode[] SMALL_INTS = new IntNode[SHARED_INTS];

    /** How many characters {@code value} takes in decimal, with its minus sign. */
    static int digits(long value) {
        if (value < 0) {
            return value == Long.MIN_VALUE ? 20 : 1 + digits(-value);
        }
        int digits = 1;
        for (long power = 10; digits < 19 && value >= power; power *= 10) {
            digits++;
        }
        return digits;
    }
}
