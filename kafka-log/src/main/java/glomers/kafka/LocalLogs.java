package glomers.kafka;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The logs and committed offsets a node holds in memory, and the poll and list_committed_offsets
 * answers read from them. The single and owner strategies keep everything here; the lin-kv
 * strategy keeps its cache of lin-kv's messages here.
 */
final class LocalLogs {
    /** Most messages one poll reply carries per key: a poll may return fewer than all (still contiguous). */
    static final int MAX_MESSAGES_PER_KEY_PER_POLL = 100;

    private final Map<String, KeyLog> logs = new HashMap<>();
    private final Map<String, Long> committed = new HashMap<>();

    /** The key's log, created empty if it has none. */
    KeyLog log(String key) {
        return logs.computeIfAbsent(key, k -> new KeyLog());
    }

    /** How many messages the key holds here (0 for a key never seen). */
    int size(String key) {
        KeyLog log = logs.get(key);
        return log == null ? 0 : log.size();
    }

    /** Up to {@code max} {@code [offset, msg]} pairs of the key from offset {@code from} on; empty for a key never seen. */
    ArrayNode read(String key, long from, int max) {
        KeyLog log = logs.get(key);
        return log == null ? JsonNodeFactory.instance.arrayNode() : log.read(from, max);
    }

    /**
     * The {@code msgs} of a poll reply: for each key, up to {@link #MAX_MESSAGES_PER_KEY_PER_POLL}
     * messages from its offset on. Keys with nothing there are left out.
     */
    ObjectNode poll(Map<String, Long> offsets) {
        ObjectNode msgs = JsonNodeFactory.instance.objectNode();
        offsets.forEach((key, from) -> {
            ArrayNode pairs = read(key, from, MAX_MESSAGES_PER_KEY_PER_POLL);
            if (!pairs.isEmpty()) {
                msgs.set(key, pairs);
            }
        });
        return msgs;
    }

    /**
     * Keeps, per key, the highest offset committed so far. A commit never moves a key back: a
     * lower offset from a client that is behind would only make new clients re-read messages.
     */
    void commit(Map<String, Long> offsets) {
        offsets.forEach((key, offset) -> committed.merge(key, offset, Math::max));
    }

    /** The {@code offsets} of a list_committed_offsets reply: the keys that have a committed offset. */
    ObjectNode committed(List<String> keys) {
        ObjectNode offsets = JsonNodeFactory.instance.objectNode();
        for (String key : keys) {
            Long offset = committed.get(key);
            if (offset != null) {
                offsets.put(key, offset);
            }
        }
        return offsets;
    }
}
