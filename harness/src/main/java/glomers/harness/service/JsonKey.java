package glomers.harness.service;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Json;
import java.util.Map;

/**
 * A JSON value used as a map key, equal to another exactly when {@link Json#sameValue} says so:
 * {@code 1}, {@code 1.0} and {@code "1"} are three keys, an int and a long holding 1 are one, and
 * objects are equal whatever the order of their fields. This is how Maelstrom's Clojure maps treat
 * parsed JSON keys.
 */
final class JsonKey {
    private final JsonNode value;
    private final int hash;

    private JsonKey(JsonNode value) {
        this.value = value;
        this.hash = hashOf(value);
    }

    /** Copies the value, so later changes to the request it came from cannot move the key. */
    static JsonKey of(JsonNode value) {
        return new JsonKey(value.deepCopy());
    }

    JsonNode value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonKey key && hash == key.hash && Json.sameValue(value, key.value);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return value.toString();
    }

    /** A hash that agrees with {@link Json#sameValue}: numbers by value, objects by their set of fields. */
    private static int hashOf(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().hashCode();
        }
        if (node.isFloatingPointNumber()) {
            // sameValue compares floats with BigDecimal.compareTo, so 1.0 and 1.00 must hash alike.
            return ~node.decimalValue().stripTrailingZeros().hashCode();
        }
        if (node.isObject()) {
            int sum = 17; // a sum ignores field order, as equality does
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                sum += field.getKey().hashCode() ^ hashOf(field.getValue());
            }
            return sum;
        }
        if (node.isArray()) {
            int result = 31;
            for (JsonNode element : node) {
                result = 31 * result + hashOf(element);
            }
            return result;
        }
        return node.hashCode(); // strings, booleans, null
    }
}
