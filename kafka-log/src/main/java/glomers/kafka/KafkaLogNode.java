package glomers.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Body;
import glomers.runtime.MaelstromException;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Challenge 5: a Kafka-style log. Clients append integer messages to string-keyed logs and read
 * them back by offset (spec §3.5; src/maelstrom/workload/kafka.clj):
 * <ul>
 *   <li>{@code send {key, msg}} → {@code send_ok {offset}}</li>
 *   <li>{@code poll {offsets: {key: offset}}} → {@code poll_ok {msgs: {key: [[offset, msg], ...]}}}</li>
 *   <li>{@code commit_offsets {offsets}} → {@code commit_offsets_ok}</li>
 *   <li>{@code list_committed_offsets {keys}} → {@code list_committed_offsets_ok {offsets}}</li>
 * </ul>
 *
 * <p>This class is the part every strategy shares: it reads and checks each request, so a
 * malformed one gets error 12 (malformed-request) before anything changes, and hands the fields
 * to a {@link Logs}. Which one is a {@link Strategy}: the node's argument, else
 * {@value Strategy#ENVIRONMENT_VARIABLE}, else {@link Strategy#DEFAULT}.
 */
public final class KafkaLogNode implements NodeProgram {
    private final Strategy strategy;

    /** The strategy named by {@value Strategy#ENVIRONMENT_VARIABLE}, else the default. */
    public KafkaLogNode() {
        this(List.of());
    }

    /** The strategy named by the node's command-line arguments (at most one), else as {@link #KafkaLogNode()}. */
    public KafkaLogNode(List<String> args) {
        this(Strategy.choose(args, System.getenv(Strategy.ENVIRONMENT_VARIABLE)));
    }

    public KafkaLogNode(Strategy strategy) {
        this.strategy = strategy;
    }

    public Strategy strategy() {
        return strategy;
    }

    @Override
    public void install(Node node) {
        Logs logs = strategy.create();
        logs.install(node);
        node.onInit(() -> node.log("kafka-log strategy " + strategy + " (" + strategy.summary() + ")"));

        node.on("send", request -> {
            Body body = request.body();
            String key = body.getString("key"); // missing or not a string: error 12
            long msg = body.getLong("msg");     // missing, not an integer, or beyond 64 bits: error 12
            logs.send(key, msg, request);
        });
        node.on("poll", request -> logs.poll(offsets(request.body()), request));
        node.on("commit_offsets", request -> logs.commit(offsets(request.body()), request));
        node.on("list_committed_offsets", request -> logs.listCommitted(keys(request.body()), request));
    }

    /**
     * The {@code offsets} field: a JSON object of keys to integers 0 or more, e.g.
     * {@code {"5":12,"7":0}}; may be empty.
     *
     * @throws MaelstromException 12 (malformed-request) for anything else
     */
    static Map<String, Long> offsets(Body body) {
        JsonNode field = body.get("offsets");
        if (!field.isObject()) {
            throw MaelstromException.malformedRequest("field \"offsets\" must be an object of keys to offsets, got " + field);
        }
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : field.properties()) {
            JsonNode offset = entry.getValue();
            if (!offset.isIntegralNumber() || !offset.canConvertToLong() || offset.longValue() < 0) {
                throw MaelstromException.malformedRequest("the offset of key \"" + entry.getKey()
                        + "\" must be an integer 0 or more, got " + offset);
            }
            offsets.put(entry.getKey(), offset.longValue());
        }
        return offsets;
    }

    /**
     * The {@code keys} field: a JSON array of strings; may be empty.
     *
     * @throws MaelstromException 12 (malformed-request) for anything else
     */
    static List<String> keys(Body body) {
        JsonNode field = body.get("keys");
        if (!field.isArray()) {
            throw MaelstromException.malformedRequest("field \"keys\" must be an array of strings, got " + field);
        }
        List<String> keys = new ArrayList<>(field.size());
        for (JsonNode key : field) {
            if (!key.isTextual()) {
                throw MaelstromException.malformedRequest("field \"keys\" must hold only strings, got " + key);
            }
            keys.add(key.textValue());
        }
        return keys;
    }

    public static void main(String[] args) {
        KafkaLogNode program;
        try {
            program = new KafkaLogNode(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("kafka-log: " + e.getMessage());
            System.exit(2);
            return;
        }
        Node.runOnStdio(program);
    }
}
