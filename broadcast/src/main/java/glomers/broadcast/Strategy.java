package glomers.broadcast;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
        if (args.size() > 1) {
            throw new IllegalArgumentException("the broadcast node takes at most one argument, a strategy name; got " + args
                    + ". " + choices());
        }
        if (!args.isEmpty()) {
            return named(args.get(0));
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return named(environmentValue.strip());
        }
        return DEFAULT;
    }

    /** The strategy called {@code name}. */
    public static Strategy named(String name) {
        for (Strategy strategy : values()) {
            if (strategy.id.equals(name.toLowerCase(Locale.ROOT))) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown broadcast strategy \"" + name + "\". " + choices());
    }

    private static String choices() {
        return "Choose one of " + String.join(", ", Arrays.stream(values()).map(Strategy::id).toList())
                + " (default " + DEFAULT.id + "), e.g. bin/broadcast batch, or " + ENVIRONMENT_VARIABLE + "=batch";
    }

    @Override
    public String toString() {
        return id;
    }
}
