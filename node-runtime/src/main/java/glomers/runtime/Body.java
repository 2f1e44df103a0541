package glomers.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The body of a message: a JSON object with a {@code type}.
 *
 * <p>Getters are strict: a missing field or a field of the wrong JSON type throws
 * {@link MaelstromException} with code 12 (malformed-request). Thrown from a handler, that is
 * exactly the reply the sender should get. Values keep their JSON types: {@code 5}, {@code 5.0}
 * and {@code "5"} stay different.
 *
 * <p>Setters are fluent and change this body. The runtime writes {@code msg_id} and
 * {@code in_reply_to} itself when it sends.
 */
public final class Body {
    public static final String TYPE = "type";
    public static final String MSG_ID = "msg_id";
    public static final String IN_REPLY_TO = "in_reply_to";

    private final ObjectNode json;

    Body(ObjectNode json) {
        this.json = json;
    }

    /** A new body of the given type, e.g. {@code Body.of("echo_ok").put("echo", value)}. */
    public static Body of(String type) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put(TYPE, type);
        return new Body(json);
    }

    /** Wraps (does not copy) a JSON object; it must have a string {@code type}. */
    public static Body from(ObjectNode json) {
        Body body = new Body(json);
        body.getString(TYPE);
        return body;
    }

    /** Wraps (does not copy) any JSON object as it was received, with or without a {@code type}. */
    public static Body wrap(ObjectNode json) {
        return new Body(json);
    }

    /** Parses a JSON object text into a body, e.g. in tests: {@code Body.parse("{\"type\":\"read\"}")}. */
    public static Body parse(String jsonText) {
        JsonNode tree = Json.parse(jsonText);
        if (!tree.isObject()) {
            throw new IllegalArgumentException("a body is a JSON object, got: " + jsonText);
        }
        return from((ObjectNode) tree);
    }

    /** The underlying JSON object, for anything the typed accessors do not cover. */
    public ObjectNode json() {
        return json;
    }

    /** The message type, or null if the body has none (or a non-string one). */
    public String type() {
        JsonNode type = json.get(TYPE);
        return type != null && type.isTextual() ? type.textValue() : null;
    }

    public OptionalLong msgId() {
        return optionalLong(MSG_ID);
    }

    public OptionalLong inReplyTo() {
        return optionalLong(IN_REPLY_TO);
    }

    public boolean has(String field) {
        return json.has(field);
    }

    /** The field's value, which may be any JSON including {@code null}; it must be present. */
    public JsonNode get(String field) {
        JsonNode value = json.get(field);
        if (value == null) {
            throw MaelstromException.malformedRequest("missing field \"" + field + "\"");
        }
        return value;
    }

    public String getString(String field) {
        return require(field, JsonNode::isTextual, "a string").textValue();
    }

    /** An integer field (a JSON integer within 64 bits; {@code 5.0} is not an integer). */
    public long getLong(String field) {
        return require(field, v -> v.isIntegralNumber() && v.canConvertToLong(), "an integer").longValue();
    }

    public int getInt(String field) {
        return require(field, v -> v.isIntegralNumber() && v.canConvertToInt(), "a 32-bit integer").intValue();
    }

    public boolean getBoolean(String field) {
        return require(field, JsonNode::isBoolean, "true or false").booleanValue();
    }

    /** The field converted to a Java type, e.g. {@code get("topology", new TypeReference<Map<String, List<String>>>() {})}. */
    public <T> T get(String field, TypeReference<T> type) {
        JsonNode value = get(field);
        try {
            return Json.mapper().convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw wrongType(field, "of type " + type.getType().getTypeName(), value);
        }
    }

    public <T> T get(String field, Class<T> type) {
        JsonNode value = get(field);
        try {
            return Json.mapper().convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw wrongType(field, "of type " + type.getSimpleName(), value);
        }
    }

    public Body put(String field, String value) {
        json.put(field, value);
        return this;
    }

    public Body put(String field, long value) {
        json.put(field, value);
        return this;
    }

    public Body put(String field, double value) {
        json.put(field, value);
        return this;
    }

    public Body put(String field, boolean value) {
        json.put(field, value);
        return this;
    }

    public Body put(String field, JsonNode value) {
        json.set(field, value);
        return this;
    }

    /** Any Java value (a list, a map, a record...), converted to JSON by Jackson. */
    public Body put(String field, Object value) {
        json.set(field, Json.tree(value));
        return this;
    }

    /** A deep copy, safe to change without touching this one. */
    public Body copy() {
        return new Body(json.deepCopy());
    }

    private OptionalLong optionalLong(String field) {
        JsonNode value = json.get(field);
        return value != null && value.isIntegralNumber() && value.canConvertToLong()
                ? OptionalLong.of(value.longValue()) : OptionalLong.empty();
    }

    private JsonNode require(String field, Predicate<JsonNode> expectedType, String expected) {
        JsonNode value = get(field);
        if (!expectedType.test(value)) {
            throw wrongType(field, expected, value);
        }
        return value;
    }

    private static MaelstromException wrongType(String field, String expected, JsonNode actual) {
        return MaelstromException.malformedRequest(
                "field \"" + field + "\" must be " + expected + ", got " + actual);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Body b && Json.sameValue(json, b.json);
    }

    /** Consistent with {@link #equals}, which compares numbers by value; hence only the type. */
    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(type());
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
