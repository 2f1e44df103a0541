package glomers.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.run.Run;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.run.Sweep;
import glomers.harness.run.Sweep.SeedResult;
import glomers.harness.workload.Workloads;
import glomers.runtime.Json;
import glomers.runtime.NodeProgram;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code glomers test … --seeds A..B}: the same run over many seeds with {@link Sweep}, progress on
 * stderr, one summary on stdout ({@link SweepSummary}), and one sweep folder under the results
 * folder:
 * <pre>
 *   &lt;time&gt;-&lt;challenge&gt;[-&lt;node&gt;][-partition]-sim-seeds&lt;A&gt;-&lt;B&gt;/
 *     sweep.json                   the command, the options, the counts, every seed's figures
 *     &lt;time&gt;-…-sim-seed&lt;N&gt;/        the first failing seed's run folder (every seed's with --keep-all)
 * </pre>
 * The first failing seed is run again on its own (a sim run is deterministic) to write its folder,
 * so a sweep holds only figures in memory, and its replay is checked to reach the same verdict.
 * Each seed's run is checked against the challenge's targets as it ends ({@link SeedTargets});
 * with {@code --require-targets} a valid seed that missed one fails too.
 */
final class ManySeeds {
    /** Progress lines on stderr: one each tenth of the seeds. */
    private static final int PROGRESS_STEPS = 10;
    /** Failing seeds named one by one, in the progress and in the summary; the rest are counted (sweep.json has all). */
    static final int MAX_LISTED = 20;

    private ManySeeds() {
    }

    /**
     * What to sweep.
     *
     * @param ran           what runs (its command is left null: each seed's folder gets its replay command)
     * @param options       the run's options; its seed is replaced by each seed in turn
     * @param command       the command as typed, for sweep.json
     * @param replayCommand the command that replays one seed
     * @param targets       the challenge's targets, checked on every seed's run
     */
    record Plan(ResultsFolder.WhatRan ran, RunOptions options, Supplier<NodeProgram> program, long firstSeed,
                long lastSeed, int threads, boolean keepAll, String command, LongFunction<String> replayCommand,
                ChallengeTarget.Checker targets) {
        long seedCount() {
            return lastSeed - firstSeed + 1;
        }

        /** The run folders' name: the challenge, the node, {@code -partition}. */
        String what() {
            return ran.what();
        }

        List<String> nodeArgs() {
            return ran.node().args();
        }
    }

    /**
     * The first failing seed and its run folder.
     *
     * @param sweepOutcome    its outcome in the sweep: invalid, unknown, aborted, or missed (a target, with --require-targets)
     * @param replayedOutcome its outcome when run again; differs only if the node is not deterministic
     * @param folder          its run folder, or why it could not be written
     */
    record FirstFailure(long seed, String sweepOutcome, String replayedOutcome, String folder) {
    }

    /**
     * Each seed's targets, checked as its run ends, and what they make of its verdict: with
     * {@code --require-targets} a valid seed that missed a target fails, its outcome "missed".
     */
    static final class SeedTargets {
        /** Written by the sweep's threads as runs end, before the seed's figures reach the listener's {@code finished}. */
        private final Map<Long, List<ChallengeTarget.Checked>> bySeed = new ConcurrentHashMap<>();
        private final boolean requireTargets;

        SeedTargets(boolean requireTargets) {
            this.requireTargets = requireTargets;
        }

        void put(long seed, List<ChallengeTarget.Checked> checked) {
            bySeed.put(seed, checked);
        }

        /** The seed's targets checked; empty when its run threw, or it has none. */
        List<ChallengeTarget.Checked> of(SeedResult r) {
            return bySeed.getOrDefault(r.seed(), List.of());
        }

        boolean requireTargets() {
            return requireTargets;
        }

        /** A valid seed that missed a target. */
        boolean missed(SeedResult r) {
            return r.valid() && ChallengeTarget.anyMissed(of(r));
        }

        /** Not valid, or (with --require-targets) valid but a target missed. */
        boolean failing(SeedResult r) {
            return !r.valid() || requireTargets && missed(r);
        }

        /** valid, invalid, unknown, aborted, or missed: a failing seed whose only fault is a target. */
        String outcome(SeedResult r) {
            return r.valid() && failing(r) ? "missed" : r.outcome();
        }

        /** Why the seed fails: the targets it missed ("stable-latency-median 438 ms < 400 ms"), or the checkers'. */
        String why(SeedResult r) {
            return outcome(r).equals("missed")
                    ? of(r).stream().filter(ChallengeTarget.Checked::missed).map(ChallengeTarget.Checked::comparison)
                            .collect(Collectors.joining("; "))
                    : r.why();
        }

        /** {@link Sweep#exitStatus}, and {@value GlomersCommand#TARGETS_MISSED} when that is 0 but a failing seed missed a target. */
        int exitStatus(List<SeedResult> results) {
            int status = Sweep.exitStatus(results);
            return status == 0 && results.stream().anyMatch(this::failing) ? GlomersCommand.TARGETS_MISSED : status;
        }
    }

