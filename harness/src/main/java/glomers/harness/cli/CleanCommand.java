package glomers.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glomers clean}: keeps the results folder from growing without end. Run folders (and
 * sweep folders) are grouped by the challenge or workload their name starts with
 * ({@link ResultsFolder#groupOf}); the newest {@code --keep} of each group stay, and so does every
 * folder a {@link Latest} pointer names. Nothing else in the folder is touched: not a name
 * without a run's time stamp, not {@code reference/}, which the command refuses outright.
 */
@Command(name = "clean", sortOptions = false,
        description = {"Deletes old run folders from maelstrom-results/runs, keeping the newest of each challenge.",
                "",
                "Folders are grouped by the challenge (or workload) their name starts with; the newest --keep of each stay, and "
                        + "so does every folder a latest pointer names. maelstrom-results/reference is never touched."},
        footerHeading = "%nExamples:%n",
        footer = {"  glomers clean --dry-run", "      lists what would go, deleting nothing",
                "  glomers clean --keep 3", "      keeps the three newest runs of each challenge"})
final class CleanCommand implements Callable<Integer> {
    static final int DEFAULT_KEEP = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--keep", paramLabel = "N",
            description = "Run folders kept per challenge (or workload), newest first; at least 1. Default: " + DEFAULT_KEEP + ".")
    int keep = DEFAULT_KEEP;
    @Option(names = "--dry-run", description = "Lists the folders that would go, and deletes nothing.")
    boolean dryRun;
    @Option(names = "--results", paramLabel = "DIR", description = "The folder of runs to clean. Default: maelstrom-results/runs.")
    Path results;

    @Override
    public Integer call() throws IOException {
        if (keep < 1) {
            throw usage("--keep must be at least 1: the newest run of each challenge stays, and latest-<challenge> points at it",
                    "glomers clean --keep 1");
        }
        Path runs = results != null ? results : GlomersCommand.root().resolve("maelstrom-results/runs");
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(runs) && results == null) {
            out.println("Nothing to clean: " + runs + " does not exist.");
            return 0;
        }
        if (!Files.isDirectory(runs)) {
            throw usage("--results " + runs + (Files.exists(runs) ? " is a file, not a folder of runs" : " does not exist"), null);
        }
        Path reference = GlomersCommand.root().resolve("maelstrom-results/reference");
        if (Files.exists(reference) && runs.toRealPath().startsWith(reference.toRealPath())) {
            throw usage("glomers clean never touches " + reference + ": those runs are kept on purpose",
                    "glomers clean (it cleans maelstrom-results/runs)");
        }

        Map<String, List<Path>> groups = new TreeMap<>();
        Set<Path> pointedAt = new HashSet<>();
        try (Stream<Path> entries = Files.list(runs)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (Latest.isPointer(name)) {
                    Latest.resolve(runs, name).ifPresent(target -> pointedAt.add(target.getFileName()));
                    continue;
                }
                Optional<String> group = ResultsFolder.groupOf(name);
                if (group.isPresent() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    groups.computeIfAbsent(group.get(), g -> new ArrayList<>()).add(entry);
                }
            }
        }
        List<Path> doomed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        groups.forEach((group, folders) -> {
            folders.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()); // time stamps sort
            List<Path> old = folders.subList(Math.min(keep, folders.size()), folders.size());
            old.stream().filter(p -> !pointedAt.contains(p.getFileName())).forEach(doomed::add);
            kept.add(group + ": " + (folders.size() - old.size() + old.stream().filter(p -> pointedAt.contains(p.getFileName())).count()));
        });

        long bytes = 0;
        int failed = 0;
        for (Path folder : doomed) {
            long size = size(folder);
            if (dryRun) {
                out.printf(Locale.ROOT, "would remove %s (%s)%n", folder.getFileName(), megabytes(size));
                bytes += size;
                continue;
            }
            try {
                deleteTree(folder);
                out.printf(Locale.ROOT, "removed %s (%s)%n", folder.getFileName(), megabytes(size));
                bytes += size;
            } catch (IOException e) {
                spec.commandLine().getErr().println("glomers: cannot remove " + folder + ": " + e.getMessage());
                failed++;
            }
        }
        out.printf(Locale.ROOT, "%s %d folders (%s) from %s; kept per challenge: %s%n", dryRun ? "Would remove" : "Removed",
                doomed.size() - failed, megabytes(bytes), runs, kept.isEmpty() ? "none" : String.join(", ", kept));
        return failed == 0 ? 0 : GlomersCommand.BROKE;
    }

    private UsageError usage(String message, String tryInstead) {
        return new UsageError(spec.commandLine(), message, tryInstead);
    }

    private static long size(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** Deletes a folder and everything in it; links inside are removed, never followed. */
    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
