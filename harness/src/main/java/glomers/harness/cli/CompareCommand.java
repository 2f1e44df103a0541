package glomers.harness.cli;

import glomers.harness.report.ComparePage;
import glomers.harness.report.CompareTable;
import glomers.harness.report.RunRecord;
import glomers.harness.workload.Workloads;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glomers compare}: sets runs side by side, the bench's and the real Maelstrom's. It reads
 * each run with {@link RunRecord}, prints one table ({@link CompareTable}) and writes one page
 * ({@link ComparePage}). Exit status: 0 compared, 1 no run matched, 254 a mistake on the command
 * line (one line and "Try: …").
 */
@Command(name = "compare", sortOptions = false,
        description = {
                "Sets runs side by side: the bench's (sim, process), sweeps (a row per seed) and the real Maelstrom's "
                        + "(a store folder with results.edn). Prints one table and writes one HTML page with the table, the runs' "
                        + "latency plots side by side, servers msgs-per-op against stable latency with the challenge's limits, "
                        + "and each figure's spread over several seeds of one configuration.",
                "",
                "Exit status: 0 compared, 1 no run matched, 254 bad arguments.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  glomers compare --challenge 3d",
                "      every 3d run in maelstrom-results/runs and maelstrom-results/reference",
                "  glomers compare ~/maelstrom/store/latest maelstrom-results/runs/<run>",
                "      the real Maelstrom's last run beside a bench run",
                "  glomers compare --challenge 3e --nemesis partition --last 5 --html 3e.html",
                "      the five newest partitioned 3e runs, the page written to 3e.html"})
