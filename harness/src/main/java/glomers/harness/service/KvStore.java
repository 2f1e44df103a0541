package glomers.harness.service;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Body;
import glomers.runtime.Json;
import glomers.runtime.MaelstromException;
import java.util.HashMap;
import java.util.Map;

/**
 * One key-value state. {@link #evaluate} works out a request's reply and the change it would make
 * without making it, because seq-kv must know whether a request changes an old state before it
 * decides where the request really lands. lin-kv and lww-kv then {@link #apply} the change in
 * place; seq-kv applies it to a {@link #copy}, so its old versions stay intact.
 */
final class KvStore {
    static final String KEY_DOES_NOT_EXIST = "key does not exist";

    private final Map<JsonKey, JsonNode> values;

    KvStore() {
        this(new HashMap<>());
    }

    private KvStore(Map<JsonKey, JsonNode> values) {
        this.values = values;
    }

    /** Setting {@code key} to {@code value}. */
    record Change(JsonKey key, JsonNode value) {
    }

    /** The reply to a request, and the change it makes: null when the state would stay equal. */
    record Outcome(Body reply, Change change) {
        boolean changesState() {
            return change != null;
        }
    }

    Outcome evaluate(KvRequest request, KvDialect dialect) {
        JsonKey key = JsonKey.of(request.key());
        JsonNode current = values.get(key);
        if (request instanceof KvRequest.Read) {
            return current == null ? keyDoesNotExist() : unchanged(Body.of("read_ok").put("value", current.deepCopy()));
        }
        if (request instanceof KvRequest.Write write) {
            return set(Body.of("write_ok"), key, current, write.value());
        }
        KvRequest.Cas cas = (KvRequest.Cas) request;
        if (current == null) {
            return cas.createIfNotExists() && dialect.honoursCreateIfNotExists
                    ? set(Body.of("cas_ok"), key, null, cas.to())
                    : keyDoesNotExist();
        }
        if (!Json.sameValue(current, cas.from())) {
            String from = dialect.quotesFromInCasError ? ClojureText.prStr(cas.from()) : ClojureText.str(cas.from());
            return unchanged(MaelstromException.preconditionFailed(
                    "current value " + ClojureText.prStr(current) + " is not " + from).toBody());
        }
        return set(Body.of("cas_ok"), key, current, cas.to());
    }

    /** Makes the change in this store. */
    void apply(Change change) {
        values.put(change.key(), change.value());
    }

    /** An independent copy: the values themselves are never changed in place, so they are shared. */
    KvStore copy() {
        return new KvStore(new HashMap<>(values));
    }

    /** Setting a key to the value it already holds leaves the state equal: Maelstrom counts that as no change. */
    private static Outcome set(Body reply, JsonKey key, JsonNode current, JsonNode value) {
        if (current != null && Json.sameValue(current, value)) {
            return unchanged(reply);
        }
        return new Outcome(reply, new Change(key, value.deepCopy()));
    }

    private static Outcome unchanged(Body reply) {
        return new Outcome(reply, null);
    }

    private static Outcome keyDoesNotExist() {
        return unchanged(MaelstromException.keyDoesNotExist(KEY_DOES_NOT_EXIST).toBody());
    }
}
