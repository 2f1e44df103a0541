package glomers.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.nemesis.PartitionCount;
import glomers.harness.report.ValueText;
import glomers.harness.run.RunResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdict and the figures that matter, as the last thing a run prints. Like Maelstrom's
 * printed results map, it shows every checker that did not pass with its key figures: the
 * standard checkers' in words (availability against its target, the {@code f} with no ok), and
 * any other checker's (the workload's, whatever it reports) as its keys and values, bulky values
 * cut short. results.json has everything.
 */
final class Summary {
    /** Longest value shown for one key; longer ones end in "…". */
    static final int MAX_VALUE_CHARS = 100;
    /** Array elements shown before "… (N in all)". */
    static final int MAX_ELEMENTS = 10;
    /** Width of the label column. */
    private static final String LABEL = "%-16s";

    private Summary() {
    }

    /** {@code resultsLocation}: the run folder, or why it could not be written. */
    static void print(PrintWriter out, RunResult result, String resultsLocation) {
        print(out, result, List.of(), false, resultsLocation, null);
    }

    /**
     * As above, with the challenge's targets checked ({@code targets}, a line each, after the
     * checkers; empty for none), whether {@code --require-targets} was given (it decides the last
     * line), and {@code page}: the run's index.html, or why it was not written (null: no line for it).
     */
    static void print(PrintWriter out, RunResult result, List<ChallengeTarget.Checked> targets, boolean requireTargets,
                      String resultsLocation, String page) {
        List<String> failed = new ArrayList<>();
        if (result.abortReason() != null) {
            out.println("Aborted: " + result.abortReason());
            String hint = abortHint(result.abortReason());
            if (hint != null) {
                out.println("Hint: " + hint);
            }
        } else {
            JsonNode r = result.results();
            printFigures(out, r);
            r.properties().forEach(checker -> {
                JsonNode valid = checker.getValue().path("valid?");
                if (checker.getValue().isObject() && !(valid.isBoolean() && valid.booleanValue())) {
                    failed.add(checker.getKey());
                    printFailed(out, result, checker.getKey(), checker.getValue());
                }
            });
        }
        for (ChallengeTarget.Checked target : targets) {
            out.printf(LABEL + "%s%n", "target", target.line());
        }
        if (result.options().partitions()) {
            out.printf(LABEL + "%s%n", "nemesis", partitions(PartitionCount.of(result.history())));
        }
        if (result.mode().equals("sim")) {
            out.printf(Locale.ROOT, LABEL + "%.1f s simulated in %.2f s wall (in-process, seed %d)%n", "run took",
                    result.simulatedNanos() / 1e9, result.wallMillis() / 1e3, result.options().seed());
        } else {
            out.printf(Locale.ROOT, LABEL + "%.1f s wall (child processes, seed %d)%n", "run took",
                    result.wallMillis() / 1e3, result.options().seed());
        }
        out.printf(LABEL + "%s%n", "results", resultsLocation);
        if (page != null) {
            out.printf(LABEL + "%s%n", "page", page);
        }
        List<String> missed = targets.stream().filter(ChallengeTarget.Checked::missed).map(t -> t.target().figure().key).toList();
        out.println(switch (result.exitStatus()) {
            case 0 -> missed.isEmpty() ? "Everything looks good! ヽ(‘ー`)ノ"
                    : "Valid, but " + missed.size() + " of " + targets.size() + " targets missed: " + String.join(", ", missed)
                    + (requireTargets ? " (exit status " + GlomersCommand.TARGETS_MISSED + ": --require-targets)."
                    : " (the exit status stays 0; --require-targets makes it " + GlomersCommand.TARGETS_MISSED + ").");
            case 1 -> "The run is invalid: " + String.join(", ", failed) + " failed (figures above; everything in results.json).";
            case 2 -> "The checkers could not decide (unknown): " + String.join(", ", failed) + " (figures above; everything in results.json).";
            default -> "The run was aborted.";
        });
    }

