package glomers.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;

/**
 * The one place JSON is read and written with Jackson's ObjectMapper.
 *
 * <p>The mapper is created on first use, not at class load: answering {@code init} does not need
 * it (see {@link InitMessages}), and building it is the biggest start-up cost after the JVM itself.
 */
public final class Json {
    private Json() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** The shared mapper. Thread-safe; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** Any Java value as a JSON tree: a JsonNode stays itself, a String becomes a JSON string, and so on. */
    public static JsonNode tree(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        return mapper().valueToTree(value);
    }

    /**
     * Whether two JSON values are the same value as Maelstrom compares them: integers by value
     * whatever Java type holds them, {@code 1} different from {@code 1.0} and from {@code "1"},
     * objects by their fields in any order.
     */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals(JSON_VALUE_ORDER, b);
    }

    private static final Comparator<JsonNode> JSON_VALUE_ORDER = (x, y) -> {
        if (x.isIntegralNumber() && y.isIntegralNumber()) {
            return x.bigIntegerValue().compareTo(y.bigIntegerValue());
        }
        if (x.isFloatingPointNumber() && y.isFloatingPointNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return x.equals(y) ? 0 : 1;
    };

    /** Parses one JSON text; throws {@link IllegalArgumentException} if it is not JSON. */
    public static JsonNode parse(String text) {
        try {
            return mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A line that is not a Maelstrom message: not JSON, or JSON without the envelope's shape. */
    static final class NotAMessage extends Exception {
        NotAMessage(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Reads one line of the protocol: {@code {"src":..,"dest":..,"body":{..}}} (an "id" is ignored). */
    static Message decode(String line) throws NotAMessage {
        JsonNode tree;
        try {
            tree = mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new NotAMessage("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new NotAMessage("not a JSON object");
        }
        JsonNode src = tree.get("src");
        JsonNode dest = tree.get("dest");
        JsonNode body = tree.get("body");
        if (src == null || !src.isTextual() || dest == null || !dest.isTextual()) {
            throw new NotAMessage("\"src\" and \"dest\" must be strings");
        }
        if (body == null || !body.isObject()) {
            throw new NotAMessage("\"body\" must be a JSON object");
        }
        return new Message(src.textValue(), dest.textValue(), new Body((ObjectNode) body));
    }

    /** Writes one message as one line (without the newline). */
    static String encode(String src, String dest, Body body) {
        ObjectNode envelope = mapper().createObjectNode();
        envelope.put("src", src);
        envelope.put("dest", dest);
        envelope.set("body", body.json());
        try {
            return mapper().writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            // A tree of plain JSON nodes always serialises; anything else is a bug in the caller.
            throw new IllegalStateException("cannot encode message body " + body, e);
        }
    }
}
