package glomers.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.report.EdnJson;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunOptions.KeyOptions;
import glomers.runtime.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the real Maelstrom with the same parameters the bench would use, from inside a new run
 * folder of the bench's results folder, and leaves there what Maelstrom stored for the run
 * (results.edn, history, plots, node logs) beside a {@code run.json} saying what was run, so real
 * runs are compared like the bench's ({@code glomers compare}).
 */
final class RealMaelstrom {

    private RealMaelstrom() {
    }

    /** Where to find Maelstrom: --maelstrom, else $MAELSTROM, else `maelstrom` on PATH; null if none. */
    static Path locate(Path given, Map<String, String> env) {
        if (given != null) {
            return given;
        }
        String fromEnv = env.get("MAELSTROM");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "maelstrom");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The `maelstrom test` arguments for these options, as spec §2.1 spells them. The nodes go as
     * the bench named them: nothing for Jepsen's default n1 … n5, {@code --node-count N} for
     * n0 … n(N-1), {@code --nodes a,b} otherwise. Key options go when they differ from the
     * defaults, consistency models joined with " , ", the only separator Maelstrom's parser
     * splits on. Maelstrom hands the non-option words ({@code nodeArgs}) to each node on its
     * command line. Kafka's assign frequency has no flag: it comes with Maelstrom's version.
     */
    static List<String> arguments(RunOptions o, Path bin, List<String> nodeArgs) {
        List<String> args = new ArrayList<>(List.of("test", "-w", o.workload(), "--bin", bin.toAbsolutePath().toString()));
        if (o.nodes().equals(RunOptions.nodesCounted(o.nodeCount()))) {
            args.addAll(List.of("--node-count", String.valueOf(o.nodeCount())));
        } else if (!o.nodes().equals(RunOptions.JEPSEN_DEFAULT_NODES)) {
            args.addAll(List.of("--nodes", String.join(",", o.nodes())));
        }
        args.addAll(List.of("--time-limit", String.valueOf(o.timeLimitSeconds()),
                "--rate", number(o.rate()), "--concurrency", String.valueOf(o.concurrency()),
                "--latency", String.valueOf(o.latencyMillis()), "--latency-dist", o.latencyDist().toString()));
        if (o.partitions()) {
            args.addAll(List.of("--nemesis", "partition", "--nemesis-interval", number(o.nemesisIntervalSeconds())));
        }
        if (o.availability() != null) {
            args.addAll(List.of("--availability", o.availability() == 1.0 ? "total" : number(o.availability())));
        }
        if (o.workload().equals("broadcast")) {
            args.addAll(List.of("--topology", o.topology()));
        }
        KeyOptions keys = o.txn();
        KeyOptions defaults = KeyOptions.DEFAULTS;
        if (!keys.consistencyModels().equals(defaults.consistencyModels())) {
            args.addAll(List.of("--consistency-models", ConsistencyModels.forMaelstrom(keys.consistencyModels())));
        }
        if (keys.keyCount() != defaults.keyCount()) {
            args.addAll(List.of("--key-count", String.valueOf(keys.keyCount())));
        }
        if (keys.maxTxnLength() != defaults.maxTxnLength()) {
            args.addAll(List.of("--max-txn-length", String.valueOf(keys.maxTxnLength())));
        }
        if (keys.maxWritesPerKey() != defaults.maxWritesPerKey()) {
            args.addAll(List.of("--max-writes-per-key", String.valueOf(keys.maxWritesPerKey())));
        }
        args.addAll(nodeArgs);
        return args;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    /**
     * Runs Maelstrom on {@code node} inside a new run folder {@code <time>-<what>-real} under
     * {@code parent}; its output goes to this terminal. Maelstrom writes its store there
     * ({@code store/<workload>/<time>/}, linked from {@code store/latest}); the run's own store
     * folder is then moved up into the run folder, so the folder holds Maelstrom's results.edn,
     * history, plots and node logs beside a {@code run.json} saying what ran ({@link #runJson}),
     * and {@code glomers compare} reads it as it reads the bench's runs. If Maelstrom left no
     * store/latest (it failed before its checker), whatever it wrote stays where it is. Points
     * {@link Latest} at the folder and says where the results are on {@code err}. Returns
     * Maelstrom's exit status.
     */
    static int run(Path maelstrom, RunOptions options, RunNode node, Path parent, ResultsFolder.WhatRan ran, PrintWriter err) {
        Path folder = parent.resolve(ResultsFolder.name(ran.what() + "-real"));
        List<String> command = new ArrayList<>();
        command.add(maelstrom.toAbsolutePath().toString());
        command.addAll(arguments(options, node.path(), node.args()));
        try {
            Files.createDirectories(folder);
            long started = System.nanoTime();
            int status = new ProcessBuilder(command).directory(folder.toFile()).inheritIO().start().waitFor();
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            String results = takeStoreUp(folder);
            ObjectNode run = runJson(ran, options, node, command, status, wallSeconds, results == null ? null : folder.resolve(results));
            run.put("results", results);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve("run.json").toFile(), run);
            Latest.update(folder, ran.group(options));
            err.println("glomers: Maelstrom's results are in " + folder
                    + (results == null ? " (it left no store/latest)" : "; set it beside others with: bin/glomers compare " + folder));
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + " in " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 255;
        }
    }