final class CompareCommand implements Callable<Integer> {
    /** Where runs are found when no folder is given, under the repository root. */
    static final List<String> DEFAULT_ROOTS = List.of("maelstrom-results/runs", "maelstrom-results/reference");
    /** Where the page goes when --html is not given, under the repository root. */
    static final String PAGES = "maelstrom-results/compare";
    private static final List<String> MODES = List.of("real", "sim", "process");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FOLDER", description = "A run folder: the bench's, a sweep's, or the real Maelstrom's "
            + "(store/latest, or any folder with its results.edn). A folder of run folders stands for all of them. "
            + "Default: every run in " + "maelstrom-results/runs and maelstrom-results/reference.")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--challenge", paramLabel = "C", description = "Only this challenge's runs (1, 2, 3a … 6c), or a workload's. "
            + "A real Maelstrom folder whose name does not say its challenge is taken to be C's when its workload is C's.")
    String challenge;
    @Option(names = "--node", paramLabel = "N", description = "Only runs of this node: a module (broadcast) or a --bin's name.")
    String node;
    @Option(names = "--strategy", paramLabel = "S", description = "Only runs whose node arguments are S (batch); none for runs "
            + "without arguments.")
    String strategy;
    @Option(names = "--mode", paramLabel = "M", description = "Only runs in this mode: real (the real Maelstrom; maelstrom "
            + "means the same), sim or process.")
    String mode;
    @Option(names = "--nemesis", paramLabel = "N", description = "Only runs with partitions (partition) or without (none).")
    String nemesis;
    @Option(names = "--last", paramLabel = "K", description = "Only the K newest of the runs chosen.")
    Integer last;
    @Option(names = "--html", paramLabel = "FILE", description = "Where to write the page. Default: a new file in " + PAGES + ".")
    Path html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Predicate<RunRecord>> filters = filters();
        if (last != null && last < 1) {
            throw usage("--last must be at least 1", null);
        }
        Path page = page();
        boolean given = !folders.isEmpty();
        List<Path> roots = given ? folders : DEFAULT_ROOTS.stream().map(GlomersCommand.root()::resolve).filter(Files::isDirectory).toList();
        List<Path> runFolders = runFolders(roots, given);

        List<RunRecord> all = new ArrayList<>();
        for (Path folder : runFolders) {
            try {
                all.addAll(RunRecord.read(folder, challenge));
            } catch (IOException | RuntimeException e) {
                err.println("glomers: skipped " + folder + ": " + e.getMessage());
            }
        }
        List<RunRecord> chosen = all.stream().filter(filters.stream().reduce(r -> true, Predicate::and)).toList();
        if (chosen.isEmpty()) {
            tellNothingMatched(err, all, roots, given);
            return 1;
        }
        if (last != null || !given) {
            chosen = chosen.stream().sorted(Comparator.comparing(RunRecord::time)).toList();
        }
        if (last != null) {
            chosen = chosen.subList(Math.max(0, chosen.size() - last), chosen.size());
        }
        chosen = chosen.stream().map(r -> withOperationLatencies(r, err)).toList();

        CompareTable.lines(chosen).forEach(out::println);
        CompareTable.LEGEND.forEach(out::println);
        List<String> notes = ComparePage.notes(chosen);
        if (!notes.isEmpty()) {
            out.println("worked out, not recorded:");
            notes.forEach(note -> out.println("  " + note));
        }
        chosen.stream().map(RunRecord::challenge).distinct().map(c -> c == null ? null : Challenge.find(c).orElse(null))
                .filter(c -> c != null && !c.targets().isEmpty())
                .forEach(c -> out.printf("targets %s: %s%n", c.id(),
                        String.join(", ", c.targets().stream().map(ChallengeTarget::describe).toList())));
        try {
            ComparePage.write(page, chosen, commandLine());
            out.println("page " + page);
        } catch (IOException | UncheckedIOException e) {
            err.println("glomers: the page was not written: " + e.getMessage());
            return GlomersCommand.BROKE;
        }
        return 0;
    }

    // ---- choosing runs -------------------------------------------------------------------------

    /** The filters the options ask for, each checked here (a bad value is a usage error). */
    private List<Predicate<RunRecord>> filters() {
        List<Predicate<RunRecord>> filters = new ArrayList<>();
        if (challenge != null) {
            boolean isWorkload = TestCommand.isWorkload(challenge);
            if (Challenge.find(challenge).isEmpty() && !isWorkload) {
                throw usage("--challenge takes a challenge (" + Challenge.ids() + ") or a workload ("
                        + String.join(", ", Workloads.names()) + "), not \"" + challenge + "\"", "glomers compare --challenge 3d");
            }
            String wanted = Challenge.find(challenge).map(Challenge::id).orElse(challenge);
            filters.add(r -> wanted.equalsIgnoreCase(r.challenge()) || isWorkload && wanted.equals(r.workload()));
        }
        if (node != null) {
            filters.add(r -> node.equalsIgnoreCase(r.node()));
        }
        if (strategy != null) {
            filters.add(strategy.equalsIgnoreCase("none") ? r -> r.strategy() == null : r -> strategy.equals(r.strategy()));
        }
        if (mode != null) {
            String wanted = mode.toLowerCase(Locale.ROOT).equals("maelstrom") ? "real" : mode.toLowerCase(Locale.ROOT);
            if (!MODES.contains(wanted)) {
                throw usage("--mode takes real, sim or process, not \"" + mode + "\"", "glomers compare --mode real");
            }
            filters.add(r -> wanted.equals(r.mode()));
        }
        if (nemesis != null) {
            String wanted = nemesis.toLowerCase(Locale.ROOT);
            if (!wanted.equals("partition") && !wanted.equals("none")) {
                throw usage("--nemesis takes partition or none, not \"" + nemesis + "\"", "glomers compare --nemesis partition");
            }
            filters.add(r -> wanted.equals(r.nemesis()));
        }
        return filters;
    }

    /**
     * The run folders under {@code roots}: a run folder is itself, a folder of run folders is its
     * run folders (by name). A folder named on the command line that is neither is a usage error;
     * the same run reached twice (store/latest and store/current) counts once.
     */
    private List<Path> runFolders(List<Path> roots, boolean given) {
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            if (given && !Files.exists(root)) {
                throw usage(root + " does not exist", "glomers compare " + DEFAULT_ROOTS.get(0) + " (every run there)");
            }
            List<Path> inside = RunRecord.isRunFolder(root) ? List.of(root) : children(root);
            if (given && inside.isEmpty()) {
                throw usage(root + " is not a run folder: neither it nor the folders in it hold run.json, results.json, "
                        + "results.edn or sweep.json", "glomers compare " + DEFAULT_ROOTS.get(0) + " (every run there)");
            }
            for (Path folder : inside) {
                if (seen.add(realPath(folder))) {
                    found.add(folder);
                }
            }
        }
        return found;
    }

    private static List<Path> children(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.filter(RunRecord::isRunFolder).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder.toAbsolutePath().normalize();
        }
    }

    private static RunRecord withOperationLatencies(RunRecord run, PrintWriter err) {
        try {
            return run.withOperationLatencies();
        } catch (IOException | RuntimeException e) {
            err.println("glomers: no operation latencies for " + run.folder() + ": " + e.getMessage());
            return run;
        }
    }

    /** Says that nothing matched, and what the runs looked at have, so the next try can match. */
    private void tellNothingMatched(PrintWriter err, List<RunRecord> all, List<Path> roots, boolean given) {
        String where = roots.stream().map(Path::toString).collect(Collectors.joining(", "));
        if (all.isEmpty()) {
            err.println("glomers: no runs to compare in " + (where.isEmpty() ? String.join(", ", DEFAULT_ROOTS) : where)
                    + (given ? "" : "; glomers test 3d (say) makes one"));
            return;
        }
        List<String> options = spec.commandLine().getParseResult().matchedOptions().stream()
                .filter(o -> !o.longestName().equals("--html"))
                .map(o -> o.longestName() + " " + o.originalStringValues().get(0)).toList();
        err.println("glomers: no run matches " + String.join(" ", options) + " among the " + all.size() + " runs in " + where);
        err.println("  those runs have: challenges " + values(all, RunRecord::challenge) + "; nodes " + values(all, RunRecord::node)
                + "; strategies " + values(all, RunRecord::strategy) + "; modes " + values(all, RunRecord::mode)
                + "; nemesis " + values(all, RunRecord::nemesis));
    }

    private static String values(List<RunRecord> runs, Function<RunRecord, String> field) {
        Set<String> values = new TreeSet<>();
        runs.forEach(r -> values.add(field.apply(r) == null ? "none" : field.apply(r)));
        return String.join(", ", values);
    }

    // ---- the page ------------------------------------------------------------------------------

    /** --html's file, or a new one under maelstrom-results/compare; its folder must be writable. */
    private Path page() {
        Path file = html != null ? html.toAbsolutePath().normalize()
                : GlomersCommand.root().resolve(PAGES).resolve(ResultsFolder.name("compare.html"));
        if (Files.isDirectory(file)) {
            throw usage("--html " + html + " is a folder; give a file name", "--html " + file.resolve("compare.html"));
        }
        try {
            ResultsFolder.prepare(file.getParent());
        } catch (IllegalArgumentException e) {
            throw usage("--html: " + e.getMessage(), "--html FILE in a folder you can write to");
        }
        return file;
    }

    /** This command as typed, for the page: the words after {@code compare}. */
    private String commandLine() {
        List<String> words = spec.commandLine().getParseResult().originalArgs();
        List<String> own = words.subList(words.indexOf(spec.name()) + 1, words.size());
        return Stream.concat(Stream.of("bin/glomers", spec.name()), own.stream().map(TestCommand::shellWord))
                .collect(Collectors.joining(" "));
    }

    private UsageError usage(String message, String tryInstead) {
        return new UsageError(spec.commandLine(), message, tryInstead);
    }
}
