package glomers.harness.service;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Body;
import glomers.runtime.Json;
import glomers.runtime.MaelstromException;
import java.util.HashMap;
import java.util.Map;

/**
 * One immutable key-value state and how each KV request acts on it. Keys and values are any
 * JSON, compared as JSON values: {@code 1}, {@code 1.0} and {@code "1"} are different keys.
 */
final class KvState {
    static final KvState EMPTY = new KvState(Map.of());

    private final Map<Key, JsonNode> values;

    private KvState(Map<Key, JsonNode> values) {
        this.values = values;
    }

    /** The reply to a request, and the state after it (the same object when nothing changed). */
    record Result(Body reply, KvState state) {
        boolean changed(KvState before) {
            return state != before;
        }
    }

    /** A JSON value as a map key: integers by value whatever their width, anything else by its JSON text. */
    private record Key(String canonical) {
        static Key of(JsonNode key) {
            return new Key(key.isIntegralNumber() ? "int:" + key.bigIntegerValue() : key.toString());
        }
    }

    /**
     * @param createIfNotExistsHonoured lin-kv and seq-kv honour cas's create_if_not_exists; lww-kv ignores it
     */
    Result apply(Body request, boolean createIfNotExistsHonoured) {
        try {
            return switch (String.valueOf(request.type())) {
                case "read" -> read(request.get("key"));
                case "write" -> write(request.get("key"), request.get("value"));
                case "cas" -> cas(request.get("key"), request.get("from"), request.get("to"),
                        createIfNotExistsHonoured && request.has("create_if_not_exists")
                                && request.json().get("create_if_not_exists").asBoolean(false));
                default -> null;
            };
        } catch (MaelstromException e) {
            return new Result(e.toBody(), this); // a missing field: 12, nothing changed
        }
    }

    private Result read(JsonNode key) {
        JsonNode value = values.get(Key.of(key));
        if (value == null) {
            return new Result(MaelstromException.keyDoesNotExist("key does not exist").toBody(), this);
        }
        return new Result(Body.of("read_ok").put("value", value), this);
    }

    private Result write(JsonNode key, JsonNode value) {
        JsonNode current = values.get(Key.of(key));
        KvState next = current != null && Json.sameValue(current, value) ? this : with(key, value);
        return new Result(Body.of("write_ok"), next);
    }

    private Result cas(JsonNode key, JsonNode from, JsonNode to, boolean createIfNotExists) {
        JsonNode current = values.get(Key.of(key));
        if (current == null) {
            return createIfNotExists
                    ? new Result(Body.of("cas_ok"), with(key, to))
                    : new Result(MaelstromException.keyDoesNotExist("key does not exist").toBody(), this);
        }
        if (!Json.sameValue(current, from)) {
            return new Result(MaelstromException.preconditionFailed("current value " + current + " is not " + from).toBody(), this);
        }
        return new Result(Body.of("cas_ok"), Json.sameValue(current, to) ? this : with(key, to));
    }

    private KvState with(JsonNode key, JsonNode value) {
        Map<Key, JsonNode> copy = new HashMap<>(values);
        copy.put(Key.of(key), value.deepCopy());
        return new KvState(copy);
    }
}
