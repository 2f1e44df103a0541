package glomers.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.history.History;
import glomers.harness.history.HistoryFile;
import glomers.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run folder's pages and plots, made from its files alone: the one entry point that
 * {@code glomers test} (for each folder it keeps) and {@code glomers report FOLDER} (for any
 * folder, old ones included) both call.
 * <pre>
 *   reads   run.json, results.json, history.jsonl (and journal.jsonl.gz, for the message diagram)
 *   writes  latency-raw.png, latency-quantiles.png, rate.png   ({@link RunPlots})
 *           timeline.html                                       ({@link TimelinePage})
 *           messages.html, when the folder has a journal        ({@link MessageDiagram})
 *           index.html, last, linking what is there             ({@link IndexPage})
 * </pre>
 * Without history.jsonl (kept reference runs leave it out) the plots and the timeline are not
 * drawn again: those already in the folder stay, and index.html says so.
 */
public final class RunReport {
    /** The message diagram's page, written from the network journal ({@link MessageDiagram}). */
    public static final String MESSAGES = MessageDiagram.FILE_NAME;

    private RunReport() {
    }

    /** What was written: index.html, and every file made (index.html last). */
    public record Written(Path index, List<Path> files) {
    }

    /**
     * Makes the folder's pages and plots again from its files.
     *
     * @throws IOException when a file cannot be read (history.jsonl's message names the bad line) or written
     */
    public static Written write(Path folder) throws IOException {
        Path historyFile = folder.resolve("history.jsonl");
        return write(folder, Files.exists(historyFile) ? HistoryFile.read(historyFile) : null);
    }

    /**
     * As {@link #write(Path)}, for a folder just written whose history is still at hand: the same
     * pages, without reading history.jsonl back ({@code history} must be what it holds; null when
     * the folder has none).
     */
    public static Written write(Path folder, History history) throws IOException {
        JsonNode run = readJson(folder.resolve("run.json"));
        JsonNode results = readJson(folder.resolve("results.json"));
        String title = title(folder);
        List<Path> files = new ArrayList<>();
        List<RunPlots.Plot> plots = null;
        if (history != null) {
            plots = RunPlots.of(title, history);
            files.addAll(RunPlots.write(folder, plots));
            files.add(TimelinePage.write(folder, title, history));
        }

        Path messages = MessageDiagram.writeInto(folder); // from the journal, when the run kept one
        if (messages != null) {
            files.add(messages);
        }

        Path index = IndexPage.write(folder, title, run, results, new IndexPage.Parts(plots, history != null));
        files.add(index);
        return new Written(index, files);
    }

    /** The folder's name without its time stamp: {@code 3e-batch-sim-seed1}. */
    static String title(Path folder) {
        Path real;
        try {
            real = folder.toRealPath(); // runs/latest-3d names the folder it points at
        } catch (IOException e) {
            real = folder.toAbsolutePath().normalize();
        }
        String name = real.getFileName().toString();
        return name.replaceFirst("^\\d{8}T\\d{6}(\\.\\d+)?Z-", "");
    }

    /** The JSON object in {@code file}, or an empty object when there is no such file. */
    private static JsonNode readJson(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Json.mapper().createObjectNode();
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (node == null || !node.isObject()) {
            throw new IOException(file + " is not a JSON object");
        }
        return node;
    }
}
