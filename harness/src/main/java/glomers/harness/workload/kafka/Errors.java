package glomers.harness.workload.kafka;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The errors the analyses find, by Jepsen's error type name ({@code "poll-skip"}, {@code "G1a"},
 * …), each a JSON object with kebab-case keys. Types come out sorted by name, as Jepsen's
 * {@code (sort (keys errors))} sorts them.
 */
final class Errors {
    private final Map<String, List<ObjectNode>> byType = new TreeMap<>();

    void add(String type, ObjectNode error) {
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(error);
    }

    /** Type → errors in the order found; types sorted. */
    Map<String, List<ObjectNode>> byType() {
        return byType;
    }

    static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    static ArrayNode longs(Collection<Long> values) {
        ArrayNode out = Json.mapper().createArrayNode();
        values.forEach(out::add);
        return out;
    }

    /** {@code [a, b]}: a pair of messages, either of which may be unknown (null). */
    static ArrayNode pair(Long a, Long b) {
        ArrayNode out = Json.mapper().createArrayNode();
        if (a == null) {
            out.addNull();
        } else {
            out.add(a);
        }
        if (b == null) {
            out.addNull();
        } else {
            out.add(b);
        }
        return out;
    }

    /** The ops of an error, as their history entries (Jepsen's op maps). */
    static ArrayNode ops(KafkaOp... ops) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (KafkaOp op : ops) {
            out.add(op.op.toJson());
        }
        return out;
    }
}