    /**
     * Moves what {@code store/latest} points at up into {@code folder} and removes the emptied
     * store. Returns the results file's path within {@code folder}: {@code results.edn}, or
     * {@code store/latest/results.edn} when a name was taken and the store stays; null when
     * Maelstrom left no store/latest with a results.edn.
     */
    private static String takeStoreUp(Path folder) throws IOException {
        Path latest = folder.resolve("store").resolve("latest");
        if (!Files.isRegularFile(latest.resolve("results.edn"))) {
            return null;
        }
        Path store = latest.toRealPath();
        List<Path> files;
        try (Stream<Path> listed = Files.list(store)) {
            files = listed.toList();
        }
        if (files.stream().anyMatch(f -> Files.exists(folder.resolve(f.getFileName().toString()), LinkOption.NOFOLLOW_LINKS))) {
            return "store/latest/results.edn";
        }
        for (Path file : files) {
            Files.move(file, folder.resolve(file.getFileName().toString()));
        }
        try (Stream<Path> all = Files.walk(folder.resolve("store"))) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return "results.edn";
    }

    /**
     * run.json for a real run, in the bench's keys (see {@code ResultsFolder}): {@code challenge},
     * {@code node} ({@link RunNode}), {@code options}, {@code mode} {@code real},
     * {@code node-args}, {@code command} (the Maelstrom command line), {@code exit-status},
     * {@code wall-seconds}, {@code valid?} as results.edn says it (true, false or "unknown"; null
     * without results), and where it ran ({@link Provenance}).
     */
    static ObjectNode runJson(ResultsFolder.WhatRan ran, RunOptions options, RunNode node, List<String> command, int status,
                              double wallSeconds, Path resultsEdn) throws IOException {
        ObjectNode run = Json.mapper().createObjectNode();
        run.put("challenge", ran.challenge());
        run.set("node", node.toJson());
        run.set("options", ResultsFolder.options(options));
        run.put("mode", "real");
        run.set("node-args", Json.tree(node.args()));
        run.set("command", Json.tree(command));
        run.put("exit-status", status);
        run.put("wall-seconds", wallSeconds);
        JsonNode valid = resultsEdn == null ? null : EdnJson.read(resultsEdn).get("valid?");
        if (valid == null) {
            run.putNull("valid?");
        } else if (valid.isBoolean()) {
            run.put("valid?", valid.asBoolean());
        } else {
            run.put("valid?", valid.asText().replaceFirst("^:", ""));
        }
        Provenance.addTo(run, GlomersCommand.root());
        return run;
    }
}
