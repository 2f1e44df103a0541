package glomers.harness.cli;

import glomers.harness.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code glomers report FOLDER…}: makes run folders' plots and pages again from their files, with
 * the same {@link RunReport#write} that {@code glomers test} uses, so older folders (kept
 * references, runs from before the pages) get pages too. Every folder is checked before any is
 * written; a folder that is not a run's is a usage error (exit 254) saying what it is.
 */
@Command(name = "report", sortOptions = false,
        description = {"Makes run folders' plots and pages again from their files (run.json, results.json, history.jsonl): "
                + "index.html, timeline.html and the latency and rate plots.",
                "",
                "A folder without history.jsonl (kept reference runs leave it out) gets its index.html; the plots and timeline "
                        + "it already has stay as they are."},
        footerHeading = "%nExamples:%n",
        footer = {"  glomers report maelstrom-results/runs/latest-3d",
                "  glomers report maelstrom-results/reference/*-3e-batch-sim-seed1"})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FOLDER", description = "A run folder: one with run.json or results.json.")
    List<Path> folders = new ArrayList<>();

    @Override
    public Integer call() {
        for (Path folder : folders) {
            check(folder);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = 0;
        for (Path folder : folders) {
            try {
                RunReport.Written written = RunReport.write(folder);
                out.println(written.index() + " (" + written.files().size() + " files written)");
            } catch (IOException | UncheckedIOException e) {
                err.println("glomers: cannot make the pages of " + folder + ": " + e.getMessage());
                status = GlomersCommand.BROKE;
            }
        }
        return status;
    }

    /** A folder that is no run folder is a usage error that says what it is. */
    private void check(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw usage(folder + (Files.exists(folder) ? " is a file, not a run folder" : " does not exist"),
                    "glomers report maelstrom-results/runs/latest (the newest run)");
        }
        boolean run = Files.exists(folder.resolve("run.json"));
        if (run && Files.isDirectory(folder.resolve("store"))) {
            throw usage(folder + " is a --maelstrom run: Maelstrom drew its own plots and timeline, in " + folder.resolve("store"),
                    "open " + folder.resolve("store/latest"));
        }
        if (!run && Files.exists(folder.resolve("sweep.json"))) {
            throw usage(folder + " is a sweep's folder (sweep.json); its kept seeds' run folders are inside it, with their pages",
                    "glomers report " + folder + "/<run folder>");
        }
        if (!run && !Files.exists(folder.resolve("results.json"))) {
            throw usage(folder + " is no run folder: it has neither run.json nor results.json",
                    "glomers report maelstrom-results/runs/latest (the newest run)");
        }
    }

    private UsageError usage(String message, String tryInstead) {
        return new UsageError(spec.commandLine(), message, tryInstead);
    }
}
