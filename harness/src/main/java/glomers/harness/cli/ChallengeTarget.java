package glomers.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.runtime.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One of a challenge's own targets beyond a valid run, as Fly.io's challenge pages state them
 * (spec §5): a figure of the run's results.json against a limit. 3d asks for msgs-per-op under 30,
 * a median stable latency under 400 ms and a maximum under 600 ms; 3e for under 20, 1 s and 2 s;
 * 5c for fewer msgs-per-op than one's 5b; 2 and 6a–6c for total availability. Each challenge's
 * list is in {@link Challenge#ALL}, the one table of them. Targets are checked after the verdict
 * and never change it; {@code glomers test --require-targets} turns a miss into exit status
 * {@value GlomersCommand#TARGETS_MISSED}.
 *
 * @param figure what is measured
 * @param below  true: the figure must be below the limit ({@code <}); false: at least the limit ({@code >=})
 * @param limit  the limit in the figure's unit; NaN when another run's figure is the limit ({@code than})
 * @param than   the challenge whose run of the same node, with the same options, sets the limit (5c's: "5b"), or null
 */
public record ChallengeTarget(Figure figure, boolean below, double limit, String than) {

    /**
     * A figure of a run, named as sweep.json names it, found in results.json (keys as in
     * Maelstrom's results.edn).
     */
    public enum Figure {
        /** {@code :net :servers :msgs-per-op}: messages between nodes and services per client operation. */
        MSGS_PER_OP("msgs-per-op", "/net/servers/msgs-per-op", "%.2f", ""),
        /** Broadcast's {@code :stable-latencies} 0.5, in ms. */
        STABLE_LATENCY_MEDIAN("stable-latency-median", "/workload/stable-latencies/0.5", "%.0f", " ms"),
        /** Broadcast's {@code :stable-latencies} 1, in ms. */
        STABLE_LATENCY_MAX("stable-latency-max", "/workload/stable-latencies/1", "%.0f", " ms"),
        /** {@code :availability :ok-fraction}: the fraction of operations that completed ok. */
        OK_FRACTION("ok-fraction", "/availability/ok-fraction", "%.4f", "");

        final String key;
        private final String pointer;
        private final String format;
        private final String unit;

        Figure(String key, String pointer, String format, String unit) {
            this.key = key;
            this.pointer = pointer;
            this.format = format;
            this.unit = unit;
        }

        /** The figure in a run's results.json, or null when the run has none (no operations, another workload). */
        Double in(JsonNode results) {
            JsonNode value = results == null ? null : results.at(pointer);
            return value != null && value.isNumber() ? value.asDouble() : null;
        }

        /** A value as a summary shows it: "11.96", "83 ms", "-" for none. */
        String show(Double value) {
            return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, format, value) + unit;
        }

        /** A limit as the challenge pages give it: "30", "400 ms". */
        String showLimit(double value) {
            String number = value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
            return number + unit;
        }
    }

    static ChallengeTarget below(Figure figure, double limit) {
        return new ChallengeTarget(figure, true, limit, null);
    }

    static ChallengeTarget atLeast(Figure figure, double limit) {
        return new ChallengeTarget(figure, false, limit, null);
    }

    /** The figure must be below the same figure of the same node's run of challenge {@code than}. */
    static ChallengeTarget belowThatOf(Figure figure, String than) {
        return new ChallengeTarget(figure, true, Double.NaN, than);
    }

    public ChallengeTarget {
        if ((than == null) == Double.isNaN(limit)) {
            throw new IllegalArgumentException("a target has either a limit or another challenge's run to compare with");
        }
    }

    String comparison() {
        return below ? "<" : ">=";
    }

    /** "msgs-per-op < 30", "stable-latency-median < 400 ms", "ok-fraction >= 1", "msgs-per-op < 5b's". */
    public String describe() {
        return figure.key + " " + comparison() + " " + (than != null ? than + "'s" : figure.showLimit(limit));
    }

    /**
     * Another run whose figure is the limit: the newest valid run of the same node of challenge
     * {@link #than}, with the same options but the seed ({@link RunFolders#baseline}).
     *
     * @param folder  its folder's name
     * @param results its results.json
     */
    record Baseline(String folder, JsonNode results) {
    }

    /**
     * A target checked against one run.
     *
     * @param figure   the run's figure, or null when it has none (then the target is missed)
     * @param limit    the limit, or null when there was no run to compare with
     * @param met      true or false; null when there was no run to compare with: neither met nor missed
     * @param baseline the folder of the run the limit came from, or null
     */
    record Checked(ChallengeTarget target, Double figure, Double limit, Boolean met, String baseline) {
        boolean missed() {
            return Boolean.FALSE.equals(met);
        }

        /**
         * One line: "msgs-per-op 11.96 < 30  met", "msgs-per-op 0.21 < 8.15 (5b: &lt;folder&gt;)  met",
         * "msgs-per-op 0.21 < 5b's  no 5b run of this node to compare with".
         */
        String line() {
            String verdict = met == null ? "no " + target.than() + " run of this node to compare with"
                    : met ? "met" : figure == null ? "missed (the run has no " + target.figure().key + ")" : "missed";
            return comparison() + "  " + verdict;
        }

        /** The line without its verdict: "msgs-per-op 31.20 < 30". */
        String comparison() {
            Figure f = target.figure();
            return f.key + " " + f.show(figure) + " " + target.comparison() + " " + limitText();
        }

        /** The limit as the lines show it: "30", "400 ms", "8.15 (5b: &lt;folder&gt;)", or "5b's" when there was none. */
        String limitText() {
            Figure f = target.figure();
            return limit == null ? target.than() + "'s" : target.than() == null ? f.showLimit(limit)
                    : f.show(limit) + " (" + target.than() + ": " + baseline + ")";
        }

        /** As run.json and sweep.json keep it: name, figure, comparison, limit, met (true, false or null), compared-with. */
        ObjectNode toJson() {
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("name", target.figure().key);
            json.put("figure", figure);
            json.put("comparison", target.comparison());
            json.put("limit", limit);
            json.put("met", met);
            if (target.than() != null) {
                json.put("compared-with", baseline == null ? "no " + target.than() + " run of this node to compare with"
                        : target.than() + ": " + baseline);
            }
            return json;
        }
    }

    /** This target against one run's results.json; {@code baseline} is the run setting the limit when {@link #than} is set. */
    Checked check(JsonNode results, Baseline baseline) {
        Double value = figure.in(results);
        Double bound = than == null ? Double.valueOf(limit) : baseline == null ? null : figure.in(baseline.results());
        if (bound == null) {
            return new Checked(this, value, null, null, null);
        }
        boolean met = value != null && (below ? value < bound : value >= bound);
        return new Checked(this, value, bound, met, baseline == null ? null : baseline.folder());
    }

    /** Every target of a challenge against a run; {@code baselines} finds the run a challenge id names (null when none). */
    static List<Checked> checkAll(List<ChallengeTarget> targets, JsonNode results, Function<String, Baseline> baselines) {
        List<Checked> checked = new ArrayList<>();
        for (ChallengeTarget t : targets) {
            checked.add(t.check(results, t.than() == null ? null : baselines.apply(t.than())));
        }
        return checked;
    }

    /** Whether any target was missed (a target with nothing to compare with is not). */
    static boolean anyMissed(List<Checked> checked) {
        return checked.stream().anyMatch(Checked::missed);
    }

    /** Whether every target was met (vacuously true for none); a target with nothing to compare with is not met. */
    static boolean allMet(List<Checked> checked) {
        return checked.stream().allMatch(c -> Boolean.TRUE.equals(c.met()));
    }

    /**
     * Exit status {@value GlomersCommand#TARGETS_MISSED} for a valid run that missed a target when
     * {@code --require-targets} asks for them; otherwise Maelstrom's status as it is.
     */
    static int exitStatus(int maelstromStatus, List<Checked> checked, boolean requireTargets) {
        return maelstromStatus == 0 && requireTargets && anyMissed(checked) ? GlomersCommand.TARGETS_MISSED : maelstromStatus;
    }

    /**
     * A challenge's targets, ready to check the runs of one node with one set of options: the
     * runs the targets compare with (5c's 5b) are looked up once, before the runs, in the results
     * folder the runs go to.
     *
     * @param targets   the challenge's targets; empty for a workload run
     * @param baselines the run each challenge id in a target's {@link #than} names, when there is one
     */
    record Checker(List<ChallengeTarget> targets, Map<String, Baseline> baselines) {
        static final Checker NONE = new Checker(List.of(), Map.of());

        /** For runs of {@code challenge} (null: a workload run, no targets) by {@code node} with {@code options}. */
        static Checker forRuns(Challenge challenge, Path resultsParent, RunNode node, RunOptions options) {
            if (challenge == null) {
                return NONE;
            }
            Map<String, Baseline> baselines = new HashMap<>();
            List<String> others = challenge.targets().stream().map(ChallengeTarget::than).filter(Objects::nonNull).distinct().toList();
            if (!others.isEmpty()) {
                List<RunFolders.Recorded> kept = RunFolders.read(List.of(resultsParent)).runs();
                for (String other : others) {
                    RunFolders.baseline(kept, other, RunFolders.NodeId.of(node), ResultsFolder.options(options), null)
                            .ifPresent(b -> baselines.put(other, b));
                }
            }
            return new Checker(challenge.targets(), baselines);
        }

        /** The targets against a finished run; none for an aborted run, which has no figures to judge. */
        List<Checked> check(RunResult result) {
            return result.abortReason() != null ? List.of() : checkAll(targets, result.results(), baselines::get);
        }
    }

    static ArrayNode toJson(List<Checked> checked) {
        ArrayNode json = Json.mapper().createArrayNode();
        checked.forEach(c -> json.add(c.toJson()));
        return json;
    }
}
