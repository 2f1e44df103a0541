package glomers.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.cli.RunFolders.NodeId;
import glomers.harness.cli.RunFolders.Recorded;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glomers progress}: where a node stands, challenge by challenge, from the runs kept in the
 * results folders ({@link RunFolders}). A challenge is passed by a valid run (or a sweep valid on
 * every seed) with the challenge's published parameters, the seed aside, that met every one of its
 * targets ({@link Target}); a run with other parameters is a different test and does not count.
 * For each challenge it shows the newest passing run (else the newest run) with its time, mode,
 * figures and folder, and for a challenge never run, the command that runs it.
 */
@Command(name = "progress", sortOptions = false,
        description = {"Shows which challenges a node has passed, from the runs kept in maelstrom-results.",
                "",
                "Challenge by challenge, in order: the newest run that passed (valid, with the challenge's published "
                        + "parameters, any seed, every target met) with its time, mode, figures and folder; else the newest run "
                        + "and why it did not pass; else the command that runs the challenge. Runs are read from "
                        + "maelstrom-results/runs, maelstrom-results/reference and each --results DIR.",
                "",
                "The node: a module (one section; without MODULE, --bin or --jar, every module, one section each), or a node of "
                        + "your own by its path, as run.json's node records it."},
        footerHeading = "%nExamples:%n",
        footer = {"  glomers progress", "      every module's challenges",
                "  glomers progress broadcast", "      challenges 3a-3e, by the broadcast module",
                "  glomers progress --bin ~/my-node/bin/node", "      every challenge, by that executable"})
