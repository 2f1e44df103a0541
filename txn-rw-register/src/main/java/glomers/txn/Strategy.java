package glomers.txn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The txn-rw-register strategies, in the order the challenge asks for them. Each shows what the
 * next stage needs; the README explains which anomalies each allows.
 */
public enum Strategy {
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
        if (words.size() > 1) {
            throw new IllegalArgumentException("the txn-rw-register node takes at most one argument, a strategy name; got "
                    + words + ". " + choices());
        }
        if (!words.isEmpty()) {
            return named(words.get(0));
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return named(environmentValue.strip());
        }
        return DEFAULT;
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
                if (i + 1 < args.size() && !isName(args.get(i + 1))) {
                    mistyped.add(args.get(++i));
                }
            }
        }
        return mistyped;
    }

    /** The strategy called {@code name}. */
    public static Strategy named(String name) {
        for (Strategy strategy : values()) {
            if (strategy.id.equals(name.toLowerCase(Locale.ROOT))) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown txn-rw-register strategy \"" + name + "\". " + choices());
    }

    private static boolean isName(String word) {
        return Arrays.stream(values()).anyMatch(strategy -> strategy.id.equals(word.toLowerCase(Locale.ROOT)));
    }

    private static String choices() {
        return "Choose one of " + String.join(", ", Arrays.stream(values()).map(Strategy::id).toList())
                + " (default " + DEFAULT.id + "), e.g. bin/txn-rw-register eager, or " + ENVIRONMENT_VARIABLE + "=eager";
    }

    @Override
    public String toString() {
        return id;
    }
}
