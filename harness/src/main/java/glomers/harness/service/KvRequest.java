package glomers.harness.service;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Body;
import glomers.runtime.MaelstromException;

/** A request to a KV service (spec §4.1), read from its body before any state is touched. */
sealed interface KvRequest {
    String CREATE_IF_NOT_EXISTS = "create_if_not_exists";

    JsonNode key();

    record Read(JsonNode key) implements KvRequest {
    }

    record Write(JsonNode key, JsonNode value) implements KvRequest {
    }

    record Cas(JsonNode key, JsonNode from, JsonNode to, boolean createIfNotExists) implements KvRequest {
    }

    /**
     * The request in {@code body}, or null for a type no KV service knows (Maelstrom then sends
     * no reply). A missing field throws {@link MaelstromException} 12 (malformed-request): any
     * JSON is a legal key or value, {@code null} included, but it has to be there.
     */
    static KvRequest parse(Body body) {
        String type = body.type();
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "read" -> new Read(body.get("key"));
            case "write" -> new Write(body.get("key"), body.get("value"));
            case "cas" -> new Cas(body.get("key"), body.get("from"), body.get("to"), truthy(body.json().get(CREATE_IF_NOT_EXISTS)));
            default -> null;
        };
    }

    /** Clojure's truth, which Maelstrom applies to the flag: anything but absent, null and false. */
    private static boolean truthy(JsonNode flag) {
        return flag != null && !flag.isNull() && !(flag.isBoolean() && !flag.booleanValue());
    }
}