    /** "5 partitions, 3 of them cut a node off", and a warning when none did. */
    static String partitions(PartitionCount count) {
        return count.describe() + (count.effective() == 0
                ? ": never partitioned; try another --seed or a shorter --nemesis-interval" : "");
    }

    private static void printFigures(PrintWriter out, JsonNode r) {
        out.printf(Locale.ROOT, LABEL + "%d (%d ok, %d fail, %d info)%n", "ops", r.at("/stats/count").asLong(),
                r.at("/stats/ok-count").asLong(), r.at("/stats/fail-count").asLong(), r.at("/stats/info-count").asLong());
        out.printf(Locale.ROOT, LABEL + "%.4f%n", "availability", r.at("/availability/ok-fraction").asDouble());
        JsonNode perOp = r.at("/net/servers/msgs-per-op");
        out.printf(Locale.ROOT, LABEL + "%d msgs, %s msgs-per-op%n", "servers", r.at("/net/servers/msg-count").asLong(),
                perOp.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.2f", perOp.asDouble()));
        JsonNode stable = r.at("/workload/stable-latencies");
        if (!stable.isMissingNode()) {
            out.printf(Locale.ROOT, LABEL + "median %s ms, max %s ms%n", "stable latency", stable.path("0.5").asText(),
                    stable.path("1").asText());
        }
        for (JsonNode e : r.at("/exceptions/exceptions")) {
            out.printf(LABEL + "%d %s, e.g. %s%n", "exceptions", e.path("count").asLong(), e.path("class").asText(),
                    render(e.at("/example/error")));
        }
    }

    /** A checker that did not pass: its name and verdict, then its key figures. */
    private static void printFailed(PrintWriter out, RunResult result, String name, JsonNode details) {
        out.println(name + " valid? " + details.path("valid?").asText());
        switch (name) {
            case "availability" -> {
                Double target = result.options().availability();
                out.printf(Locale.ROOT, "  ok-fraction %.4f, needs at least %s (--availability %s)%n",
                        details.path("ok-fraction").asDouble(), target == null ? "-" : number(target),
                        target == null ? "-" : target == 1.0 ? "total" : number(target));
            }
            case "stats" -> details.path("by-f").properties().forEach(f -> {
                if (f.getValue().path("ok-count").asLong() == 0) {
                    out.printf("  no ok for f %s (0 of %d: %d fail, %d info)%n", f.getKey(),
                            f.getValue().path("count").asLong(), f.getValue().path("fail-count").asLong(),
                            f.getValue().path("info-count").asLong());
                }
            });
            default -> details.properties().forEach(entry -> {
                if (interesting(entry)) {
                    out.printf("  %-18s %s%n", entry.getKey(), render(entry.getValue()));
                }
            });
        }
    }

    /** Every key but the verdict, and but empty ones (null, [], {}). */
    private static boolean interesting(Map.Entry<String, JsonNode> entry) {
        JsonNode value = entry.getValue();
        return !entry.getKey().equals("valid?") && !value.isNull() && !(value.isContainerNode() && value.isEmpty());
    }

    /**
     * One value on one line: text as it is (its first line), an array as its first
     * {@value #MAX_ELEMENTS} elements and how many there are in all, anything else as compact
     * JSON; cut to {@value #MAX_VALUE_CHARS} characters.
     */
    static String render(JsonNode value) {
        return ValueText.brief(value, MAX_VALUE_CHARS, MAX_ELEMENTS);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** What to check for an abort whose cause is usually the node's. */
    static String abortHint(String reason) {
        if (reason.contains("did not answer init")) {
            return "a node answers init with init_ok as one line on stdout, flushed at once; a node that buffers stdout (or writes "
                    + "to stderr) never gets past init: flush after every message (System.out.flush(), print(..., flush=True))";
        }
        return null;
    }
}
