package glomers.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The challenge runs kept in results folders, read back: each run folder's {@code run.json} (its
 * {@code results.json} when asked for), each sweep folder's {@code sweep.json}. {@code glomers
 * progress} reads them, and so does the 5c target, which compares with the same node's 5b run.
 * Folders that are no challenge's run (a workload run, a {@code --maelstrom} run, whose verdict is
 * in Maelstrom's results.edn, a run folder kept inside a sweep's folder) are left out; folders
 * older than run.json's {@code node} are matched as well as their files allow (see {@link #read}).
 */
final class RunFolders {
    /** Options that do not make two runs different tests: the seed, the node names (their count counts), the extra check. */
    private static final Set<String> NOT_COMPARED = Set.of("seed", "nodes", "judge-node-order");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private RunFolders() {
    }

    /**
     * A node as run.json's {@code node} names it ({@link RunNode}): a module by its name, any
     * other executable ({@code bin}) or jar by its absolute path.
     *
     * @param kind {@code module}, {@code bin} or {@code jar}
     * @param key  the module's name, or the path
     */
    record NodeId(String kind, String key) {
        static NodeId module(String name) {
            return new NodeId("module", name);
        }

        static NodeId of(RunNode node) {
            return node.kind().equals("module") ? module(node.name()) : new NodeId(node.kind(), node.path().toString());
        }

        /** From run.json's or sweep.json's {@code node}; null when it is not there or names no kind. */
        static NodeId of(JsonNode node) {
            String kind = node.path("kind").asText("");
            if (kind.equals("module")) {
                return module(node.path("name").asText());
            }
            return kind.isEmpty() || !node.hasNonNull("path") ? null : new NodeId(kind, node.path("path").asText());
        }

        /** "broadcast (module)", "--bin /home/me/node.py", "--jar /home/me/target/node.jar". */
        String describe() {
            return kind.equals("module") ? key + " (module)" : "--" + kind + " " + key;
        }

        /** What {@code glomers test} and {@code glomers progress} need to name this node: nothing for a module, else --bin or --jar. */
        String option() {
            return kind.equals("module") ? "" : " --" + kind + " " + TestCommand.shellWord(key);
        }
    }

    /**
     * One challenge run, or one sweep of a challenge over seeds, as its folder keeps it.
     *
     * @param folder    the run's (or sweep's) folder
     * @param challenge the challenge's id
     * @param node      the node that ran
     * @param nodeWords the node's arguments, or the strategy it chose by itself ("batch", "fanout"); "" for none
     * @param mode      sim, process (a sweep: sim)
     * @param seeds     "seed 1", or a sweep's "seeds 1..100"
     * @param options   the options (run.json's {@code options}, keyed as on the command line)
     * @param verdict   valid, invalid, unknown or aborted (a sweep: the worst of its seeds)
     * @param sweep     a sweep's sweep.json, or null for a single run
     */
    record Recorded(Path folder, String challenge, NodeId node, String nodeWords, String mode, String seeds, JsonNode options,
                    String verdict, JsonNode sweep) {
        /** The time stamp its folder's name starts with, which sorts as time does. */
        String stamp() {
            return stampOf(folder.getFileName().toString()).orElseThrow();
        }

        /** When it started: "2026-11-30 11:58:18 UTC". */
        String when() {
            return LocalDateTime.parse(stamp(), ResultsFolder.STAMP).format(WHEN);
        }

        /** Its results.json (a single run's), or null when it cannot be read. */
        JsonNode results() {
            return sweep != null ? null : json(folder.resolve("results.json"));
        }
    }

    /**
     * What {@link #read} found.
     *
     * @param runs  every challenge run and sweep, oldest first
     * @param notes what was left out and why, one line each (empty when nothing was)
     */
    record Read(List<Recorded> runs, List<String> notes) {
    }

    /**
     * The challenge runs and sweeps directly under each of {@code parents} (a missing folder has
     * none). A run.json without {@code node} is from before the bench recorded it: a {@code sim}
     * run ran the challenge's module (nothing else ran in-process then), so it is taken as that;
     * a process run may have run any {@code --bin}, so it is left out, with a note.
     */
    static Read read(List<Path> parents) {
        List<Recorded> runs = new ArrayList<>();
        int unknownNode = 0;
        int unreadable = 0;
        for (Path parent : parents) {
            for (Path folder : folders(parent)) {
                boolean isSweep = Files.isRegularFile(folder.resolve("sweep.json"));
                JsonNode record = json(folder.resolve(isSweep ? "sweep.json" : "run.json"));
                if (record == null) {
                    unreadable += Files.exists(folder.resolve(isSweep ? "sweep.json" : "run.json")) ? 1 : 0;
                    continue;
                }
                // A sweep's "challenge" is its folder name's middle, and so was a run's before run.json kept the id.
                Optional<Challenge> challenge = Challenge.find(isSweep ? "" : record.path("challenge").asText(""))
                        .or(() -> ResultsFolder.groupOf(folder.getFileName().toString()).flatMap(Challenge::find));
                String mode = isSweep ? "sim" : record.path("mode").asText("");
                if (challenge.isEmpty() || !(mode.equals("sim") || mode.equals("process"))
                        || !isSweep && !Files.isRegularFile(folder.resolve("results.json"))) {
                    continue; // a workload run, a --maelstrom run, or a run that wrote no results
                }
                NodeId node = record.has("node") ? NodeId.of(record.get("node"))
                        : mode.equals("sim") ? NodeId.module(challenge.get().module()) : null;
                if (node == null) {
                    unknownNode++;
                    continue;
                }
                runs.add(new Recorded(folder, challenge.get().id(), node, nodeWords(record), mode,
                        isSweep ? "seeds " + record.path("first-seed").asText() + ".." + record.path("last-seed").asText()
                                : "seed " + record.path("seed").asText(),
                        options(record.path("options")), isSweep ? sweepVerdict(record) : verdict(record, folder),
                        isSweep ? record : null));
            }
        }
        runs.sort(Comparator.comparing(Recorded::stamp));
        List<String> notes = new ArrayList<>();
        if (unknownNode > 0) {
            notes.add(unknownNode + " older process-mode run folder" + (unknownNode == 1 ? "" : "s")
                    + " left out: run.json does not say which node ran (any --bin could have)");
        }
        if (unreadable > 0) {
            notes.add(unreadable + " folder" + (unreadable == 1 ? "" : "s") + " left out: run.json or sweep.json is not JSON");
        }
        return new Read(runs, notes);
    }

