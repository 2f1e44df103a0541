package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Body;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The closed schema Maelstrom checks a reply against (spec §1.4): exactly the documented fields,
 * plus {@code type} (an exact match), {@code in_reply_to} (a required integer) and an optional
 * integer {@code msg_id}. Extra keys are rejected. A reply that fails becomes an {@code :info}
 * completion, as a malformed RPC response does under Maelstrom.
 */
public record ReplySchema(String type, Map<String, Predicate<JsonNode>> fields) {
    public static final Predicate<JsonNode> ANY = v -> true;
    public static final Predicate<JsonNode> INTEGER = JsonNode::isIntegralNumber;

    public static Predicate<JsonNode> arrayOf(Predicate<JsonNode> element) {
        return v -> {
            if (!v.isArray()) {
                return false;
            }
            for (JsonNode e : v) {
                if (!element.test(e)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** A JSON object (string keys, as every JSON object has) whose every value fits {@code value}: schema's {@code {Key V}}. */
    public static Predicate<JsonNode> objectOf(Predicate<JsonNode> value) {
        return v -> {
            if (!v.isObject()) {
                return false;
            }
            for (JsonNode e : v) {
                if (!value.test(e)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** An array of exactly two elements fitting {@code first} and {@code second}: schema's {@code [(s/one A) (s/one B)]}. */
    public static Predicate<JsonNode> pair(Predicate<JsonNode> first, Predicate<JsonNode> second) {
        return v -> v.isArray() && v.size() == 2 && first.test(v.get(0)) && second.test(v.get(1));
    }

    /** Null if the body fits, otherwise what is wrong with it. */
    public String problemWith(Body reply) {
        if (!type.equals(reply.type())) {
            return "expected type \"" + type + "\", got " + reply.json().get("type");
        }
        JsonNode inReplyTo = reply.json().get(Body.IN_REPLY_TO);
        if (inReplyTo == null || !inReplyTo.isIntegralNumber()) {
            return "in_reply_to must be an integer";
        }
        JsonNode msgId = reply.json().get(Body.MSG_ID);
        if (msgId != null && !msgId.isIntegralNumber()) {
            return "msg_id must be an integer when present, got " + msgId;
        }
        for (Map.Entry<String, Predicate<JsonNode>> field : fields.entrySet()) {
            JsonNode value = reply.json().get(field.getKey());
            if (value == null) {
                return "missing field \"" + field.getKey() + "\"";
            }
            if (!field.getValue().test(value)) {
                return "field \"" + field.getKey() + "\" has the wrong type: " + value;
            }
        }
        for (Iterator<String> names = reply.json().fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(Body.TYPE) && !name.equals(Body.IN_REPLY_TO) && !name.equals(Body.MSG_ID) && !fields.containsKey(name)) {
                return "unexpected field \"" + name + "\" (Maelstrom's reply schemas are closed)";
            }
        }
        return null;
    }
}
