package glomers.harness.reference;

import com.fasterxml.jackson.core.type.TypeReference;
import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plain broadcast node the bench uses to test and time itself: delta gossip over the given
 * topology, with acknowledgements. Each node keeps, per neighbour, the values that neighbour has
 * not acknowledged, and every {@value #GOSSIP_MILLIS} ms sends each neighbour its pending values;
 * the neighbour acknowledges them and passes new ones on to its other neighbours. Whatever a
 * partition drops stays pending and goes again after the heal. A yardstick for the bench, not a
 * solution to study (see the broadcast module for that).
 */
public final class ReferenceBroadcast implements NodeProgram {
    public static final long GOSSIP_MILLIS = 200;

    @Override
    public void install(Node node) {
        Set<Long> values = new TreeSet<>();
        Map<String, Set<Long>> pending = new HashMap<>(); // neighbour -> values it has not acknowledged

        node.on("topology", req -> {
            Map<String, List<String>> topology = req.body().get("topology", new TypeReference<>() { });
            topology.getOrDefault(node.id(), List.of()).forEach(n -> pending.put(n, new TreeSet<>()));
            node.every(Duration.ofMillis(GOSSIP_MILLIS), () -> pending.forEach((neighbour, unacked) -> {
                if (!unacked.isEmpty()) {
                    node.send(neighbour, Body.of("gossip").put("values", unacked));
                }
            }));
            req.reply(Body.of("topology_ok"));
        });
        node.on("broadcast", req -> {
            long value = req.body().getLong("message");
            if (values.add(value)) {
                pending.values().forEach(unacked -> unacked.add(value));
            }
            req.reply(Body.of("broadcast_ok"));
        });
        node.on("gossip", req -> {
            List<Long> received = req.body().get("values", new TypeReference<>() { });
            for (long value : received) {
                if (values.add(value)) {
                    pending.forEach((neighbour, unacked) -> {
                        if (!neighbour.equals(req.src())) {
                            unacked.add(value);
                        }
                    });
                }
            }
            node.send(req.src(), Body.of("gossip_ack").put("values", received));
        });
        node.on("gossip_ack", req -> {
            Set<Long> unacked = pending.get(req.src());
            if (unacked != null) {
                unacked.removeAll(req.body().get("values", new TypeReference<List<Long>>() { }));
            }
        });
        node.on("read", req -> req.reply(Body.of("read_ok").put("messages", values)));
    }
}
