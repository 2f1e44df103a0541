package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.cli.TestCli.Ran;
import glomers.harness.report.HeadlessBrowser;
import glomers.runtime.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A challenge's targets on real in-process runs, small ones: each of 3d's targets missed on its
 * own, 5c against the same node's 5b run, total availability; the exit status with and without
 * {@code --require-targets}, for single runs and sweeps; run.json, sweep.json and index.html.
 */
class TargetsCliTest {
    /** A target line of a single run's summary: its comparison and its verdict. */
    private static final Pattern TARGET_LINE = Pattern.compile("(?m)^target {10}(.*)  (met|missed|no 5b run of this node to compare with)$");
    /** Options that make a small 3d run: 5 nodes, 3 s (the workload's other parameters are 3d's). */
    private static final List<String> SMALL_3D = List.of("--node-count", "5", "--time-limit", "3");

    @TempDir
    static Path root;

    @BeforeAll
    static void modules() throws IOException {
        TestModules.jar(root, "broadcast", TargetNodes.Broadcast.class);
        TestModules.jar(root, "kafka-log", TargetNodes.Kafka.class);
        TestModules.jar(root, "unique-ids", TargetNodes.MostlyAvailableIds.class);
    }

    /** {@code glomers test} with these words, into {@code <root>/<results>}. */
    private static Ran test(String results, List<String> words, String... more) {
        List<String> args = new ArrayList<>(List.of("test"));
        args.addAll(words);
        args.addAll(List.of(more));
        args.addAll(List.of("--results", root.resolve(results).toString()));
        return TestCli.run(root, Map.of(), args.toArray(String[]::new));
    }

    /** The target lines, as [comparison, verdict]. */
    private static List<List<String>> targetLines(Ran ran) {
        List<List<String>> lines = new ArrayList<>();
        Matcher m = TARGET_LINE.matcher(ran.out());
        while (m.find()) {
            lines.add(List.of(m.group(1), m.group(2)));
        }
        return lines;
    }

    private static List<String> verdicts(Ran ran) {
        return targetLines(ran).stream().map(l -> l.get(1)).toList();
    }

    /** The run folder's run.json: the results folder's newest run, as latest points at it. */
    private static JsonNode latestRunJson(String results) throws IOException {
        return Json.mapper().readTree(root.resolve(results).resolve("latest").resolve("run.json").toFile());
    }

    private static List<JsonNode> recordedMet(JsonNode run) {
        List<JsonNode> met = new ArrayList<>();
        run.get("targets").forEach(t -> met.add(t.get("met")));
        return met;
    }

    @Test
    void each3dTargetMissedIsReportedSoAndRequireTargetsTurnsTheMissIntoExitStatus3() throws IOException {
        // flood: N (N - 1) messages a broadcast; one hop at 500 ms; exponential delays with a long tail.
        Map<List<String>, List<String>> expected = Map.of(
                List.of("3d", "flood", "--node-count", "10", "--time-limit", "2", "--rate", "20"), List.of("missed", "met", "met"),
                Stream.concat(Stream.of("3d", "--latency", "500"), SMALL_3D.stream()).toList(), List.of("met", "missed", "met"),
                Stream.concat(Stream.of("3d", "--latency-dist", "exponential"), SMALL_3D.stream()).toList(),
                List.of("met", "met", "missed"));
        for (Map.Entry<List<String>, List<String>> run : expected.entrySet()) {
            Ran reported = test("runs", run.getKey());
            assertThat(reported.status()).as(reported.out() + reported.err()).isZero();
            assertThat(verdicts(reported)).as(reported.out()).containsExactlyElementsOf(run.getValue());
            assertThat(targetLines(reported)).extracting(l -> l.get(0).split(" ")[0])
                    .containsExactly("msgs-per-op", "stable-latency-median", "stable-latency-max");
            assertThat(reported.out()).contains("Valid, but 1 of 3 targets missed")
                    .contains("the exit status stays 0; --require-targets makes it 3");
            JsonNode runJson = latestRunJson("runs");
            assertThat(recordedMet(runJson)).extracting(JsonNode::booleanValue)
                    .containsExactlyElementsOf(run.getValue().stream().map("met"::equals).toList());
            assertThat(runJson.get("exit-status").asInt()).isZero();

            Ran required = test("runs", run.getKey(), "--require-targets");
            assertThat(required.status()).as(required.out()).isEqualTo(GlomersCommand.TARGETS_MISSED);
            assertThat(required.out()).contains("(exit status 3: --require-targets)");
            assertThat(latestRunJson("runs").get("exit-status").asInt()).isEqualTo(3);
            assertThat(latestRunJson("runs").get("command").asText()).contains("--require-targets");
        }
    }

