package glomers.broadcast;

import glomers.runtime.Body;
import glomers.runtime.Node;
import java.util.List;
import java.util.Map;

/**
 * Stage 3b: flooding. A node passes each value it has not seen before to its neighbours in the
 * topology Maelstrom suggests, except the one it came from, and forgets about it.
 *
 * <p>Enough while the network is healthy. A message a partition drops is never sent again, so
 * the value never reaches the far side: under {@code --nemesis partition} (3c) the checker
 * finds lost values. See {@link FloodWithAcks} for the fix.
 */
final class Flood implements Gossip {
    private Node node;
    private Values values;
    private List<String> neighbours = List.of();

    @Override
    public void install(Node node, Values values) {
        this.node = node;
        this.values = values;
        node.on("flood", message -> {
            long value = message.body().getLong("value");
            if (values.add(value)) {
                forward(value, message.src());
            }
        });
    }

    @Override
    public void topology(Map<String, List<String>> topology) {
        neighbours = topology.getOrDefault(node.id(), List.of());
    }

    @Override
    public void originate(long value) {
        forward(value, null);
    }

    private void forward(long value, String cameFrom) {
        for (String neighbour : neighbours) {
            if (!neighbour.equals(cameFrom)) {
                node.send(neighbour, Body.of("flood").put("value", value));
            }
        }
    }
}
