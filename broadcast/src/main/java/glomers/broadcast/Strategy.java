package glomers.broadcast;

import glomers.runtime.StrategyChoice;
import java.util.List;
import java.util.function.Supplier;

/**
 * The broadcast strategies, in the order the challenge asks for them. Each is what the next stage
 * of the challenge needs; the README shows in numbers why each next one exists.
 */
public enum Strategy {
    /** 3b: pass each new value to the topology's neighbours, once. A partition loses values for good. */
    FLOOD("flood", "3b", "flood over the given topology, fire and forget", Flood::new),
    /** 3c: the same flood, but each neighbour acknowledges, and unacknowledged values are sent again. */
    FLOOD_ACK("flood-ack", "3c", "flood over the topology, acknowledged, retried until acknowledged", FloodWithAcks::new),
    /** 3d: the origin sends each value straight to every node: one network hop. Repairs by anti-entropy. */
    FANOUT("fanout", "3d", "one message per value per peer, straight from the origin; anti-entropy repairs partitions",
            Fanout::new),
    /** 3e: values gathered for a while and passed through one hub: few messages, more latency. */
    BATCH("batch", "3e", "batches through a hub on a shared clock; anti-entropy repairs partitions", Batch::new);

    /** The best one: passes 3a-3e, and 3d's tighter latency targets. */
    public static final Strategy DEFAULT = FANOUT;

    /** The environment variable that names a strategy when the launcher is given none. */
    public static final String ENVIRONMENT_VARIABLE = "GLOMERS_BROADCAST_STRATEGY";

    private static final StrategyChoice<Strategy> CHOICE =
            new StrategyChoice<>("broadcast", values(), Strategy::id, DEFAULT, ENVIRONMENT_VARIABLE, "batch");

    private final String id;
    private final String stage;
    private final String summary;
    private final Supplier<Gossip> factory;

    Strategy(String id, String stage, String summary, Supplier<Gossip> factory) {
        this.id = id;
        this.stage = stage;
        this.summary = summary;
        this.factory = factory;
    }

    /** The name a user types, e.g. {@code flood-ack}. */
    public String id() {
        return id;
    }

    /** The challenge stage it was built for, e.g. {@code 3c}. */
    public String stage() {
        return stage;
    }

    public String summary() {
        return summary;
    }

    Gossip create() {
        return factory.get();
    }

    /**
     * The strategy the node's arguments name, else the environment variable's, else the default.
     *
     * @throws IllegalArgumentException with a message that lists the names, for anything else
     */
    public static Strategy choose(List<String> args, String environmentValue) {
        return CHOICE.choose(args, environmentValue);
    }

    @Override
    public String toString() {
        return id;
    }
}
