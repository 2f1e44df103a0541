package glomers.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import glomers.harness.history.Op;
import glomers.harness.net.Journal;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.run.Sweep;
import glomers.harness.workload.Workloads;
import glomers.runtime.Json;
import glomers.runtime.NodeProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * What in-process runs produce, as digests, so a change meant to make the bench faster (or
 * anything else that must not change a run) can be shown to change nothing: the same seed must
 * give the same results, history, node logs and network journal, byte for byte. Run from the
 * repository root by {@code benchmarks/determinism.sh}, which compares the lines printed with
 * {@code benchmarks/determinism-expected.txt}.
 *
 * <p>For each case (challenge, node arguments, seed) it writes into {@code OUT/<case>/}:
 * {@code results.json} (as a run folder has it), {@code history.jsonl}, {@code node-logs.txt}
 * (every node's log, by node) and {@code journal.jsonl} (every send and receive,
 * {@link Journal}); then prints one line: the verdict, the {@code :net} message count, the
 * simulated nanoseconds and the SHA-256 of each file (first 16 hex digits). Last, a 3c sweep on
 * two threads: one digest over every seed's figures except its wall time.
 * <pre>
 *   java -cp harness/target/glomers.jar:harness/target/test-classes -Dglomers.root=. glomers.harness.cli.Fingerprints OUT
 * </pre>
 * Wall times are left out everywhere; nothing else is.
 */
public final class Fingerprints {
    /** One run: a challenge of {@link Challenge#ALL}, the words given to its node, a seed. */
    record Case(String challenge, List<String> nodeArgs, long seed) {
        String name() {
            return challenge + (nodeArgs.isEmpty() ? "" : "-" + String.join("-", nodeArgs)) + "-seed" + seed;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("1", List.of(), 1),
            new Case("2", List.of(), 1),
            new Case("3b", List.of(), 1), new Case("3b", List.of(), 2), new Case("3b", List.of(), 3),
            new Case("3c", List.of(), 1), new Case("3c", List.of(), 2), new Case("3c", List.of(), 3),
            new Case("3c", List.of("flood"), 1),
            new Case("3d", List.of(), 1), new Case("3d", List.of(), 2), new Case("3d", List.of(), 3),
            new Case("3e", List.of("batch"), 1),
            new Case("4", List.of(), 1), new Case("4", List.of(), 2), new Case("4", List.of(), 3),
            new Case("5c", List.of(), 1), new Case("5c", List.of(), 2),
            new Case("6c", List.of(), 1), new Case("6c", List.of(), 2));

    /** The sweep: 3c (3b with partitions) over these seeds, on two threads. */
    static final long SWEEP_SEEDS = 100;

    private Fingerprints() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Fingerprints OUT-FOLDER");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        for (Case c : CASES) {
            System.out.println(run(c, out.resolve(c.name())));
        }
        System.out.println(sweep());
    }

    private static Supplier<NodeProgram> program(Challenge challenge, List<String> nodeArgs) {
        return NodeJar.load(GlomersCommand.root(), challenge.module(), nodeArgs, new CommandLine(new GlomersCommand()));
    }

    private static String run(Case c, Path folder) throws IOException {
        Challenge challenge = Challenge.find(c.challenge()).orElseThrow();
        RunOptions options = challenge.options().withSeed(c.seed());
        Files.createDirectories(folder);
        RunResult result;
        Path rawJournal = folder.resolve("journal.raw.jsonl");
        try (Journal journal = Journal.writingTo(rawJournal)) {
            result = Runs.inProcess(options, Workloads.create(options), program(challenge, c.nodeArgs()),
                    glomers.harness.run.Run.RunListener.NONE, journal);
        }
        writeSortedKeys(rawJournal, folder.resolve("journal.jsonl"));
        Files.delete(rawJournal);
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve("results.json").toFile(), result.results());
        List<String> history = new ArrayList<>();
        for (Op op : result.history().ops()) {
            history.add(op.toJson().toString());
        }
        Files.write(folder.resolve("history.jsonl"), history, StandardCharsets.UTF_8);
        List<String> logs = new ArrayList<>();
        for (Map.Entry<String, List<String>> log : result.nodeLogs().entrySet()) {
            logs.add("== " + log.getKey());
            logs.addAll(log.getValue());
        }
        Files.write(folder.resolve("node-logs.txt"), logs, StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder(String.format("%-22s valid %-8s msgs %7d sim-ns %d",
                c.name(), result.validity() == null ? "aborted" : result.validity().ednName(),
                result.results().at("/net/all/msg-count").asLong(), result.simulatedNanos()));
        for (String file : List.of("results.json", "history.jsonl", "node-logs.txt", "journal.jsonl")) {
            line.append(' ').append(file, 0, file.indexOf('.')).append(' ').append(digest(Files.readAllBytes(folder.resolve(file))));
        }
        return line.toString();
    }

    /**
     * The journal with every object's keys in sorted order. The txn-rw-register node builds its
     * messages from {@code Map.copyOf}, whose iteration order changes from one JVM to the next
     * (a salt chosen at start-up), so the same run's bodies can list the same keys in another
     * order; nothing else about them changes.
     */
    private static void writeSortedKeys(Path from, Path to) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(from, StandardCharsets.UTF_8)) {
            lines.add(SORTED.writeValueAsString(Json.parse(line)));
        }
        Files.write(to, lines, StandardCharsets.UTF_8);
    }

    private static final ObjectMapper SORTED = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private static String sweep() {
        Challenge challenge = Challenge.find("3c").orElseThrow();
        List<Sweep.SeedResult> results = Sweep.run(challenge.options(), 1, SWEEP_SEEDS, program(challenge, List.of()), 2);
        StringBuilder figures = new StringBuilder();
        int valid = 0;
        for (Sweep.SeedResult r : results) {
            valid += r.valid() ? 1 : 0;
            figures.append(r.seed()).append(' ').append(r.verdict()).append(' ').append(r.abortReason()).append(' ')
                    .append(r.serverMsgsPerOp()).append(' ').append(r.okFraction()).append(' ')
                    .append(r.stableLatencyMedianMillis()).append(' ').append(r.stableLatencyMaxMillis()).append(' ')
                    .append(r.whyInvalid()).append(' ').append(r.uncountedFailures()).append(' ').append(r.partitions()).append('\n');
        }
        return String.format("sweep 3c seeds 1..%d      valid %d figures %s", SWEEP_SEEDS, valid,
                digest(figures.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