    @Test
    void aRunWithinEveryTargetExits0EvenWhenTheyAreRequiredAndItsPageShowsThem() throws Exception {
        Ran ran = test("within", Stream.concat(Stream.of("3d"), SMALL_3D.stream()).toList(), "--require-targets");

        assertThat(ran.status()).as(ran.out()).isZero();
        assertThat(verdicts(ran)).containsExactly("met", "met", "met");
        assertThat(ran.out()).contains("Everything looks good!");
        Path page = root.resolve("within").resolve("latest").resolve("index.html");
        HeadlessBrowser.Loaded loaded = HeadlessBrowser.require().load(page);
        assertThat(loaded.clean()).as(loaded.errors().toString()).isTrue();
        assertThat(loaded.dom()).contains("<h2>Targets</h2>").contains("stable-latency-median").contains(">met</span>")
                .doesNotContain(">missed</span>");
    }

    @Test
    void aSweepWithRequiredTargetsFailsTheSeedsThatMissOneAndEachReplayReproducesTheMiss() throws Exception {
        List<String> sweep = Stream.concat(Stream.of("3d", "--latency-dist", "exponential", "--seeds", "1..4"), SMALL_3D.stream()).toList();

        Ran reported = test("sweep-reported", sweep);
        Ran required = test("sweep-required", sweep, "--require-targets");

        assertThat(reported.status()).as(reported.out()).isZero();
        Matcher maxLine = Pattern.compile("(?m)^target +stable-latency-max < 600 ms: met on (\\d) of 4 seeds, missed on (\\d): (.*)$")
                .matcher(reported.out());
        assertThat(maxLine.find()).as(reported.out()).isTrue();
        List<Long> missed = Stream.of(maxLine.group(3).split(", ")).map(Long::valueOf).toList();
        assertThat(missed).hasSize(Integer.parseInt(maxLine.group(2)));
        assertThat(reported.out()).contains("Every seed is valid, but " + missed.size() + " of 4 missed a target");

        assertThat(required.status()).as(required.out()).isEqualTo(GlomersCommand.TARGETS_MISSED);
        Matcher failing = Pattern.compile("(?m)^  seed (\\d+): missed \\((.*)\\)\\n    (bin/glomers .*)$").matcher(required.out());
        List<Long> failed = new ArrayList<>();
        String firstReplay = null;
        while (failing.find()) {
            failed.add(Long.parseLong(failing.group(1)));
            assertThat(failing.group(2)).contains("stable-latency-max").contains("< 600 ms");
            assertThat(failing.group(3)).contains("--seed " + failing.group(1)).contains("--require-targets");
            firstReplay = firstReplay == null ? failing.group(3) : firstReplay;
        }
        assertThat(failed).as("the seeds that missed, and only those, fail").isEqualTo(missed);
        assertThat(required.out()).contains("seeds are valid but missed a target").contains("replayed: missed, as in the sweep");

        JsonNode sweepJson = sweepJson("sweep-required");
        assertThat(sweepJson.get("exit-status").asInt()).isEqualTo(3);
        assertThat(sweepJson.get("require-targets").asBoolean()).isTrue();
        assertThat(sweepJson.at("/targets/2/name").asText()).isEqualTo("stable-latency-max");
        assertThat(sweepJson.at("/targets/2/missed-count").asInt()).isEqualTo(missed.size());
        for (JsonNode seed : sweepJson.get("seeds")) {
            boolean seedMissed = missed.contains(seed.get("seed").asLong());
            assertThat(seed.at("/targets/2/met").asBoolean()).isEqualTo(!seedMissed);
            assertThat(seed.has("replay")).isEqualTo(seedMissed);
        }

        String[] words = firstReplay.substring("bin/glomers ".length()).split(" ");
        Ran replay = TestCli.run(root, Map.of(), words);
        assertThat(replay.status()).as(replay.out()).isEqualTo(GlomersCommand.TARGETS_MISSED);
        assertThat(verdicts(replay)).containsExactly("met", "met", "missed");
    }

