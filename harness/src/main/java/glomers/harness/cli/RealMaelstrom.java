package glomers.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunOptions.KeyOptions;
import glomers.runtime.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the real Maelstrom with the same parameters the bench would use, from inside a new run
 * folder, so Maelstrom's {@code store/} (results.edn, history, plots, node logs) lands there
 * beside a {@code run.json} saying what was run.
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
     * Runs Maelstrom on {@code node} in a new folder under {@code parent}, its output to this
     * terminal, and points {@link Latest} at the folder. Returns Maelstrom's exit status.
     */
    static int run(Path maelstrom, RunOptions options, RunNode node, Path parent, ResultsFolder.WhatRan ran) {
        Path folder = parent.resolve(ResultsFolder.name(ran.what() + "-maelstrom"));
        List<String> command = new ArrayList<>();
        command.add(maelstrom.toAbsolutePath().toString());
        command.addAll(arguments(options, node.path(), node.args()));
        try {
            Files.createDirectories(folder);
            int status = new ProcessBuilder(command).directory(folder.toFile()).inheritIO().start().waitFor();
            ObjectNode run = Json.mapper().createObjectNode();
            run.put("challenge", ran.challenge());
            run.set("node", node.toJson());
            run.set("options", ResultsFolder.options(options));
            run.put("mode", "maelstrom");
            run.set("command", Json.tree(command));
            run.put("exit-status", status);
            run.put("results", "store/latest/results.edn");
            Provenance.addTo(run, GlomersCommand.root());
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve("run.json").toFile(), run);
            Latest.update(folder, ran.group(options));
            System.err.println("glomers: Maelstrom's results are in " + folder.resolve("store"));
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 255;
        }
    }
}
