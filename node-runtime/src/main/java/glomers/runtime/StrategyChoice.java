package glomers.runtime;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a challenge's node picks one of its named strategies: the node's command-line argument
 * (Maelstrom hands the words of its own command line that are not options to the node, spec
 * §1.1), else an environment variable, else the default. Names are matched ignoring case; an
 * unknown name is refused with the list of names and how to give one.
 *
 * <pre>{@code
 * new StrategyChoice<>("broadcast", Strategy.values(), Strategy::id, FANOUT, "GLOMERS_BROADCAST_STRATEGY", "batch")
 * }</pre>
 *
 * @param <S> the challenge's enum of strategies
 */
public final class StrategyChoice<S extends Enum<S>> {
    private final String challenge;
    private final List<S> strategies;
    private final Function<S, String> name;
    private final S defaultStrategy;
    private final String environmentVariable;
    private final String example;

    /**
     * @param challenge           the challenge's launcher name, e.g. {@code broadcast} (for {@code bin/broadcast})
     * @param strategies          every strategy, in the order the messages list them
     * @param name                the name a user types for each, lower case
     * @param defaultStrategy     the one chosen when none is named
     * @param environmentVariable the variable that may name one, e.g. {@code GLOMERS_BROADCAST_STRATEGY}
     * @param example             a name to show in messages, e.g. {@code batch}
     */
    public StrategyChoice(String challenge, S[] strategies, Function<S, String> name, S defaultStrategy,
                          String environmentVariable, String example) {
        this.challenge = challenge;
        this.strategies = List.of(strategies);
        this.name = name;
        this.defaultStrategy = defaultStrategy;
        this.environmentVariable = environmentVariable;
        this.example = example;
    }

    /**
     * The strategy the node's arguments name (at most one), else {@code environmentValue}'s (if
     * not blank), else the default.
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
     * The strategy called {@code strategyName}, in any case.
     *
     * @throws IllegalArgumentException with a message that lists the names, if there is none
     */
    public S named(String strategyName) {
        for (S strategy : strategies) {
            if (name.apply(strategy).equals(strategyName.toLowerCase(Locale.ROOT))) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown " + challenge + " strategy \"" + strategyName + "\". " + choices());
    }

    private String choices() {
        return "Choose one of " + String.join(", ", strategies.stream().map(name).toList())
                + " (default " + name.apply(defaultStrategy) + "), e.g. bin/" + challenge + " " + example
                + ", or " + environmentVariable + "=" + example;
    }
}