    private static JsonNode sweepJson(String results) throws IOException {
        try (Stream<Path> folders = java.nio.file.Files.list(root.resolve(results))) {
            Path sweep = folders.filter(p -> p.getFileName().toString().contains("-seeds")).findFirst().orElseThrow();
            return Json.mapper().readTree(sweep.resolve("sweep.json").toFile());
        }
    }

    @Test
    void fiveCComparesWithTheSameNodesNewest5bRunWithTheSameOptions() throws IOException {
        List<String> small = List.of("--time-limit", "2", "--rate", "100");

        Ran noBaseline = test("kafka", Stream.concat(Stream.of("5c"), small.stream()).toList(), "--require-targets");
        assertThat(noBaseline.status()).as("nothing to compare with is neither met nor missed: " + noBaseline.out()).isZero();
        assertThat(targetLines(noBaseline)).hasSize(1);
        assertThat(targetLines(noBaseline).get(0).get(0)).matches("msgs-per-op [0-9.]+ < 5b's");
        assertThat(targetLines(noBaseline).get(0).get(1)).isEqualTo("no 5b run of this node to compare with");
        assertThat(latestRunJson("kafka").at("/targets/0/met").isNull()).isTrue();

        Ran fiveB = test("kafka", Stream.concat(Stream.of("5b", "noisy"), small.stream()).toList());
        assertThat(fiveB.status()).as(fiveB.out()).isZero();
        String fiveBFolder = root.resolve("kafka").resolve("latest").toRealPath().getFileName().toString();
        assertThat(targetLines(fiveB)).as("5b has no targets of its own").isEmpty();

        Ran quiet = test("kafka", Stream.concat(Stream.of("5c"), small.stream()).toList(), "--require-targets");
        assertThat(quiet.status()).as(quiet.out()).isZero();
        assertThat(targetLines(quiet)).hasSize(1);
        assertThat(targetLines(quiet).get(0).get(0)).endsWith("(5b: " + fiveBFolder + ")");
        assertThat(targetLines(quiet).get(0).get(1)).isEqualTo("met");
        assertThat(latestRunJson("kafka").at("/targets/0/compared-with").asText()).isEqualTo("5b: " + fiveBFolder);

        Ran noisy = test("kafka", Stream.concat(Stream.of("5c", "noisy"), small.stream()).toList(), "--require-targets");
        assertThat(noisy.status()).as("as many messages as its 5b: " + noisy.out()).isEqualTo(GlomersCommand.TARGETS_MISSED);
        assertThat(verdicts(noisy)).containsExactly("missed");

        Ran otherOptions = test("kafka", List.of("5c", "--time-limit", "3", "--rate", "100"), "--require-targets");
        assertThat(otherOptions.status()).as(otherOptions.out()).isZero();
        assertThat(verdicts(otherOptions)).as("5b ran with other options: no comparison")
                .containsExactly("no 5b run of this node to compare with");
    }

    @Test
    void totalAvailabilityIsATargetOfItsOwnWhateverAvailabilityTheCheckerIsGiven() {
        Ran lenient = test("ids", List.of("2", "--time-limit", "2", "--rate", "100", "--availability", "0.5"));
        assertThat(lenient.status()).as("valid at 0.5: " + lenient.out()).isZero();
        assertThat(targetLines(lenient)).hasSize(1);
        assertThat(targetLines(lenient).get(0).get(0)).as("one generate in ten refused").matches("ok-fraction 0\\.9\\d{3} >= 1");
        assertThat(targetLines(lenient).get(0).get(1)).isEqualTo("missed");

        Ran required = test("ids", List.of("2", "--time-limit", "2", "--rate", "100", "--availability", "0.5"), "--require-targets");
        assertThat(required.status()).isEqualTo(GlomersCommand.TARGETS_MISSED);

        Ran published = test("ids", List.of("2", "--time-limit", "2", "--rate", "100"), "--require-targets");
        assertThat(published.status()).as("the checker's own total availability makes it invalid: 1, not 3").isEqualTo(1);
        assertThat(verdicts(published)).containsExactly("missed");
    }

    @Test
    void requireTargetsNeedsAChallengeAndTheBenchsOwnResults() {
        TestCli.assertUsageError(TestCli.run(root, Map.of(), "test", "broadcast", "--require-targets"), "--require-targets",
                "workload");
        TestCli.assertUsageError(TestCli.run(root, Map.of(), "test", "3d", "--require-targets", "--maelstrom", "/bin/true"),
                "--require-targets", "results.edn");
    }
}
