package glomers.txn;

import glomers.runtime.NamedStrategies;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The txn-rw-register strategies, in the order the challenge asks for them. Each shows what the
 * next stage needs; the README explains which anomalies each allows.
 */
public enum Strategy implements NamedStrategies.Named {
    /** 6a: one node; writes applied here only. */
    LOCAL("local", "6a", "one node: final writes applied locally, sent nowhere", Local::new),
    /** 6b: read uncommitted; every write sent on its own at once, so intermediate writes leak (G1b). */
    EAGER("eager", "6b", "every write applied and sent to every peer on its own, at once (read uncommitted)", Eager::new),
    /** 6c: read committed; a transaction's final writes travel as one unit, batched, acknowledged, resent. */
    BATCH("batch", "6c", "final writes per transaction as one unit, batched every 100 ms, acknowledged and resent;"
            + " last writer wins on (Lamport timestamp, node) (read committed)", Batched::new);

    /** The one that passes 6a, 6b and 6c. */
    public static final Strategy DEFAULT = BATCH;

    /** The environment variable that names a strategy when the launcher is given none. */
    public static final String ENVIRONMENT_VARIABLE = "GLOMERS_TXN_STRATEGY";

    private static final NamedStrategies<Strategy> CHOOSER =
            new NamedStrategies<>(Strategy.class, DEFAULT, "txn-rw-register", ENVIRONMENT_VARIABLE);

    private final String id;
    private final String stage;
    private final String summary;
    private final Supplier<Replication> factory;

    Strategy(String id, String stage, String summary, Supplier<Replication> factory) {
        this.id = id;
        this.stage = stage;
        this.summary = summary;
        this.factory = factory;
    }

    /** The name a user types, e.g. {@code eager}. */
    @Override
    public String id() {
        return id;
    }

    /** The challenge stage it was built for, e.g. {@code 6b}. */
    public String stage() {
        return stage;
    }

    public String summary() {
        return summary;
    }

    Replication create() {
        return factory.get();
    }

    /**
     * The strategy the node's arguments name, else the environment variable's, else the default.
     * Mistyped options among the arguments are left out (see {@link #mistypedOptions}).
     *
     * @throws IllegalArgumentException with a message that lists the names, for anything else
     */
    public static Strategy choose(List<String> args, String environmentValue) {
        List<String> words = new ArrayList<>(args);
        words.removeAll(mistypedOptions(args));
        return CHOOSER.choose(words, environmentValue);
    }

    /**
     * The words Maelstrom hands the node when an option on its own command line starts with an
     * en dash or em dash instead of {@code --}: such an option, and the word after it unless that
     * is a strategy name. Fly.io's published 6c command has one ({@code –-nemesis partition},
     * spec §5), so a node that refused them would fail that command before it starts.
     */
    public static List<String> mistypedOptions(List<String> args) {
        List<String> mistyped = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (word.startsWith("\u2013") || word.startsWith("\u2014")) {
                mistyped.add(word);
                if (i + 1 < args.size() && !CHOOSER.isName(args.get(i + 1))) {
                    mistyped.add(args.get(++i));
                }
            }
        }
        return mistyped;
    }

    @Override
    public String toString() {
        return id;
    }
}
