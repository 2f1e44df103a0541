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
import java.util.Map;

/**
 * A message body as the wire would carry it, without writing and reading the wire: the in-process
 * network's shortcut past JSON text, which gives the same trees and byte counts as the text would.
 *
 * <ul>
 *   <li>{@link #copy}: the tree that writing a body as JSON with {@code Json.mapper()} and reading
 *       it back gives. Numbers come back by size ({@code 5L} as an int node, as Jackson's parser
 *       reads {@code 5}); everything else comes back as it was. A private copy: changing the
 *       original later changes nothing in it.</li>
 *   <li>{@link #length}: how many bytes the UTF-8 JSON text of such a tree has, as Jackson's
 *       UTF-8 generator writes it ({@code Json.mapper().writeValueAsBytes}).</li>
 * </ul>
 * Only trees of plain nodes have such a copy: objects, arrays, strings, integers, finite doubles,
 * booleans and null, at most {@link #MAX_DEPTH} deep, strings and names at most
 * {@link #MAX_STRING_CHARS} long. For anything else (a float, a BigDecimal, NaN, a POJO, binary
 * data, integers beyond 64 bits, a very deep tree or a very long string, where the text reads
 * back differently or Jackson's read limits apply) {@link #copy} returns null and the network
 * goes through the text itself.
 */
final class WireJson {
    /** Deeper trees go through the text: Jackson's nesting limits (500 and up) apply there. */
    static final int MAX_DEPTH = 64;
    /** Longer strings go through the text: Jackson's string length limit applies there. */
    static final int MAX_STRING_CHARS = 100_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireJson() {
    }

    /** The body read back from its JSON text, as a private copy; null if only the text can tell. */
    static ObjectNode copy(ObjectNode body) {
        return (ObjectNode) copy(body, 0);
    }

    private static JsonNode copy(JsonNode node, int depth) {
        Class<?> kind = node.getClass();
        if (kind == ObjectNode.class) {
            if (depth >= MAX_DEPTH) {
                return null;
            }
            ObjectNode copy = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getKey().length() > MAX_STRING_CHARS ? null : copy(field.getValue(), depth + 1);
                if (value == null) {
                    return null;
                }
                copy.set(field.getKey(), value);
            }
            return copy;
        }
        if (kind == ArrayNode.class) {
            if (depth >= MAX_DEPTH) {
                return null;
            }
            ArrayNode copy = NODES.arrayNode(node.size());
            for (JsonNode element : node) {
                JsonNode value = copy(element, depth + 1);
                if (value == null) {
                    return null;
                }
                copy.add(value);
            }
            return copy;
        }
        if (kind == TextNode.class) {
            return node.textValue().length() > MAX_STRING_CHARS ? null : node;
        }
        if (kind == IntNode.class || kind == BooleanNode.class || kind == NullNode.class) {
            return node; // immutable, and read back as they are
        }
        if (kind == LongNode.class || kind == ShortNode.class) {
            long value = node.longValue();
            return value == (int) value ? IntNode.valueOf((int) value) : node;
        }
        if (kind == DoubleNode.class) {
            return Double.isFinite(node.doubleValue()) ? node : null; // NaN and infinities are written as strings
        }
        return null; // FloatNode, DecimalNode, BigIntegerNode, BinaryNode, POJONode, RawValueNode, others
    }

    /** The UTF-8 length of the JSON text of a tree {@link #copy} made. */
    static long length(JsonNode node) {
        if (node instanceof ObjectNode object) {
            long length = 2 + Math.max(0, object.size() - 1); // braces, commas
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                length += stringLength(field.getKey()) + 1 + length(field.getValue()); // name, colon, value
            }
            return length;
        }
        if (node instanceof ArrayNode array) {
            long length = 2 + Math.max(0, array.size() - 1); // brackets, commas
            for (JsonNode element : array) {
                length += length(element);
            }
            return length;
        }
        if (node instanceof TextNode) {
            return stringLength(node.textValue());
        }
        if (node instanceof IntNode || node instanceof LongNode) {
            return digits(node.longValue());
        }
        if (node instanceof DoubleNode) {
            return Double.toString(node.doubleValue()).length();
        }
        if (node instanceof BooleanNode) {
            return node.booleanValue() ? 4 : 5;
        }
        if (node instanceof NullNode) {
            return 4;
        }
        throw new IllegalArgumentException("not a tree WireJson.copy makes: " + node.getClass().getSimpleName());
    }

    /**
     * A JSON string's UTF-8 length with its quotes, escaped as Jackson's UTF-8 generator escapes:
     * {@code "} and {@code \} as two bytes, control characters as two ({@code \n}, {@code \t},
     * {@code \r}, {@code \b}, {@code \f}) or six ({@code \}{@code u00XX}), every surrogate as six
     * ({@code \}{@code uD83D}), other characters as their UTF-8 bytes.
     */
    private static long stringLength(String text) {
        long length = 2;
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
                length += 6;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private static int digits(long value) {
        if (value == Long.MIN_VALUE) {
            return 20;
        }
        int digits = value < 0 ? 2 : 1;
        for (long rest = Math.abs(value); rest >= 10; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