final class ProgressCommand implements Callable<Integer> {
    /** Where single runs go by default, and where the kept reference runs are, under the repository root. */
    private static final List<String> DEFAULT_FOLDERS = List.of("maelstrom-results/runs", "maelstrom-results/reference");
    /** Width of a detail line's label. */
    private static final String DETAIL = "        %-8s %s%n";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODULE",
            description = "A module of this project: echo, unique-ids, broadcast, g-counter, kafka-log or txn-rw-register.")
    String module;
    @Option(names = "--bin", paramLabel = "PATH", description = "A node executable, as given to glomers test --bin.")
    Path bin;
    @Option(names = "--jar", paramLabel = "PATH", description = "A node jar of your own, as given to glomers test --jar.")
    Path jar;
    @Option(names = "--results", paramLabel = "DIR", description = "A folder of runs to read as well (glomers test --results DIR "
            + "puts runs there); repeat it for more.")
    List<Path> results = new ArrayList<>();

    @Override
    public Integer call() {
        List<Path> folders = folders();
        List<NodeId> chosen = chosenNode().map(List::of).orElse(null);
        RunFolders.Read read = RunFolders.read(folders);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Runs read from " + folders.stream().map(this::shown).collect(Collectors.joining(", "))
                + ". Passed: a valid run with the challenge's published parameters (any seed) that met every target.");
        List<NodeId> nodes = chosen != null ? chosen : modules(read.runs());
        for (NodeId node : nodes) {
            out.println();
            section(out, node, read.runs());
        }
        if (chosen == null) {
            otherNodes(out, read.runs());
        }
        if (!read.notes().isEmpty()) {
            out.println();
            read.notes().forEach(note -> out.println("Note: " + note));
        }
        return 0;
    }

    // ---- the node and the folders --------------------------------------------------------------

    /** The node given, or empty for every module; a mistake is a usage error. */
    private Optional<NodeId> chosenNode() {
        long given = (module != null ? 1 : 0) + (bin != null ? 1 : 0) + (jar != null ? 1 : 0);
        if (given > 1) {
            throw usage("give one node: MODULE, --bin PATH or --jar PATH", null);
        }
        List<String> modules = Challenge.ALL.stream().map(Challenge::module).distinct().toList();
        if (module != null) {
            if (!modules.contains(module)) {
                throw usage("unknown module \"" + module + "\"; the modules are " + String.join(", ", modules)
                        + ", and a node of your own is --bin PATH or --jar PATH", "glomers progress (every module)");
            }
            return Optional.of(NodeId.module(module));
        }
        if (bin != null) {
            Path absolute = bin.toAbsolutePath().normalize();
            // bin/<module> is the module's launcher: its runs are the module's.
            for (String m : modules) {
                if (TestCommand.sameFile(absolute, GlomersCommand.root().resolve("bin").resolve(m))) {
                    return Optional.of(NodeId.module(m));
                }
            }
            warnIfMissing(absolute, "--bin");
            return Optional.of(new NodeId("bin", absolute.toString()));
        }
        if (jar != null) {
            Path absolute = jar.toAbsolutePath().normalize();
            warnIfMissing(absolute, "--jar");
            return Optional.of(new NodeId("jar", absolute.toString()));
        }
        return Optional.empty();
    }

    /** The runs folder, the references, and each --results folder; a --results that is no folder is a usage error. */
    private List<Path> folders() {
        List<Path> folders = new ArrayList<>();
        DEFAULT_FOLDERS.forEach(f -> folders.add(GlomersCommand.root().resolve(f)));
        for (Path extra : results) {
            if (!Files.isDirectory(extra)) {
                throw usage("--results " + extra + (Files.exists(extra) ? " is a file, not a folder of runs" : " does not exist"),
                        "--results DIR with the folder glomers test --results wrote to");
            }
            folders.add(extra.toAbsolutePath().normalize());
        }
        return folders;
    }

    /** Every module of the project (a folder under the root), and any other module that has runs, in challenge order. */
    private static List<NodeId> modules(List<Recorded> runs) {
        return Challenge.ALL.stream().map(Challenge::module).distinct()
                .filter(m -> Files.isDirectory(GlomersCommand.root().resolve(m))
                        || runs.stream().anyMatch(r -> r.node().equals(NodeId.module(m))))
                .map(NodeId::module).toList();
    }

    /** Without a node named: the nodes of one's own that have runs, and how to see each. */
    private static void otherNodes(PrintWriter out, List<Recorded> runs) {
        Map<NodeId, Long> others = runs.stream().filter(r -> !r.node().kind().equals("module"))
                .collect(Collectors.groupingBy(Recorded::node, LinkedHashMap::new, Collectors.counting()));
        if (!others.isEmpty()) {
            out.println();
            out.println("Nodes of your own with runs:");
            others.forEach((node, count) -> out.printf(Locale.ROOT, "  glomers progress%s    (%d run%s)%n", node.option(), count,
                    count == 1 ? "" : "s"));
        }
    }

    // ---- one node ------------------------------------------------------------------------------

    /**
     * One run or sweep, judged against its challenge.
     *
     * @param why     why it did not pass, or null when it passed
     * @param targets a line per target (a run's {@link ChallengeTarget.Checked#line}, a sweep's tally)
     * @param figures the other figures, e.g. "msgs-per-op 1.23, ok-fraction 1.0000"
     */
    private record Assessed(Recorded run, String why, List<String> targets, String figures) {
        boolean passed() {
            return why == null;
        }
    }

    private void section(PrintWriter out, NodeId node, List<Recorded> all) {
        List<Challenge> challenges = node.kind().equals("module")
                ? Challenge.ALL.stream().filter(c -> c.module().equals(node.key())).toList() : Challenge.ALL;
        List<Runnable> lines = new ArrayList<>();
        int passed = 0;
        for (Challenge c : challenges) {
            JsonNode published = ResultsFolder.options(c.options());
            List<Recorded> ofChallenge = all.stream().filter(r -> r.node().equals(node) && r.challenge().equals(c.id())).toList();
            List<Assessed> counted = ofChallenge.stream().filter(r -> RunFolders.sameOptions(r.options(), published))
                    .map(r -> assess(r, c, all)).toList();
            Optional<Assessed> best = counted.stream().filter(Assessed::passed).reduce((a, b) -> b);
            passed += best.isPresent() ? 1 : 0;
            lines.add(() -> challenge(out, node, c, counted, best, ofChallenge.size() - counted.size()));
        }
        out.printf(Locale.ROOT, "%s: %d of %d challenge%s passed%n", node.describe(), passed, challenges.size(),
                challenges.size() == 1 ? "" : "s");
        lines.forEach(Runnable::run);
    }

    /** A challenge's lines: its status, then the run shown (time, mode, why, targets, figures, folder). */
    private void challenge(PrintWriter out, NodeId node, Challenge c, List<Assessed> counted, Optional<Assessed> best,
                           int otherParameters) {
        String head = String.format(Locale.ROOT, "  %-3s %-48s ", c.id(), c.title());
        if (counted.isEmpty()) {
            out.println(head + "never run   bin/glomers test " + c.id() + node.option());
            if (otherParameters > 0) {
                out.printf(DETAIL, "", otherParameters + " run" + (otherParameters == 1 ? "" : "s")
                        + " with other parameters, not counted: a pass needs the published ones");
            }
            return;
        }
        Assessed shown = best.orElse(counted.get(counted.size() - 1));
        long passes = counted.stream().filter(Assessed::passed).count();
        out.printf(Locale.ROOT, "%s%-11s %s (%d of %d run%s passed)%n", head, shown.passed() ? "passed" : "not passed",
                describe(shown.run()), passes, counted.size(), counted.size() == 1 ? "" : "s");
        if (!shown.passed()) {
            out.printf(DETAIL, "why", shown.why());
        }
        shown.targets().forEach(t -> out.printf(DETAIL, "target", t));
        if (!shown.figures().isEmpty()) {
            out.printf(DETAIL, "figures", shown.figures());
        }
        out.printf(DETAIL, "folder", shown(shown.run().folder()));
        // A newer run of the same node with the same words that did not pass: a step back, or work in progress.
        Assessed newest = counted.stream().filter(a -> a.run().nodeWords().equals(shown.run().nodeWords()))
                .reduce((a, b) -> b).orElseThrow();
        if (shown.passed() && !newest.passed()) {
            out.printf(DETAIL, "since", "the newest run did not pass: " + describe(newest.run()) + ": " + newest.why());
            out.printf(DETAIL, "", shown(newest.run().folder()));
        }
    }

    /** "2026-11-30 11:58:18 UTC, sim, seed 1, fanout". */
    private static String describe(Recorded r) {
        return r.when() + ", " + r.mode() + ", " + r.seeds() + (r.nodeWords().isEmpty() ? "" : ", " + r.nodeWords());
    }

    /** A run or sweep judged: its verdict, its targets (5c's against the same node's 5b run before it), its figures. */
    private static Assessed assess(Recorded r, Challenge c, List<Recorded> all) {
        return r.sweep() != null ? assessSweep(r, c) : assessRun(r, c, all);
    }

    private static Assessed assessRun(Recorded r, Challenge c, List<Recorded> all) {
        JsonNode results = r.results();
        List<ChallengeTarget.Checked> checked = ChallengeTarget.checkAll(c.targets(), results, other ->
                RunFolders.baseline(all, other, r.node(), r.options(), r.stamp()).orElse(null));
        String why = null;
        if (!r.verdict().equals("valid")) {
            why = r.verdict() + failedCheckers(results);
        } else if (ChallengeTarget.anyMissed(checked)) {
            why = "valid, but missed " + checked.stream().filter(ChallengeTarget.Checked::missed).map(ChallengeTarget.Checked::comparison)
                    .collect(Collectors.joining("; "));
        } else if (!ChallengeTarget.allMet(checked)) {
            why = "valid, but there is no earlier valid run of "
                    + checked.stream().filter(t -> t.met() == null).map(t -> t.target().than()).distinct().collect(Collectors.joining(", "))
                    + " by this node with the same parameters to compare with";
        }
        List<ChallengeTarget.Figure> judged = c.targets().stream().map(ChallengeTarget::figure).toList();
        String figures = Arrays.stream(ChallengeTarget.Figure.values()).filter(f -> !judged.contains(f) && f.in(results) != null)
                .map(f -> f.key + " " + f.show(f.in(results))).collect(Collectors.joining(", "));
        return new Assessed(r, why, checked.stream().map(ChallengeTarget.Checked::line).toList(), figures);
    }

    /** A sweep passes when every seed is valid and met every target (sweep.json's {@code targets}, from 2026-12 on). */
    private static Assessed assessSweep(Recorded r, Challenge c) {
        JsonNode sweep = r.sweep();
        long seeds = sweep.path("seed-count").asLong();
        List<String> lines = new ArrayList<>();
        boolean allMet = true;
        JsonNode tallies = sweep.path("targets");
        for (JsonNode t : tallies) {
            long met = t.path("met-count").asLong();
            allMet &= met == seeds;
            lines.add(t.path("name").asText() + " " + t.path("comparison").asText() + " " + t.path("limit").asText()
                    + ": met on " + met + " of " + seeds + " seeds");
        }
        String why = null;
        if (!r.verdict().equals("valid")) {
            why = r.verdict() + " on " + (seeds - sweep.path("valid-count").asLong()) + " of " + seeds + " seeds";
        } else if (!c.targets().isEmpty() && tallies.size() != c.targets().size()) {
            why = "valid on every seed, but this sweep.json is older than the targets: run the sweep again";
        } else if (!allMet) {
            why = "valid on every seed, but not every seed met every target";
        }
        String figures = Arrays.stream(ChallengeTarget.Figure.values())
                .filter(f -> sweep.at("/spread/" + f.key + "/median").isNumber())
                .map(f -> f.key + " " + f.show(sweep.at("/spread/" + f.key + "/median").asDouble()))
                .collect(Collectors.joining(", "));
        return new Assessed(r, why, lines, figures.isEmpty() ? "" : "medians over the seeds: " + figures);
    }

    /** ": workload, availability failed" from results.json, or "" when it names none. */
    private static String failedCheckers(JsonNode results) {
        if (results == null) {
            return "";
        }
        List<String> failed = new ArrayList<>();
        results.properties().forEach(e -> {
            JsonNode valid = e.getValue().path("valid?");
            if (e.getValue().isObject() && !valid.isMissingNode() && !valid.asText().equals("true")) {
                failed.add(e.getKey());
            }
        });
        return failed.isEmpty() ? "" : ": " + String.join(", ", failed) + " failed";
    }

    // ---- small things --------------------------------------------------------------------------

    /** A folder as the user can find it: relative to the repository root when it is inside. */
    private String shown(Path folder) {
        Path root = GlomersCommand.root();
        Path absolute = folder.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    private void warnIfMissing(Path path, String option) {
        if (!Files.exists(path)) {
            spec.commandLine().getErr().println("glomers: warning: " + option + " " + path + " does not exist; its runs are shown "
                    + "if any are kept");
        }
    }

    private UsageError usage(String message, String tryInstead) {
        return new UsageError(spec.commandLine(), message, tryInstead);
    }
}
