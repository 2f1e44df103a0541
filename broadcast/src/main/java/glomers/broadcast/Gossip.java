package glomers.broadcast;

import glomers.runtime.Node;
import java.util.List;
import java.util.Map;

/**
 * How a node spreads values to the others: the part that changes from one strategy to the next.
 * {@link BroadcastNode} answers the clients and calls these.
 */
interface Gossip {

    /** Registers this strategy's own message types and timers. Called once, before the node runs. */
    void install(Node node, Values values);

    /** The topology Maelstrom suggests (sent once, before any broadcast). Only the flood strategies use it. */
    default void topology(Map<String, List<String>> topology) {
    }

    /** A client broadcast {@code value} to this node, and it is new here: spread it. */
    void originate(long value);
}
