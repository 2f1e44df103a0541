package glomers.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.cli.Challenge;
import glomers.runtime.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run, as {@code glomers compare} sets runs side by side, read from any of the folders runs
 * leave:
 * <ul>
 *   <li>a bench run folder: {@code run.json} (what ran) and {@code results.json} (each checker's
 *       result, keyed as in results.edn); older folders' run.json has camelCase options and no
 *       partition counts, and today's has no {@code node}, so those facts fall back as below;</li>
 *   <li>a sweep folder ({@code sweep.json}): one record per seed, from the seed's figures in
 *       sweep.json (servers msgs-per-op, ok-fraction, stable latency median and max, wall time), or
 *       from the seed's own run folder when the sweep kept it;</li>
 *   <li>a real Maelstrom store folder ({@code results.edn}, read with edn-java by {@link EdnJson}),
 *       with a run.json when {@code glomers test --maelstrom} made it. Without one, the workload
 *       comes from the operations in results.edn ({@code :stats :by-f}), the challenge from the
 *       folder name ({@code 3d-broadcast}) or the caller's hint (compare's {@code --challenge}),
 *       the node and strategy from the folder name ({@code <challenge>-<node>[-<strategy>]
 *       [-partition|-healthy][-run<N>]}), and the nemesis from the folder name or the challenge's
 *       published flags. Each such inference is listed in {@link #inferred}.</li>
 * </ul>
 *
 * @param folder              the folder read (for a sweep's seed: the sweep folder)
 * @param challenge           a challenge id ({@code 3d}), or the workload's name for a run of a bare workload; null if unknown
 * @param workload            Maelstrom's workload name ({@code broadcast}); null if unknown
 * @param node                the node: a module name ({@code broadcast}) or what the folder calls it; null if unknown
 * @param strategy            the node's arguments ({@code batch}), or null for none
 * @param mode                {@code real} (the real Maelstrom), {@code sim} or {@code process}
 * @param nemesis             {@code partition}, {@code none}, or null if unknown
 * @param partitionsStarted   partitions the nemesis started; null if not recorded
 * @param partitionsEffective of them, those that cut a node off; null if not recorded
 * @param seed                the bench's seed; null for a real run
 * @param valid               {@code true}, {@code false}, {@code unknown} (results.edn's {@code :valid?}), or
 *                            {@code aborted} (a bench run that stopped, exit 255); null if not recorded
 * @param serverMsgsPerOp     {@code :net :servers :msgs-per-op}: messages between nodes and services per client operation
 * @param latencies           latency quantiles in ms, or null
 * @param okFraction          {@code :availability :ok-fraction}, or null
 * @param lostCount           {@code :workload :lost-count} (broadcast's set-full checker), or null
 * @param wallSeconds         the run's wall-clock time in s, or null
 * @param revision            the project's git revision the run was made from ({@code +dirty} when the tree had
 *                            changes), or null
 * @param time                when the run started: the stamp its folder name begins with, else the folder's modification time
 * @param latencyPlot         the folder's {@code latency-raw.png}, or null
 * @param inferred            each fact that was not recorded and how it was worked out, e.g.
 *                            "challenge 3d (folder name)"
 */
public record RunRecord(Path folder, String challenge, String workload, String node, String strategy, String mode,
                        String nemesis, Integer partitionsStarted, Integer partitionsEffective, Long seed, String valid,
                        Double serverMsgsPerOp, Latencies latencies, Double okFraction, Long lostCount, Double wallSeconds,
                        String revision, Instant time, Path latencyPlot, List<String> inferred) {

    /** The quantiles Jepsen reports stable latencies at ({@code :stable-latencies}); operation latencies use the same. */
    public static final List<Double> QUANTILES = List.of(0.0, 0.5, 0.95, 0.99, 1.0);

    /**
     * Latency quantiles in ms.
     *
     * @param kind   {@code stable}: broadcast's {@code :stable-latencies} (how long after a value was known it was
     *               last missing from a read); {@code operation}: from invocation to ok completion, from the history
     * @param millis quantile (0 … 1) → ms; only the quantiles known (a sweep keeps 0.5 and 1)
     */
    public record Latencies(String kind, SortedMap<Double, Double> millis) {
        public Latencies {
            millis = Collections.unmodifiableSortedMap(new TreeMap<>(millis));
        }

        /** The value at quantile {@code q}, or null when not known. */
        public Double at(double q) {
            return millis.get(q);
        }

        public Double median() {
            return at(0.5);
        }

        public Double max() {
            return at(1.0);
        }
    }

    public RunRecord {
        inferred = List.copyOf(inferred);
    }

    /** Files that make a folder a run folder. */
    private static final List<String> MARKERS = List.of("run.json", "results.json", "results.edn", "sweep.json");
    /** The bench's folder names begin with the run's start: {@code 20261130T111906.451Z-}. */
    private static final Pattern BENCH_STAMP = Pattern.compile("^(\\d{8}T\\d{6}\\.\\d{3}Z)-");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");
    /** Maelstrom names a store folder by its start: {@code store/broadcast/20261130T130722.145+0000}. */
    private static final Pattern MAELSTROM_STAMP = Pattern.compile("^\\d{8}T\\d{6}(\\.\\d+)?[+-]\\d{4}$");
    /** A folder name's trailing word for a repeated run ({@code 4-g-counter-run2}). */
    private static final Pattern RUN_SUFFIX = Pattern.compile("-run\\d+$");

    /** True when {@code folder} has run.json, results.json, results.edn or sweep.json. */
    public static boolean isRunFolder(Path folder) {
        return Files.isDirectory(folder) && MARKERS.stream().anyMatch(name -> Files.isRegularFile(folder.resolve(name)));
    }

    /**
     * The runs in one folder: one for a run folder, one per seed for a sweep folder.
     *
     * @param challengeHint a challenge id for a real folder whose name does not give its challenge (compare's
     *                      {@code --challenge}); used only when its workload is the folder's; may be null
     * @throws IOException naming the file when the folder is no run folder or a file cannot be read
     */
    public static List<RunRecord> read(Path folder, String challengeHint) throws IOException {
        if (!isRunFolder(folder)) {
            throw new IOException(folder + " is not a run folder: it has no " + String.join(", ", MARKERS));
        }
        // store/latest is a link: read the folder it points at, whose name is the run's start.
        Path real = folder.toRealPath();
        if (Files.isRegularFile(real.resolve("sweep.json"))) {
            return readSweep(real);
        }
        return List.of(readRun(real, challengeHint));
    }

    // ---- one run -------------------------------------------------------------------------------

    private static RunRecord readRun(Path folder, String challengeHint) throws IOException {
        JsonNode run = jsonFile(folder.resolve("run.json"));
        Path resultsFile = resultsFile(folder, run);
        JsonNode results = resultsFile == null ? null
                : resultsFile.toString().endsWith(".edn") ? EdnJson.read(resultsFile) : jsonFile(resultsFile);
        List<String> inferred = new ArrayList<>();
        Facts facts = facts(folder, run, results, challengeHint, inferred);
        Latencies stable = stableLatencies(results == null ? null : results.at("/workload/stable-latencies"));
        Path plot = (resultsFile == null ? folder : resultsFile.getParent()).resolve("latency-raw.png");
        return new RunRecord(folder, facts.challenge(), facts.workload(), facts.node(), facts.strategy(), facts.mode(),
                facts.nemesis(), integer(run, "partitions-started"), integer(run, "partitions-effective"),
                "real".equals(facts.mode()) ? null : longValue(run == null ? null : run.get("seed")),
                verdict(results != null && results.has("valid?") ? results.get("valid?") : run == null ? null : run.get("valid?")),
                number(results, "/net/servers/msgs-per-op"), stable, number(results, "/availability/ok-fraction"),
                longValue(results == null ? null : results.at("/workload/lost-count")), number(run, "/wall-seconds"),
                revision(run), time(folder), Files.isRegularFile(plot) ? plot : null, inferred);
    }

    /**
     * results.json, else results.edn, else the file run.json points at (an older {@code --maelstrom}
     * folder, whose store stayed in {@code store/}); null if none.
     */
    private static Path resultsFile(Path folder, JsonNode run) {
        for (String name : List.of("results.json", "results.edn")) {
            if (Files.isRegularFile(folder.resolve(name))) {
                return folder.resolve(name);
            }
        }
        if (run != null && run.hasNonNull("results") && Files.isRegularFile(folder.resolve(run.get("results").asText()))) {
            return folder.resolve(run.get("results").asText());
        }
        return null;
    }

    /** What ran, as recorded or as worked out; see the class comment. */
    private record Facts(String challenge, String workload, String node, String strategy, String mode, String nemesis) {
    }

    private static Facts facts(Path folder, JsonNode run, JsonNode results, String challengeHint, List<String> inferred) {
        FolderName name = FolderName.of(folder);
        String mode = run != null && run.hasNonNull("mode") ? modeLabel(run.get("mode").asText()) : "real";
        if (run == null) {
            inferred.add("mode real (results without run.json)");
        }

        String recorded = text(run, "/options/workload");
        String workload = recorded != null || results == null ? recorded : workloadOf(results);
        if (recorded == null && workload != null) {
            inferred.add("workload " + workload + " (:stats :by-f)");
        }

        String challenge = challengeOf(run == null ? null : text(run, "/challenge"), workload);
        if (challenge == null && name.challenge(workload) != null) {
            challenge = name.challenge(workload);
            inferred.add("challenge " + challenge + " (folder name)");
        }
        if (challenge == null && challengeHint != null && Challenge.find(challengeHint)
                .filter(c -> workload == null || c.options().workload().equals(workload)).isPresent()) {
            challenge = Challenge.find(challengeHint).orElseThrow().id();
            inferred.add("challenge " + challenge + " (--challenge)");
        }
        if (challenge == null && workload != null) {
            challenge = workload;
            inferred.add("no challenge recorded (shown as its workload)");
        }

        String node;
        String strategy;
        JsonNode nodeJson = run == null ? null : run.get("node");
        if (nodeJson != null && nodeJson.isObject()) {
            node = text(nodeJson, "/name");
            strategy = text(nodeJson, "/strategy");
            if (strategy == null) {
                strategy = words(nodeJson.get("args"));
            }
        } else if (run != null) {
            node = moduleOf(challenge, workload);
            strategy = words(run.get("node-args"));
            if (node != null) {
                inferred.add("node " + node + " (the challenge's module: run.json names no node)");
            }
        } else {
            String[] named = name.nodeAndStrategy(challenge, moduleOf(challenge, workload));
            node = named[0];
            strategy = named[1];
            if (node != null) {
                inferred.add("node " + node + (strategy == null ? "" : ", strategy " + strategy) + " (folder name)");
            }
        }

        String nemesis = nemesisOf(run);
        if (nemesis == null && name.nemesis() != null) {
            nemesis = name.nemesis();
            inferred.add("nemesis " + nemesis + " (folder name)");
        }
        Optional<Challenge> published = challenge == null ? Optional.empty() : Challenge.find(challenge);
        if (nemesis == null && published.isPresent()) {
            nemesis = published.get().options().partitions() ? "partition" : "none";
            inferred.add("nemesis " + nemesis + " (" + published.get().id() + "'s published flags)");
        }
        return new Facts(challenge, workload, node, strategy, mode, nemesis);
    }

    /** run.json's mode as compare shows it: the real Maelstrom's runs are {@code real}. */
    private static String modeLabel(String mode) {
        return mode.equals("maelstrom") ? "real" : mode;
    }

    /** options.nemesis ({@code partition}/{@code none}), or an older run.json's options.partitions; null if neither. */
    private static String nemesisOf(JsonNode run) {
        if (run == null) {
            return null;
        }
        String nemesis = text(run, "/options/nemesis");
        if (nemesis != null) {
            return nemesis.contains("partition") ? "partition" : "none";
        }
        JsonNode partitions = run.at("/options/partitions");
        return partitions.isBoolean() ? (partitions.asBoolean() ? "partition" : "none") : null;
    }

    /**
     * run.json's {@code challenge} is the run folder's name part ({@code 3e-batch-partition}, or
     * {@code g-counter-x} for a workload run with node argument x): its challenge id, or the
     * workload for a workload run.
     */
    private static String challengeOf(String what, String workload) {
        if (what == null) {
            return null;
        }
        if (workload != null && (what.equals(workload) || what.startsWith(workload + "-"))) {
            return workload;
        }
        return Challenge.find(what.split("-", 2)[0]).map(Challenge::id).orElse(null);
    }

    /** The module that solves a challenge or workload: the challenge's own, else the first challenge's with that workload. */
    private static String moduleOf(String challenge, String workload) {
        Optional<Challenge> c = challenge == null ? Optional.empty() : Challenge.find(challenge);
        if (c.isPresent()) {
            return c.get().module();
        }
        return Challenge.ALL.stream().filter(ch -> ch.options().workload().equals(workload)).map(Challenge::module)
                .findFirst().orElse(null);
    }

    /**
     * The workload whose operations these are ({@code :stats :by-f}); names as in Maelstrom's
     * workloads (spec §3): echo → echo, generate → unique-ids, broadcast → broadcast, add without
     * broadcast → g-counter, send/poll → kafka, txn → txn-rw-register.
     */
    static String workloadOf(JsonNode results) {
        Set<String> fs = new HashSet<>();
        results.at("/stats/by-f").fieldNames().forEachRemaining(fs::add);
        if (fs.contains("echo")) {
            return "echo";
        }
        if (fs.contains("generate")) {
            return "unique-ids";
        }
        if (fs.contains("broadcast")) {
            return "broadcast";
        }
        if (fs.contains("send") || fs.contains("poll")) {
            return "kafka";
        }
        if (fs.contains("txn")) {
            return "txn-rw-register";
        }
        if (fs.contains("add")) {
            return "g-counter";
        }
        return null;
    }

    /**
     * What a real folder's name says: {@code <challenge>-<node>[-<strategy>][-partition|-healthy][-run<N>]},
     * after the bench's time stamp if any. A Maelstrom store folder named by its start time says nothing.
     */
    private record FolderName(String rest) {
        static FolderName of(Path folder) {
            String name = folder.getFileName().toString();
            if (MAELSTROM_STAMP.matcher(name).matches()) {
                return new FolderName("");
            }
            return new FolderName(BENCH_STAMP.matcher(name).replaceFirst(""));
        }

        /** The leading challenge id when its workload is {@code workload} (or that is unknown); else null. */
        String challenge(String workload) {
            return Challenge.find(rest.split("-", 2)[0])
                    .filter(c -> workload == null || c.options().workload().equals(workload)).map(Challenge::id).orElse(null);
        }

        String nemesis() {
            String trimmed = RUN_SUFFIX.matcher(rest).replaceFirst("");
            return trimmed.endsWith("-partition") ? "partition" : trimmed.endsWith("-healthy") ? "none" : null;
        }

        /** {node, strategy}: the words after the challenge, less the nemesis and run suffixes; the module's name leads its strategy. */
        String[] nodeAndStrategy(String challenge, String module) {
            String words = rest;
            if (challenge != null && words.toLowerCase(Locale.ROOT).startsWith(challenge.toLowerCase(Locale.ROOT) + "-")) {
                words = words.substring(challenge.length() + 1);
            } else if (challenge != null && words.equalsIgnoreCase(challenge)) {
                words = "";
            }
            words = RUN_SUFFIX.matcher(words).replaceFirst("").replaceFirst("-(partition|healthy)$", "");
            if (words.isEmpty()) {
                return new String[] {null, null};
            }
            if (module != null && words.startsWith(module + "-")) {
                return new String[] {module, words.substring(module.length() + 1)};
            }
            return new String[] {words, null};
        }
    }

    // ---- a sweep -------------------------------------------------------------------------------

    /** One record per seed of a sweep folder; a seed whose own run folder the sweep kept is read from there. */
    private static List<RunRecord> readSweep(Path folder) throws IOException {
        JsonNode sweep = jsonFile(folder.resolve("sweep.json"));
        List<String> inferred = new ArrayList<>();
        Facts facts = facts(folder, sweep, null, null, inferred);
        List<RunRecord> records = new ArrayList<>();
        for (JsonNode seed : sweep.path("seeds")) {
            Path kept = keptFolder(folder, seed.get("folder"));
            if (kept != null) {
                records.add(readRun(kept, null));
                continue;
            }
            SortedMap<Double, Double> quantiles = new TreeMap<>();
            Double median = number(seed, "/stable-latency-median");
            Double max = number(seed, "/stable-latency-max");
            if (median != null) {
                quantiles.put(0.5, median);
            }
            if (max != null) {
                quantiles.put(1.0, max);
            }
            Double wallMillis = number(seed, "/wall-ms");
            records.add(new RunRecord(folder, facts.challenge(), facts.workload(), facts.node(), facts.strategy(), "sim",
                    facts.nemesis(), integer(seed, "partitions-started"), integer(seed, "partitions-effective"),
                    longValue(seed.get("seed")), verdict(seed.get("valid?")), number(seed, "/msgs-per-op"),
                    quantiles.isEmpty() ? null : new Latencies("stable", quantiles), number(seed, "/ok-fraction"), null,
                    wallMillis == null ? null : wallMillis / 1e3, revision(sweep), time(folder), null, inferred));
        }
        return records;
    }

    /** The seed's kept run folder: as sweep.json names it, or under the sweep folder if that moved; null if none. */
    private static Path keptFolder(Path sweepFolder, JsonNode named) {
        if (named == null || !named.isTextual() || named.asText().startsWith("NOT WRITTEN")) {
            return null;
        }
        Path given = Path.of(named.asText());
        for (Path candidate : List.of(given, sweepFolder.resolve(given.getFileName()))) {
            if (isRunFolder(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    // ---- operation latencies from the history ----------------------------------------------------

    /**
     * This record with operation-latency quantiles when it has no stable latencies: from each ok
     * completion back to its invocation (same process), over the folder's {@code history.jsonl}
     * (the bench's) or {@code history.edn} (a real Maelstrom store's); the nemesis' operations left
     * out. Quantiles as Jepsen's: the value at index floor(n·q), capped at n−1. Unchanged when it
     * has latencies already or its folder has no history.
     */
    public RunRecord withOperationLatencies() throws IOException {
        if (latencies != null || folder == null) {
            return this;
        }
        Path jsonl = folder.resolve("history.jsonl");
        Path edn = folder.resolve("history.edn");
        OperationLatencies ops = new OperationLatencies();
        if (Files.isRegularFile(jsonl)) {
            try (BufferedReader lines = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        ops.accept(Json.mapper().readTree(line));
                    }
                }
            }
        } else if (Files.isRegularFile(edn)) {
            EdnJson.forEach(edn, ops);
        } else {
            return this;
        }
        Latencies measured = ops.quantiles();
        return measured == null ? this : new RunRecord(folder, challenge, workload, node, strategy, mode, nemesis,
                partitionsStarted, partitionsEffective, seed, valid, serverMsgsPerOp, measured, okFraction, lostCount,
                wallSeconds, revision, time, latencyPlot, inferred);
    }

    /** Pairs each process's invocation with its completion; keeps the ok ones' latencies. */
    private static final class OperationLatencies implements Consumer<JsonNode> {
        private final Map<String, Long> invoked = new HashMap<>();
        private final List<Long> nanos = new ArrayList<>();

        @Override
        public void accept(JsonNode op) {
            String process = op.path("process").asText();
            if (process.equals(":nemesis") || !op.path("time").canConvertToLong()) {
                return;
            }
            long time = op.get("time").asLong();
            String type = op.path("type").asText();
            if (type.equals(":invoke")) {
                invoked.put(process, time);
                return;
            }
            Long start = invoked.remove(process);
            if (start != null && type.equals(":ok")) {
                nanos.add(time - start);
            }
        }

        Latencies quantiles() {
            if (nanos.isEmpty()) {
                return null;
            }
            Collections.sort(nanos);
            SortedMap<Double, Double> millis = new TreeMap<>();
            for (double q : QUANTILES) {
                int index = Math.min(nanos.size() - 1, (int) Math.floor(nanos.size() * q));
                millis.put(q, nanos.get(index) / 1e6);
            }
            return new Latencies("operation", millis);
        }
    }

    // ---- reading values ------------------------------------------------------------------------

    private static JsonNode jsonFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** stable-latencies' quantile keys ("0.5" in results.json, 0.5 in results.edn) as numbers; null when absent. */
    private static Latencies stableLatencies(JsonNode quantiles) {
        if (quantiles == null || !quantiles.isObject() || quantiles.isEmpty()) {
            return null;
        }
        SortedMap<Double, Double> millis = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = quantiles.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                millis.put(Double.parseDouble(entry.getKey()), entry.getValue().asDouble());
            } catch (NumberFormatException e) {
                // not a quantile: leave it out
            }
        }
        return new Latencies("stable", millis);
    }

    /** results.edn's :valid? (true, false, :unknown), results.json's, or run.json's ("true", "aborted", …) as one word. */
    static String verdict(JsonNode valid) {
        if (valid == null || valid.isNull() || valid.isMissingNode()) {
            return null;
        }
        String word = valid.asText().toLowerCase(Locale.ROOT);
        return word.startsWith(":") ? word.substring(1) : word;
    }

    private static String revision(JsonNode run) {
        String revision = text(run, "/git/revision");
        if (revision == null) {
            return null;
        }
        return run.at("/git/dirty").asBoolean(false) ? revision + "+dirty" : revision;
    }

    private static Instant time(Path folder) throws IOException {
        Matcher stamp = BENCH_STAMP.matcher(folder.getFileName().toString());
        if (stamp.find()) {
            try {
                return LocalDateTime.parse(stamp.group(1), STAMP).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // not a stamp after all: use the folder's time
            }
        }
        return Files.getLastModifiedTime(folder).toInstant();
    }

    private static String text(JsonNode json, String pointer) {
        if (json == null) {
            return null;
        }
        JsonNode value = json.at(pointer);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    /** An array of words joined by spaces; null when absent or empty. */
    private static String words(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        array.forEach(w -> words.add(w.asText()));
        return String.join(" ", words);
    }

    private static Double number(JsonNode json, String pointer) {
        if (json == null) {
            return null;
        }
        JsonNode value = json.at(pointer);
        return value.isNumber() ? value.asDouble() : null;
    }

    private static Integer integer(JsonNode json, String field) {
        Long value = longValue(json == null ? null : json.get(field));
        return value == null ? null : Math.toIntExact(value);
    }

    /** A whole number, also when written as a double (sweep.json writes every figure as one: 2.0). */
    private static Long longValue(JsonNode value) {
        if (value == null || !value.isNumber() || value.asDouble() != Math.rint(value.asDouble())) {
            return null;
        }
        return value.asLong();
    }

    /** The label runs are grouped and plotted by: node, {@code /strategy}, mode, and {@code partition} when partitioned. */
    public String label() {
        return (node == null ? "?" : node) + (strategy == null ? "" : "/" + strategy) + " " + mode
                + ("partition".equals(nemesis) ? " partition" : "");
    }
}
