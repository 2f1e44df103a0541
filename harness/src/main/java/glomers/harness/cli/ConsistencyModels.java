package glomers.harness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The consistency model names {@code --consistency-models} takes: every name Elle's checker
 * accepts ({@code all-models} in elle/consistency_model.clj: the friendly names, their canonical
 * Adya names such as {@code PL-2}, and the other models of its hierarchy). Maelstrom hands the
 * names to Elle unchecked, so a misspelt one fails only when the checker runs; the bench refuses
 * it before the run.
 */
final class ConsistencyModels {
    /** Elle's friendly names, the ones to suggest (canonical-model-names' keys and the other models). */
    static final List<String> FRIENDLY = List.of(
            "read-uncommitted", "read-committed", "repeatable-read", "serializable", "strict-serializable",
            "snapshot-isolation", "strong-serializable", "conflict-serializable", "consistent-view", "cursor-stability",
            "forward-consistent-view", "monotonic-snapshot-read", "monotonic-view", "update-serializable",
            "strong-session-read-uncommitted", "strong-session-read-committed", "strong-read-uncommitted", "strong-read-committed",
            "causal-cerone", "monotonic-atomic-view", "parallel-snapshot-isolation", "prefix", "read-atomic", "ROLA",
            "session-serializable", "strong-session-serializable", "strong-session-snapshot-isolation", "strong-snapshot-isolation",
            "view-serializable", "1SR", "linearizable", "sequential", "causal", "PRAM", "writes-follow-reads",
            "monotonic-reads", "monotonic-writes", "read-your-writes");

    /** How many of {@link #FRIENDLY}'s first names to suggest for a name like none of them. */
    private static final int USUAL = 6;

    /** Elle's canonical (Adya) names, which it accepts too. */
    static final List<String> CANONICAL = List.of(
            "PL-1", "PL-2", "PL-2+", "PL-2L", "PL-2.99", "PL-3", "PL-3U", "PL-CS", "PL-FCV", "PL-MSR", "PL-SI", "PL-SS",
            "strong-session-PL-1", "strong-session-PL-2", "strong-PL-1", "strong-PL-2");

    /** Lower case to Elle's spelling: a name is accepted in any case and kept as Elle spells it. */
    private static final Map<String, String> BY_LOWER_CASE = new TreeMap<>();

    static {
        Stream.concat(FRIENDLY.stream(), CANONICAL.stream()).forEach(name -> BY_LOWER_CASE.put(name.toLowerCase(Locale.ROOT), name));
    }

    private ConsistencyModels() {
    }

    /**
     * The models in {@code value}, split on every comma, with or without spaces around it
     * (Maelstrom splits only on " , "; see the harness README). Throws IllegalArgumentException
     * naming an unknown model and similar known ones.
     */
    static List<String> parse(String value) {
        List<String> models = new ArrayList<>();
        for (String name : value.trim().split("\\s*,\\s*")) {
            String known = BY_LOWER_CASE.get(name.toLowerCase(Locale.ROOT));
            if (known == null) {
                List<String> similar = FRIENDLY.stream()
                        .filter(m -> !name.isEmpty() && m.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))).toList();
                throw new IllegalArgumentException("--consistency-models: Elle knows no model \"" + name + "\"; "
                        + (similar.isEmpty() ? "the usual ones: " + String.join(", ", FRIENDLY.subList(0, USUAL))
                        : "similar: " + String.join(", ", similar)));
            }
            models.add(known);
        }
        return models;
    }

    /** How Maelstrom's own parser wants a list: it splits only on a comma with whitespace on both sides. */
    static String forMaelstrom(List<String> models) {
        return String.join(" , ", models);
    }
}
