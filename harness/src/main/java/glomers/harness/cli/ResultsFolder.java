package glomers.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import glomers.harness.history.History;
import glomers.harness.history.HistoryFile;
import glomers.harness.nemesis.PartitionCount;
import glomers.harness.net.Journal;
import glomers.harness.report.RunReport;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunOptions.KeyOptions;
import glomers.harness.run.RunResult;
import glomers.harness.workload.Workloads;
import glomers.runtime.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * One folder per run, so runs can be compared later:
 * <pre>
 *   run.json        what ran: challenge, node ({@link RunNode}), the command that repeats it, options
 *                   (see {@link #options}), mode, seed, verdict, exit status, partitions started and
 *                   effective, timings, and where ({@link Provenance}: git revision, Java, cores)
 *   results.json    every checker's result (results.edn's content, as JSON)
 *   history.jsonl   every operation, one JSON object per line ({@link HistoryFile})
 *   journal.jsonl.gz every message sent and received ({@link Journal}'s format), when the run was journalled
 *   messages.html   the journal as a Lamport diagram (made by {@link RunReport})
 *   node-logs/      each node's log
 *   index.html, latency-raw.png, latency-quantiles.png, rate.png, timeline.html
 *                   the pages and plots ({@link RunReport})
 * </pre>
 * A single run's folder is {@linkplain #create created} before the run starts, so that its journal
 * goes straight into it, and {@linkplain #write filled} when the run is over.
 */
final class ResultsFolder {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    /** A new run folder's name: the time now (UTC, to the millisecond), then {@code rest}; they sort by time. */
    static String name(String rest) {
        return STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + rest;
    }

    /** A folder name: its time stamp, as {@link #name} writes it ({@link #STAMP}), then the rest. */
    static final Pattern STAMPED = Pattern.compile("(\\d{8}T\\d{6}\\.\\d{3}Z)-(.+)");

    private ResultsFolder() {
    }

    /**
     * The challenge id or workload a folder's name starts with, after its time stamp (a run's,
     * a sweep's or a --maelstrom run's alike): {@code 3e} for {@code 20261130T…Z-3e-batch-sim-seed1},
     * {@code g-counter} for {@code …-g-counter-sim-seed1}; empty for a name that is no run folder's.
     */
    static Optional<String> groupOf(String folderName) {
        Matcher m = STAMPED.matcher(folderName);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group(2);
        Optional<Challenge> challenge = Challenge.find(rest.split("-", 2)[0]);
        if (challenge.isPresent()) {
            return Optional.of(challenge.get().id());
        }
        return StreamSupport.stream(Workloads.names().spliterator(), false)
                .filter(w -> rest.startsWith(w + "-")).max(Comparator.comparingInt(String::length));
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
     * What ran, besides its result.
     *
     * @param what      the folder name's middle: the challenge (or workload), the node
     *                  ({@link RunNode#folderPart}), {@code -partition} or {@code -healthy}
     * @param challenge the challenge's id, or null for a workload run ({@code glomers test broadcast})
     * @param node      the node that ran
     * @param command   the command that repeats the run: {@code bin/glomers test …}, seed included
     * @param requireTargets whether a missed target makes the exit status {@value GlomersCommand#TARGETS_MISSED}
     */
    record WhatRan(String what, String challenge, RunNode node, String command, boolean requireTargets) {
        /** The name runs are grouped by ({@link Latest}, {@code glomers clean}): the challenge, else the workload. */
        String group(RunOptions options) {
            return challenge != null ? challenge : options.workload();
        }
    }

    /**
     * The folder written, and its page: {@code index.html}'s path, or "NOT WRITTEN: why" (the
     * run's files are there either way).
     */
    record Written(Path folder, String page) {
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

    /**
     * Fills a finished run's folder (made by {@link #create}): run.json (with the challenge's
     * {@code targets}, checked, when the run is a challenge's), results.json, history.jsonl and
     * the node logs, then the pages ({@link RunReport#write}). Throws
     * UncheckedIOException when the run's own files cannot be written; a page that cannot be
     * made is reported in {@link Written#page}.
     */
    static Written write(Path folder, WhatRan ran, RunResult result, List<ChallengeTarget.Checked> targets) {
        try {
            Files.createDirectories(folder.resolve("node-logs"));
            ObjectNode run = Json.mapper().createObjectNode();
            run.put("challenge", ran.challenge());
            run.set("node", ran.node().toJson());
            run.put("command", ran.command());
            run.set("options", options(result.options()));
            run.put("mode", result.mode());
            run.set("node-args", Json.tree(ran.node().args()));
            run.put("seed", result.options().seed());
            run.set("valid?", result.validity() == null ? TextNode.valueOf("aborted") : result.validity().json());
            run.put("exit-status", ChallengeTarget.exitStatus(result.exitStatus(), targets, ran.requireTargets()));
            if (ran.challenge() != null) {
                run.set("targets", ChallengeTarget.toJson(targets));
            }
            if (result.abortReason() != null) {
                run.put("abort-reason", result.abortReason());
            }
            PartitionCount partitions = PartitionCount.of(result.history());
            run.put("partitions-started", partitions.started());
            run.put("partitions-effective", partitions.effective());
            run.put("simulated-seconds", result.simulatedNanos() / 1e9);
            run.put("wall-seconds", result.wallMillis() / 1e3);
            Provenance.addTo(run, GlomersCommand.root());
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve("run.json").toFile(), run);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve("results.json").toFile(), result.results());
            HistoryFile.write(folder.resolve("history.jsonl"), result.history());
            for (Map.Entry<String, List<String>> log : result.nodeLogs().entrySet()) {
                Files.write(folder.resolve("node-logs").resolve(log.getKey() + ".log"), log.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's results to " + folder, e);
        }
        return new Written(folder, pages(folder, result.history()));
    }

    /** Makes the folder's pages; returns index.html's path, or "NOT WRITTEN: why". */
    private static String pages(Path folder, History history) {
        try {
            return RunReport.write(folder, history).index().toString();
        } catch (IOException | UncheckedIOException e) {
            return "NOT WRITTEN: " + e.getMessage();
        } catch (RuntimeException e) {
            return "NOT WRITTEN: " + e; // a charting failure, say: the run's own files are there
        }
    }
}