    /**
     * The run another challenge's target compares with ({@link Target#than}): the newest valid
     * single run of {@code challenge} by the same node, with the same options but the seed
     * ({@link #sameOptions}), started before {@code before} (a folder stamp; null for any time).
     */
    static Optional<ChallengeTarget.Baseline> baseline(List<Recorded> runs, String challenge, NodeId node, JsonNode options,
                                                       String before) {
        return runs.stream()
                .filter(r -> r.sweep() == null && r.challenge().equals(challenge) && r.node().equals(node)
                        && r.verdict().equals("valid") && sameOptions(r.options(), options)
                        && (before == null || r.stamp().compareTo(before) < 0))
                .max(Comparator.comparing(Recorded::stamp))
                .flatMap(r -> Optional.ofNullable(r.results())
                        .map(results -> new ChallengeTarget.Baseline(r.folder().getFileName().toString(), results)));
    }

    /**
     * Whether two runs' options make the same test: every option both record is equal, but the
     * seed, the node names and {@code judge-node-order} ({@link #NOT_COMPARED}). Older folders
     * lack some keys; those are not compared.
     */
    static boolean sameOptions(JsonNode a, JsonNode b) {
        for (Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            JsonNode other = b.get(option.getKey());
            if (!NOT_COMPARED.contains(option.getKey()) && other != null && !sameValue(option.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    /** The first run.json kept options by their Java names; today's names for them, and their values as one would type them. */
    private static final Map<String, String> OLD_OPTION_NAMES = Map.of("nodeCount", "node-count", "timeLimitSeconds", "time-limit",
            "latencyMillis", "latency", "latencyDist", "latency-dist", "partitions", "nemesis",
            "nemesisIntervalSeconds", "nemesis-interval");

    /** Options keyed as the command line names them, also those of the oldest folders (see {@link #OLD_OPTION_NAMES}). */
    private static JsonNode options(JsonNode recorded) {
        if (OLD_OPTION_NAMES.keySet().stream().noneMatch(recorded::has)) {
            return recorded;
        }
        ObjectNode options = Json.mapper().createObjectNode();
        recorded.properties().forEach(e -> options.set(OLD_OPTION_NAMES.getOrDefault(e.getKey(), e.getKey()), e.getValue()));
        if (options.path("nemesis").isBoolean()) {
            options.put("nemesis", options.get("nemesis").booleanValue() ? "partition" : "none");
        }
        if (options.path("latency-dist").isTextual()) {
            options.put("latency-dist", options.get("latency-dist").asText().toLowerCase(Locale.ROOT));
        }
        if (options.path("availability").isNumber() && options.get("availability").asDouble() == 1.0) {
            options.put("availability", "total");
        }
        return options;
    }

    /** Equal JSON values, numbers by value: rate 1000 and 1000.0 are one rate. */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.asDouble() == b.asDouble() : a.equals(b);
    }

    /** A folder name's time stamp, as {@link ResultsFolder#name} writes it. */
    static Optional<String> stampOf(String folderName) {
        Matcher m = ResultsFolder.STAMPED.matcher(folderName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The run and sweep folders directly under {@code parent}: time-stamped folders, not the latest pointers. */
    private static List<Path> folders(Path parent) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> stampOf(p.getFileName().toString()).isPresent()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** valid, invalid, unknown or aborted, from run.json's {@code valid?} (older folders wrote "true"), else results.json's. */
    private static String verdict(JsonNode run, Path folder) {
        JsonNode valid = run.has("valid?") ? run.get("valid?") : Optional.ofNullable(json(folder.resolve("results.json")))
                .map(r -> r.path("valid?")).orElse(null);
        return switch (valid == null ? "" : valid.asText()) {
            case "true" -> "valid";
            case "false" -> "invalid";
            case "aborted" -> "aborted";
            default -> "unknown";
        };
    }

    /** A sweep's verdict: valid when every seed is, else the outcome its exit status speaks for. */
    private static String sweepVerdict(JsonNode sweep) {
        if (sweep.path("valid-count").asLong(-1) == sweep.path("seed-count").asLong(-2)) {
            return "valid";
        }
        return sweep.path("invalid-count").asLong() > 0 ? "invalid" : sweep.path("aborted-count").asLong() > 0 ? "aborted" : "unknown";
    }

    /** The node's arguments, else the strategy it chose by itself; run.json's {@code node-args} in older folders. */
    private static String nodeWords(JsonNode record) {
        JsonNode args = record.has("node") ? record.at("/node/args") : record.path("node-args");
        List<String> words = new ArrayList<>();
        args.forEach(w -> words.add(w.asText()));
        if (words.isEmpty() && record.at("/node/strategy").isTextual()) {
            words.add(record.at("/node/strategy").asText());
        }
        return String.join(" ", words);
    }

    /** A JSON file's tree, or null when it is missing or not JSON. */
    private static JsonNode json(Path file) {
        try {
            return Files.isRegularFile(file) ? Json.mapper().readTree(file.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