    /** Runs the sweep and reports it; returns the exit status ({@link SeedTargets#exitStatus}). */
    static int run(Plan plan, Path resultsParent, PrintWriter out, PrintWriter err) {
        Path folder = resultsParent.resolve(ResultsFolder.name(plan.what() + "-sim-seeds" + plan.firstSeed() + "-" + plan.lastSeed()));
        err.printf(Locale.ROOT, "glomers: %s, seeds %d..%d, %d at a time%n", ProgressPrinter.describe(plan.options()),
                plan.firstSeed(), plan.lastSeed(), plan.threads());
        SeedTargets targets = new SeedTargets(plan.ran().requireTargets());
        Progress progress = new Progress(err, plan, folder, targets);
        long started = System.nanoTime();
        List<SeedResult> results = Sweep.run(plan.options(), plan.firstSeed(), plan.lastSeed(), plan.program(), plan.threads(),
                progress);
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        FirstFailure firstFailure = results.stream().filter(targets::failing).findFirst()
                .map(r -> keepFirstFailure(plan, r, targets, folder, progress.kept, err)).orElse(null);
        String sweepJson;
        try {
            sweepJson = writeSweepJson(folder, plan, results, targets, firstFailure, progress.kept, wallMillis).toString();
        } catch (UncheckedIOException e) {
            sweepJson = "NOT WRITTEN: " + e.getMessage() + " (" + e.getCause().getMessage() + ")";
        }
        SweepSummary.print(out, plan, results, targets, firstFailure, wallMillis, sweepJson);
        return targets.exitStatus(results);
    }

    /**
     * The first failing seed's folder: kept already with --keep-all, otherwise written from a
     * replay of the seed, with its network journal (the sweep's own runs keep none).
     */
    private static FirstFailure keepFirstFailure(Plan plan, SeedResult failing, SeedTargets targets, Path folder,
                                                 Map<Long, String> kept, PrintWriter err) {
        String outcome = targets.outcome(failing);
        if (kept.containsKey(failing.seed())) {
            return new FirstFailure(failing.seed(), outcome, outcome, kept.get(failing.seed()));
        }
        RunOptions options = plan.options().withSeed(failing.seed());
        RunResult replay;
        Path runFolder;
        try {
            runFolder = ResultsFolder.create(folder, plan.what(), "sim", failing.seed());
            replay = ResultsFolder.journalled(runFolder, journal ->
                    Runs.inProcess(options, Workloads.create(options), plan.program(), Run.RunListener.NONE, journal), err);
        } catch (RuntimeException e) {
            return new FirstFailure(failing.seed(), outcome, "aborted", "NOT WRITTEN: the replay threw " + e);
        }
        List<ChallengeTarget.Checked> replayTargets = plan.targets().check(replay);
        SeedTargets replayed = new SeedTargets(targets.requireTargets());
        replayed.put(failing.seed(), replayTargets);
        return new FirstFailure(failing.seed(), outcome, replayed.outcome(Sweep.summarize(replay)),
                written(() -> ResultsFolder.write(runFolder, ranWithSeed(plan, failing.seed()), replay, replayTargets).folder()));
    }

    /** What ran in one seed of the sweep, with the command that repeats that seed. */
    private static ResultsFolder.WhatRan ranWithSeed(Plan plan, long seed) {
        return new ResultsFolder.WhatRan(plan.what(), plan.ran().challenge(), plan.ran().node(), plan.replayCommand().apply(seed),
                plan.ran().requireTargets());
    }

    /**
     * With --keep-all: a kept seed's run folder under the sweep's folder, pages included (only
     * kept folders get pages: a sweep pays for no others); its path, or "NOT WRITTEN: why".
     */
    private static String writeRunFolder(Path sweepFolder, Plan plan, RunResult result, List<ChallengeTarget.Checked> targets) {
        long seed = result.options().seed();
        return written(() -> ResultsFolder.write(ResultsFolder.create(sweepFolder, plan.what(), "sim", seed),
                ranWithSeed(plan, seed), result, targets).folder());
    }

    /** The path of the run folder {@code write} writes, or why it was not written. */
    private static String written(Supplier<Path> write) {
        try {
            return write.get().toString();
        } catch (UncheckedIOException e) {
            return "NOT WRITTEN: " + e.getMessage() + " (" + e.getCause().getMessage() + ")";
        }
    }

