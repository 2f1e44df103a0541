package glomers.broadcast;

import com.fasterxml.jackson.core.type.TypeReference;
import glomers.runtime.Body;
import glomers.runtime.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 3c: flooding that survives partitions. Each neighbour acknowledges what it receives, and
 * a node keeps, per neighbour, the values not yet acknowledged, with when they were last sent.
 * Every {@link #RETRY_PERIOD} it sends again, in one message, those that have waited at least
 * {@link #RETRY_AFTER_MILLIS}. A partition only delays a value: once it heals, the retry gets through.
 *
 * <p>The price: an acknowledgement for every message, and values travel hop by hop along the
 * topology (8 hops across challenge 3d's 5x5 grid, so 800 ms at 100 ms a hop).
 */
final class FloodWithAcks implements Gossip {
    /** How often unacknowledged values are looked at. */
    static final Duration RETRY_PERIOD = Duration.ofMillis(250);
    /** A value is sent again once it has waited this long for its ack: longer than a round trip (2 x 100 ms in 3d). */
    static final long RETRY_AFTER_MILLIS = 500;
    /** At most this many values in one retry message, so messages stay small; the rest go next time. */
    static final int MAX_VALUES_PER_MESSAGE = 1_000;

    private static final TypeReference<List<Long>> LONGS = new TypeReference<>() { };

    private Node node;
    private Values values;
    private List<String> neighbours = List.of();
    /** neighbour -> (value -> when it was last sent there), for values that neighbour has not acknowledged. */
    private final Map<String, Map<Long, Long>> unacked = new HashMap<>();

    @Override
    public void install(Node node, Values values) {
        this.node = node;
        this.values = values;
        node.onInit(() -> node.every(RETRY_PERIOD, this::retry));
        node.on("flood", message -> {
            List<Long> received = message.body().get("values", LONGS);
            for (long value : received) {
                if (values.add(value)) {
                    spread(value, message.src());
                }
            }
            node.send(message.src(), Body.of("flood_ack").put("values", received));
        });
        node.on("flood_ack", message -> {
            Map<Long, Long> waiting = unacked.get(message.src());
            if (waiting != null) {
                message.body().get("values", LONGS).forEach(waiting::remove);
            }
        });
    }

    @Override
    public void topology(Map<String, List<String>> topology) {
        neighbours = topology.getOrDefault(node.id(), List.of());
        for (String neighbour : neighbours) {
            Map<Long, Long> waiting = unacked.computeIfAbsent(neighbour, n -> new LinkedHashMap<>());
            values.forEach(value -> waiting.putIfAbsent(value, 0L)); // anything known before the topology: due at once
        }
    }

    @Override
    public void originate(long value) {
        spread(value, null);
    }

    private void spread(long value, String cameFrom) {
        long now = node.now();
        for (String neighbour : neighbours) {
            if (!neighbour.equals(cameFrom)) {
                unacked.get(neighbour).put(value, now);
                node.send(neighbour, Body.of("flood").put("values", List.of(value)));
            }
        }
    }

    private void retry() {
        long now = node.now();
        unacked.forEach((neighbour, waiting) -> {
            List<Long> again = new ArrayList<>();
            for (Map.Entry<Long, Long> entry : waiting.entrySet()) {
                if (again.size() == MAX_VALUES_PER_MESSAGE) {
                    break;
                }
                if (now - entry.getValue() >= RETRY_AFTER_MILLIS) {
                    again.add(entry.getKey());
                    entry.setValue(now);
                }
            }
            if (!again.isEmpty()) {
                node.send(neighbour, Body.of("flood").put("values", again));
            }
        });
    }
}
