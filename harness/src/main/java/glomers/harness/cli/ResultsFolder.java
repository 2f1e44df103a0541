package glomers.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.Op;
import glomers.harness.nemesis.PartitionCount;
import glomers.harness.net.Journal;
import glomers.harness.report.MessageDiagram;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunOptions.KeyOptions;
import glomers.harness.run.RunResult;
import glomers.runtime.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One folder per run, so runs can be compared later:
 * <pre>
 *   run.json        what ran: challenge, options (see {@link #options}), seed, mode, verdict, exit status,
 *                   partitions started and effective, timings
 *   results.json    every checker's result (results.edn's content, as JSON)
 *   history.jsonl   every operation, one JSON object per line
 *   journal.jsonl.gz every message sent and received ({@link Journal}'s format), when the run was journalled
 *   messages.html   the journal as a Lamport diagram ({@link MessageDiagram})
 *   node-logs/      each node's log
 * </pre>
 * A single run's folder is {@linkplain #create created} before the run starts, so that its journal
 * goes straight into it, and {@linkplain #write filled} when the run is over.
 */
final class ResultsFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    /** A new run folder's name: the time now (UTC, to the millisecond), then {@code rest}; they sort by time. */
    static String name(String rest) {
        return STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + rest;
    }

    private ResultsFolder() {
    }

    /**
     * Makes sure run folders can be written under {@code parent} before a run starts: creates it
     * if missing. Throws IllegalArgumentException saying why not (a file, not creatable, not
     * writable), so no run's verdict is lost to a results folder that cannot be written.
     */
    static Path prepare(Path parent) {
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(parent + " is a file, not a folder");
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create " + parent + " (" + reason(e) + ")");
        }
        if (!Files.isWritable(parent)) {
            throw new IllegalArgumentException("cannot write into " + parent + " (permission denied)");
        }
        return parent;
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.toString();
    }

    /**
     * A run's options as run.json and sweep.json keep them: keyed by the command line's option
     * names, as Maelstrom's (kebab-case: {@code time-limit}, {@code key-count}), each with the
     * value one would type, units as the option takes them (seconds, milliseconds). The nodes are
     * given both as {@code node-count} and as their names ({@code nodes}).
     */
    static ObjectNode options(RunOptions o) {
        KeyOptions keys = o.txn();
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("workload", o.workload());
        json.put("node-count", o.nodeCount());
        json.set("nodes", Json.tree(o.nodes()));
        json.put("time-limit", o.timeLimitSeconds());
        json.put("rate", o.rate());
        json.put("concurrency", o.concurrency());
        json.put("latency", o.latencyMillis());
        json.put("latency-dist", o.latencyDist().toString());
        json.put("nemesis", o.partitions() ? "partition" : "none");
        json.put("nemesis-interval", o.nemesisIntervalSeconds());
        if (o.availability() == null) {
            json.putNull("availability");
        } else if (o.availability() == 1.0) {
            json.put("availability", "total");
        } else {
            json.put("availability", o.availability());
        }
        json.put("topology", o.topology());
        json.put("key-count", keys.keyCount());
        json.put("max-txn-length", keys.maxTxnLength());
        json.put("max-writes-per-key", keys.maxWritesPerKey());
        json.set("consistency-models", Json.tree(keys.consistencyModels()));
        json.put("kafka-assign-every", keys.kafkaAssignOneIn());
        json.put("judge-node-order", keys.judgeNodeOrder());
        json.put("seed", o.seed());
        return json;
    }

    /**
     * Creates the folder of a run about to start under {@code parent}:
     * {@code <time>-<what>-<mode>-seed<N>}. Throws UncheckedIOException if it cannot.
     */
    static Path create(Path parent, String what, String mode, long seed) {
        Path folder = parent.resolve(name(what + "-" + mode + "-seed" + seed));
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + folder, e);
        }
    }

    /**
     * Runs {@code run} with the network journal written to {@code folder}/{@value Journal#FILE_NAME}
     * as the run goes. A journal that could not be written in full (a full disk) costs the run nothing:
     * the result is returned, and {@code err} says that the file is incomplete.
     */
    static RunResult journalled(Path folder, Function<Journal, RunResult> run, PrintWriter err) {
        Journal journal = Journal.writingTo(folder.resolve(Journal.FILE_NAME));
        try {
            return run.apply(journal);
        } finally {
            try {
                journal.close();
            } catch (UncheckedIOException e) {
                err.println("glomers: warning: " + e.getMessage() + " (" + e.getCause().getMessage() + "); the file is incomplete");
            }
        }
    }

    /** Writes a finished run's files into its folder (made by {@link #create}); returns the folder. */
    static Path write(Path folder, String what, List<String> nodeArgs, RunResult result) {
        try {
            Files.createDirectories(folder.resolve("node-logs"));
            ObjectNode run = Json.mapper().createObjectNode();
            run.put("challenge", what);
            run.set("options", options(result.options()));
            run.put("mode", result.mode());
            run.set("node-args", Json.tree(nodeArgs));
            run.put("seed", result.options().seed());
            run.put("valid?", result.validity() == null ? "aborted" : result.validity().ednName());
            run.put("exit-status", result.exitStatus());
            if (result.abortReason() != null) {
                run.put("abort-reason", result.abortReason());
            }
            PartitionCount partitions = PartitionCount.of(result.history());
            run.put("partitions-started", partitions.started());
            run.put("partitions-effective", partitions.effective());
            run.put("simulated-seconds", result.simulatedNanos() / 1e9);
            run.put("wall-seconds", result.wallMillis() / 1e3);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve("run.json").toFile(), run);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve("results.json").toFile(), result.results());
            try (Writer history = Files.newBufferedWriter(folder.resolve("history.jsonl"), StandardCharsets.UTF_8)) {
                for (Op op : result.history().ops()) {
                    history.write(op.toJson().toString());
                    history.write('\n');
                }
            }
            for (Map.Entry<String, List<String>> log : result.nodeLogs().entrySet()) {
                Files.write(folder.resolve("node-logs").resolve(log.getKey() + ".log"), log.getValue(), StandardCharsets.UTF_8);
            }
            MessageDiagram.writeInto(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's results to " + folder, e);
        }
        return folder;
    }
}