    /**
     * sweep.json: what ran and every seed's figures, keyed in kebab-case; a figure that is not
     * there is null. {@code targets}: each of the challenge's targets with the seeds that met it,
     * missed it, or had nothing to compare with ({@code undecided-count}); each seed's
     * {@code targets} as run.json has them.
     */
    private static Path writeSweepJson(Path folder, Plan plan, List<SeedResult> results, SeedTargets targets,
                                       FirstFailure firstFailure, Map<Long, String> kept, long wallMillis) {
        ObjectNode sweep = Json.mapper().createObjectNode();
        sweep.put("challenge", plan.what());
        sweep.set("node", plan.ran().node().toJson());
        sweep.put("mode", "sim");
        sweep.put("command", plan.command());
        sweep.set("node-args", Json.tree(plan.nodeArgs()));
        ObjectNode options = ResultsFolder.options(plan.options());
        options.remove("seed");
        sweep.set("options", options);
        sweep.put("first-seed", plan.firstSeed());
        sweep.put("last-seed", plan.lastSeed());
        sweep.put("threads", plan.threads());
        sweep.put("seed-count", results.size());
        for (String outcome : List.of("valid", "invalid", "unknown", "aborted")) {
            sweep.put(outcome + "-count", SweepSummary.count(results, outcome));
        }
        sweep.put("exit-status", targets.exitStatus(results));
        sweep.put("require-targets", targets.requireTargets());
        ArrayNode targetCounts = sweep.putArray("targets");
        for (SweepSummary.TargetTally tally : SweepSummary.tally(results, targets)) {
            targetCounts.add(tally.toJson());
        }
        sweep.put("wall-seconds", wallMillis / 1e3);
        ObjectNode spread = sweep.putObject("spread");
        for (SweepSummary.Figure figure : SweepSummary.figures(plan.options())) {
            double[] values = Sweep.spread(results, figure.value());
            if (values != null) {
                spread.putObject(figure.key()).put("min", values[0]).put("median", values[1]).put("max", values[2]);
            }
        }
        if (firstFailure != null) {
            sweep.putObject("first-failure").put("seed", firstFailure.seed()).put("outcome", firstFailure.sweepOutcome())
                    .put("replayed-outcome", firstFailure.replayedOutcome()).put("folder", firstFailure.folder())
                    .put("replay", plan.replayCommand().apply(firstFailure.seed()));
        }
        ArrayNode seeds = sweep.putArray("seeds");
        for (SeedResult r : results) {
            ObjectNode seed = seeds.addObject().put("seed", r.seed()).set("valid?", r.verdict());
            seed.put("why", targets.failing(r) ? targets.why(r) : r.why());
            if (r.abortReason() != null) {
                seed.put("abort-reason", r.abortReason());
            }
            seed.put("uncounted-failures", r.uncountedFailures());
            for (SweepSummary.Figure figure : SweepSummary.figures(plan.options())) {
                double value = figure.value().applyAsDouble(r);
                if (Double.isNaN(value)) {
                    seed.putNull(figure.key());
                } else {
                    seed.put(figure.key(), value);
                }
            }
            seed.set("targets", ChallengeTarget.toJson(targets.of(r)));
            if (targets.failing(r)) {
                seed.put("replay", plan.replayCommand().apply(r.seed()));
            }
            if (kept.containsKey(r.seed())) {
                seed.put("folder", kept.get(r.seed()));
            }
        }
        Path file = folder.resolve("sweep.json");
        try {
            Files.createDirectories(folder);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), sweep);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Progress on stderr: a line each tenth of the seeds, and each failing seed as it is found
     * (the first {@value #MAX_LISTED}); with --keep-all, each run's folder as the run ends.
     */
    private static final class Progress implements Sweep.Listener {
        private final PrintWriter err;
        private final Plan plan;
        private final Path folder;
        private final SeedTargets targets;
        /** With --keep-all: each seed's run folder, or why it was not written. Written by the sweep's threads. */
        final Map<Long, String> kept = new ConcurrentHashMap<>();
        private final AtomicBoolean toldNotWritten = new AtomicBoolean();
        private long failing;
        private long lastStep;

        Progress(PrintWriter err, Plan plan, Path folder, SeedTargets targets) {
            this.err = err;
            this.plan = plan;
            this.folder = folder;
            this.targets = targets;
        }

        @Override
        public void ran(RunResult result) {
            List<ChallengeTarget.Checked> checked = plan.targets().check(result);
            targets.put(result.options().seed(), checked);
            if (plan.keepAll()) {
                String written = writeRunFolder(folder, plan, result, checked);
                kept.put(result.options().seed(), written);
                if (written.startsWith("NOT WRITTEN") && !toldNotWritten.getAndSet(true)) {
                    err.println("glomers: seed " + result.options().seed() + "'s run folder: " + written);
                }
            }
        }

        @Override
        public void finished(SeedResult seed, long done, long total) {
            if (targets.failing(seed)) {
                failing++;
                if (failing <= MAX_LISTED) {
                    err.printf(Locale.ROOT, "  seed %d: %s (%s)%n", seed.seed(), targets.outcome(seed), targets.why(seed));
                }
            }
            long step = done * PROGRESS_STEPS / total;
            if (step > lastStep) {
                lastStep = step;
                err.printf(Locale.ROOT, "  [%d/%d seeds] %d %s, %d not%n", done, total, done - failing,
                        targets.requireTargets() ? "passed" : "valid", failing);
            }
        }
    }
}
