package glomers.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.run.RunOptions;
import glomers.harness.run.Sweep;
import glomers.harness.run.Sweep.SeedResult;
import glomers.runtime.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What a sweep prints last: how many seeds are valid, each figure's min / median / max over the
 * seeds, each of the challenge's targets with the seeds that met it, the seeds whose partitions
 * never took effect, and each failing seed with why and the command that replays it (the first
 * {@value ManySeeds#MAX_LISTED}; sweep.json has every seed).
 */
final class SweepSummary {
    /** Width of the label column. */
    private static final String LABEL = "%-22s";

    private SweepSummary() {
    }

    /**
     * A figure each seed has, as the summary and sweep.json show it.
     *
     * @param key    its key in sweep.json
     * @param label  its label in the summary
     * @param format one value, for the summary
     * @param unit   after the three values, e.g. " ms"
     * @param value  the figure, NaN where a run does not have it
     */
    record Figure(String key, String label, String format, String unit, ToDoubleFunction<SeedResult> value) {
    }

    /** The figures of a sweep with these options: partitions only when the nemesis runs. */
    static List<Figure> figures(RunOptions options) {
        List<Figure> figures = new ArrayList<>(List.of(
                new Figure("msgs-per-op", "servers msgs-per-op", "%.2f", "", SeedResult::serverMsgsPerOp),
                new Figure("ok-fraction", "availability", "%.4f", "", SeedResult::okFraction),
                new Figure("stable-latency-median", "stable latency median", "%.0f", " ms", SeedResult::stableLatencyMedianMillis),
                new Figure("stable-latency-max", "stable latency max", "%.0f", " ms", SeedResult::stableLatencyMaxMillis),
                new Figure("wall-ms", "wall per run", "%.0f", " ms", r -> r.wallMillis())));
        if (options.partitions()) {
            figures.add(new Figure("partitions-started", "partitions", "%.0f", "",
                    r -> r.partitions() == null ? Double.NaN : r.partitions().started()));
            figures.add(new Figure("partitions-effective", "  that cut a node off", "%.0f", "",
                    r -> r.partitions() == null ? Double.NaN : r.partitions().effective()));
        }
        return figures;
    }

    /**
     * One target over a sweep's seeds.
     *
     * @param limit      the limit as the lines show it ({@link ChallengeTarget.Checked#limitText}), the same on every seed
     * @param met        the seeds that met it
     * @param missed     the seeds that missed it
     * @param undecided  how many seeds had nothing to compare with (5c without a 5b run)
     * @param notJudged  how many seeds were not checked: their run was aborted
     */
    record TargetTally(ChallengeTarget target, String limit, List<Long> met, List<Long> missed, long undecided, long notJudged) {
        /** As sweep.json keeps it: name, comparison, limit, and the counts. */
        ObjectNode toJson() {
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("name", target.figure().key);
            json.put("comparison", target.comparison());
            json.put("limit", limit);
            json.put("met-count", met.size());
            json.put("missed-count", missed.size());
            json.put("undecided-count", undecided);
            json.put("not-judged-count", notJudged);
            return json;
        }

        /** "msgs-per-op < 30: met on 20 of 20 seeds", "…: met on 17 of 20 seeds, missed on 3: 4, 9, 12". */
        String line(int seeds) {
            String head = target.figure().key + " " + target.comparison() + " " + limit + ": ";
            if (undecided == seeds - notJudged && undecided > 0) {
                return head + "no " + target.than() + " run of this node to compare with";
            }
            String line = head + "met on " + met.size() + " of " + seeds + " seeds";
            if (!missed.isEmpty()) {
                line += ", missed on " + missed.size() + ": " + missed.stream().limit(ManySeeds.MAX_LISTED).map(String::valueOf)
                        .collect(Collectors.joining(", ")) + (missed.size() > ManySeeds.MAX_LISTED ? ", …" : "");
            }
            return line + (notJudged > 0 ? " (" + notJudged + " aborted, not judged)" : "");
        }
    }

    /** Each of the sweep's targets, with the seeds that met it and missed it; empty when the run has no targets. */
    static List<TargetTally> tally(List<SeedResult> results, ManySeeds.SeedTargets targets) {
        List<TargetTally> tallies = new ArrayList<>();
        List<ChallengeTarget.Checked> any = results.stream().map(targets::of).filter(c -> !c.isEmpty()).findFirst().orElse(List.of());
        for (int i = 0; i < any.size(); i++) {
            List<Long> met = new ArrayList<>();
            List<Long> missed = new ArrayList<>();
            long undecided = 0;
            long notJudged = 0;
            for (SeedResult r : results) {
                List<ChallengeTarget.Checked> checked = targets.of(r);
                if (checked.isEmpty()) {
                    notJudged++;
                } else if (checked.get(i).met() == null) {
                    undecided++;
                } else {
                    (checked.get(i).met() ? met : missed).add(r.seed());
                }
            }
            tallies.add(new TargetTally(any.get(i).target(), any.get(i).limitText(), met, missed, undecided, notJudged));
        }
        return tallies;
    }

    static void print(PrintWriter out, ManySeeds.Plan plan, List<SeedResult> results, ManySeeds.SeedTargets targets,
                      ManySeeds.FirstFailure firstFailure, long wallMillis, String sweepJson) {
        List<SeedResult> failing = results.stream().filter(targets::failing).toList();
        long invalid = results.stream().filter(r -> !r.valid()).count();
        out.printf(Locale.ROOT, LABEL + "%d of %d seeds valid%s%n", "verdicts", results.size() - invalid, results.size(),
                invalid == 0 ? "" : " (" + counts(results) + ")");
        out.printf(LABEL + "min / median / max%n", "");
        for (Figure figure : figures(plan.options())) {
            double[] spread = Sweep.spread(results, figure.value());
            if (spread != null) {
                out.printf(LABEL + "%s%s%n", figure.label(), Sweep.describeSpread(spread, figure.format()), figure.unit());
            }
        }
        for (TargetTally tally : tally(results, targets)) {
            out.printf(LABEL + "%s%n", "target", tally.line(results.size()));
        }
        if (plan.options().partitions()) {
            List<SeedResult> neverCut = results.stream()
                    .filter(r -> r.partitions() != null && r.partitions().effective() == 0).toList();
            if (!neverCut.isEmpty()) {
                out.printf(LABEL + "%d seed%s (partitions on, none cut a node off): %s%n", "never partitioned", neverCut.size(),
                        neverCut.size() == 1 ? "" : "s", seedList(neverCut, r -> null));
            }
        }
        List<SeedResult> uncounted = results.stream().filter(r -> r.uncountedFailures() != null).toList();
        if (!uncounted.isEmpty()) {
            out.printf(LABEL + "failed on %d seed%s, not counted towards the verdict: %s%n", "reported only", uncounted.size(),
                    uncounted.size() == 1 ? "" : "s", seedList(uncounted, SeedResult::uncountedFailures));
        }
        if (!failing.isEmpty()) {
            out.printf(LABEL + "%d%s%n", "failing seeds", failing.size(),
                    failing.size() > ManySeeds.MAX_LISTED ? ", the first " + ManySeeds.MAX_LISTED + " shown" : "");
            for (SeedResult r : failing.subList(0, Math.min(failing.size(), ManySeeds.MAX_LISTED))) {
                out.printf(Locale.ROOT, "  seed %d: %s (%s)%n", r.seed(), targets.outcome(r), targets.why(r));
                out.printf("    %s%n", plan.replayCommand().apply(r.seed()));
            }
            if (failing.size() > ManySeeds.MAX_LISTED) {
                out.printf("  and %d more (every seed is in sweep.json)%n", failing.size() - ManySeeds.MAX_LISTED);
            }
        }
        if (firstFailure != null) {
            boolean same = firstFailure.replayedOutcome().equals(firstFailure.sweepOutcome());
            out.printf(LABEL + "seed %d, replayed: %s%s%n", "first failure", firstFailure.seed(), firstFailure.replayedOutcome(),
                    same ? ", as in the sweep" : ", NOT " + firstFailure.sweepOutcome() + " as in the sweep: the node is not "
                            + "deterministic (does it read the time, draw random numbers or keep state in statics other than "
                            + "through its node?)");
            out.printf(LABEL + "%s%n", "  its run folder", firstFailure.folder());
        }
        out.printf(Locale.ROOT, LABEL + "%.1f s wall, %d seeds, %d at a time%n", "sweep took", wallMillis / 1e3, results.size(),
                plan.threads());
        out.printf(LABEL + "%s%n", "sweep.json", sweepJson);
        long missed = results.stream().filter(targets::missed).count();
        out.println(switch (targets.exitStatus(results)) {
            case 0 -> missed == 0 ? "Every seed looks good! ヽ(‘ー`)ノ"
                    : "Every seed is valid, but " + missed + " of " + results.size() + " missed a target (the exit status stays 0; "
                    + "--require-targets makes it " + GlomersCommand.TARGETS_MISSED + ").";
            case GlomersCommand.TARGETS_MISSED -> missed + " of " + results.size() + " seeds are valid but missed a target "
                    + "(above, with the command that replays each).";
            case 1 -> count(results, "invalid") + " of " + results.size() + " seeds are invalid (above, with the command that replays each).";
            case 255 -> count(results, "aborted") + " of " + results.size() + " seeds were aborted (above, with the command that replays each).";
            default -> "The checkers could not decide (unknown) on " + count(results, "unknown") + " of " + results.size() + " seeds.";
        });
    }

    /** "3 invalid, 1 aborted": the verdicts other than valid, with their counts. */
    private static String counts(List<SeedResult> results) {
        List<String> parts = new ArrayList<>();
        for (String outcome : List.of("invalid", "unknown", "aborted")) {
            long n = count(results, outcome);
            if (n > 0) {
                parts.add(n + " " + outcome);
            }
        }
        return String.join(", ", parts);
    }

    /** How many seeds have this outcome (valid, invalid, unknown or aborted). */
    static long count(List<SeedResult> results, String outcome) {
        return results.stream().filter(r -> r.outcome().equals(outcome)).count();
    }

    /** "4, 9 (G0), …": the first {@value ManySeeds#MAX_LISTED} seeds, each with its note when there is one. */
    private static String seedList(List<SeedResult> seeds, Function<SeedResult, String> note) {
        String listed = seeds.stream().limit(ManySeeds.MAX_LISTED)
                .map(r -> r.seed() + (note.apply(r) == null ? "" : " (" + note.apply(r) + ")"))
                .collect(Collectors.joining(", "));
        return seeds.size() > ManySeeds.MAX_LISTED ? listed + ", and " + (seeds.size() - ManySeeds.MAX_LISTED) + " more" : listed;
    }
}
