package glomers.broadcast;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashSet;
import java.util.Set;

/**
 * Every value this node knows: what a {@code read} returns.
 *
 * <p>The read reply's JSON array is kept up to date as values arrive, so answering a read does
 * not rebuild a list of thousands of values each time.
 */
final class Values {
    private final Set<Long> known = new HashSet<>();
    private final ArrayNode asJson = JsonNodeFactory.instance.arrayNode();

    /** Adds a value; true if it was new to this node. */
    boolean add(long value) {
        if (!known.add(value)) {
            return false;
        }
        asJson.add(value);
        return true;
    }

    boolean contains(long value) {
        return known.contains(value);
    }

    void forEach(java.util.function.LongConsumer action) {
        asJson.forEach(value -> action.accept(value.longValue()));
    }

    int size() {
        return known.size();
    }

    /** The values as a JSON array, shared: put it in a reply that is sent at once, never change it. */
    ArrayNode asJson() {
        return asJson;
    }
}
