package glomers.harness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Parses {@code --consistency-models}: every name the txn checker knows
 * ({@link glomers.harness.workload.txn.ConsistencyModels#ALL_MODELS}: Elle's friendly names, their
 * canonical Adya names such as {@code PL-2}, and the other models of its hierarchy), in any case.
 * Maelstrom hands the names to Elle unchecked, so a misspelt one fails only when the checker runs;
 * the bench refuses it before the run.
 */
final class ConsistencyModels {
    private static final SortedSet<String> ALL_MODELS = glomers.harness.workload.txn.ConsistencyModels.ALL_MODELS;

    /** The names to suggest for a name like none Elle knows. */
    static final List<String> USUAL = List.of(
            "read-uncommitted", "read-committed", "repeatable-read", "serializable", "strict-serializable", "snapshot-isolation");

    /** Lower case to Elle's spelling of every model the checker knows: a name is accepted in any case and kept as Elle spells it. */
    private static final Map<String, String> BY_LOWER_CASE = new TreeMap<>();

    static {
        ALL_MODELS.forEach(name -> BY_LOWER_CASE.put(name.toLowerCase(Locale.ROOT), name));
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
                List<String> similar = ALL_MODELS.stream()
                        .filter(m -> !name.isEmpty() && m.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))).toList();
                throw new IllegalArgumentException("--consistency-models: Elle knows no model \"" + name + "\"; "
                        + (similar.isEmpty() ? "the usual ones: " + String.join(", ", USUAL)
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
