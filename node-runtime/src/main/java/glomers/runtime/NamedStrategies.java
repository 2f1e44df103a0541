package glomers.runtime;

import java.util.List;
import java.util.Locale;

/**
 * Picks one of a challenge node's named strategies (the learner's stages, kept side by side as an
 * enum) the way every launcher does: the node's command-line argument (Maelstrom passes the
 * non-option words of its own command line to the node), else an environment variable, else the
 * default. Names are matched without regard to case.
 *
 * @param <S> the challenge's strategy enum
 */
public final class NamedStrategies<S extends Enum<S> & NamedStrategies.Named> {

    /** A strategy with a name a user types, e.g. {@code batch}. */
    public interface Named {
        String id();
    }

    private final List<S> strategies;
    private final S defaultStrategy;
    private final String challenge;
    private final String environmentVariable;

    /**
     * @param type                the strategy enum
     * @param defaultStrategy     the one chosen when nothing names one
     * @param challenge           the launcher's name, e.g. {@code broadcast} (for {@code bin/broadcast} in messages)
     * @param environmentVariable the variable that names a strategy when the launcher is given none
     */
    public NamedStrategies(Class<S> type, S defaultStrategy, String challenge, String environmentVariable) {
        this.strategies = List.of(type.getEnumConstants());
        this.defaultStrategy = defaultStrategy;
        this.challenge = challenge;
        this.environmentVariable = environmentVariable;
    }

    /**
     * The strategy {@code args} names (at most one word), else {@code environmentValue}'s, else the default.
     *
     * @throws IllegalArgumentException with a message that lists the names, for anything else
     */
    public S choose(List<String> args, String environmentValue) {
        if (args.size() > 1) {
            throw new IllegalArgumentException("the " + challenge + " node takes at most one argument, a strategy name; got "
                    + args + ". " + choices());
        }
        if (!args.isEmpty()) {
            return named(args.get(0));
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return named(environmentValue.strip());
        }
        return defaultStrategy;
    }

    /**
     * The strategy called {@code name}.
     *
     * @throws IllegalArgumentException with a message that lists the names, if there is none
     */
    public S named(String name) {
        for (S strategy : strategies) {
            if (isCalled(strategy, name)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown " + challenge + " strategy \"" + name + "\". " + choices());
    }

    /** Whether some strategy is called {@code name}. */
    public boolean isName(String name) {
        return strategies.stream().anyMatch(strategy -> isCalled(strategy, name));
    }

    private static boolean isCalled(Named strategy, String name) {
        return strategy.id().equals(name.toLowerCase(Locale.ROOT));
    }

    /** E.g. "Choose one of flood, fanout, batch (default fanout), e.g. bin/broadcast batch, or GLOMERS_BROADCAST_STRATEGY=batch". */
    private String choices() {
        String example = strategies.stream().filter(s -> s != defaultStrategy).reduce((first, last) -> last)
                .orElse(defaultStrategy).id();
        return "Choose one of " + String.join(", ", strategies.stream().map(Named::id).toList())
                + " (default " + defaultStrategy.id() + "), e.g. bin/" + challenge + " " + example + ", or "
                + environmentVariable + "=" + example;
    }
}
