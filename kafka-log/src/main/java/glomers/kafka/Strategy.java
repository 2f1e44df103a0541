package glomers.kafka;

import glomers.runtime.NamedStrategies;
import java.util.List;
import java.util.function.Supplier;

/**
 * The kafka-log strategies, in the order the challenge asks for them. Each is what the next stage
 * of the challenge needs; the README shows why each next one exists.
 */
public enum Strategy implements NamedStrategies.Named {
    /** 5a: one node's logs in memory. Correct on one node only: two nodes hand out the same offsets. */
    SINGLE("single", "5a", "the logs in this node's memory; for one node only", SingleLog::new),
    /** 5b: Fly.io's suggestion: offsets claimed by compare-and-set in lin-kv, messages and commits kept there. */
    LIN_KV("lin-kv", "5b", "offsets claimed by compare-and-set in lin-kv; messages and commits kept in lin-kv",
            LinKvLog::new),
    /** 5c: each key has an owner node that numbers its messages; forwards and replication travel in batches. */
    OWNER("owner", "5c", "each key owned by one node; forwards and replication in batches; polls answered locally",
            OwnerLog::new);

    /** The best one: valid on 5a-5c and built for 5c's message count. */
    public static final Strategy DEFAULT = OWNER;

    /** The environment variable that names a strategy when the launcher is given none. */
    public static final String ENVIRONMENT_VARIABLE = "GLOMERS_KAFKA_STRATEGY";

    private static final NamedStrategies<Strategy> CHOOSER =
            new NamedStrategies<>(Strategy.class, DEFAULT, "kafka-log", ENVIRONMENT_VARIABLE);

    private final String id;
    private final String stage;
    private final String summary;
    private final Supplier<Logs> factory;

    Strategy(String id, String stage, String summary, Supplier<Logs> factory) {
        this.id = id;
        this.stage = stage;
        this.summary = summary;
        this.factory = factory;
    }

    /** The name a user types, e.g. {@code lin-kv}. */
    @Override
    public String id() {
        return id;
    }

    /** The challenge stage it was built for, e.g. {@code 5b}. */
    public String stage() {
        return stage;
    }

    public String summary() {
        return summary;
    }

    Logs create() {
        return factory.get();
    }

    /**
     * The strategy the node's arguments name, else the environment variable's, else the default.
     *
     * @throws IllegalArgumentException with a message that lists the names, for anything else
     */
    public static Strategy choose(List<String> args, String environmentValue) {
        return CHOOSER.choose(args, environmentValue);
    }

    @Override
    public String toString() {
        return id;
    }
}
