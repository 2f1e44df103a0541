package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.cli.TestCli.Ran;
import glomers.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glomers progress} over a results folder of real runs (challenge 1 passed; 3b with other
 * parameters) and hand-made ones (3d passed, 3e missing a target, an old-style 4 without a node,
 * an old process run, a 6a sweep, a node of one's own with 5b and 5c), and its usage errors.
 */
class ProgressCommandTest {
    /** A challenge's first line: id, title, status, and the rest. */
    private static final Pattern CHALLENGE = Pattern.compile("(?m)^  (\\S+) +(.+?) +(passed|not passed|never run) +(.*)$");

    @TempDir
    static Path root;
    static final String BIN = "/home/learner/my-node/bin/node";

    private static Path runs() {
        return root.resolve("maelstrom-results/runs");
    }

    @BeforeAll
    static void keptRuns() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);
        TestModules.jar(root, "broadcast", TargetNodes.Broadcast.class);
        assertThat(TestCli.run(root, Map.of(), "test", "1").status()).isZero();
        assertThat(TestCli.run(root, Map.of(), "test", "3b", "--time-limit", "2").status()).isZero();

        JsonNode broadcast = node("module", "broadcast", "/repo/broadcast/target/broadcast.jar");
        folder(runs(), "20261201T100000.000Z-3d-sim-seed1", "3d", broadcast, "valid", ChallengeTargetTest.results(11.9, 83.0, 99.0, 1.0));
        folder(runs(), "20261201T100030.000Z-3d-sim-seed2", "3d", broadcast, "invalid",
                ChallengeTargetTest.results(11.9, 83.0, 99.0, 1.0));
        folder(runs(), "20261201T100100.000Z-3e-batch-sim-seed2", "3e", broadcast, "valid",
                ChallengeTargetTest.results(0.7, 1200.0, 1900.0, 1.0));
        ObjectNode oldStyle = folder(runs(), "20261123T180749.925Z-4-sim-seed1", "4", null, "valid",
                ChallengeTargetTest.results(1.06, null, null, 1.0));
        oldStyle.put("valid?", "true"); // as the first run.json wrote it, with the options by their Java names
        oldStyle.set("options", Json.mapper().readTree("{\"workload\":\"g-counter\",\"nodeCount\":3,\"timeLimitSeconds\":20,"
                + "\"rate\":100.0,\"concurrency\":3,\"latencyMillis\":0,\"latencyDist\":\"CONSTANT\",\"partitions\":true,"
                + "\"nemesisIntervalSeconds\":10.0,\"availability\":null,\"topology\":\"grid\",\"seed\":1}"));
        Json.mapper().writeValue(runs().resolve("20261123T180749.925Z-4-sim-seed1/run.json").toFile(), oldStyle);
        ObjectNode oldProcess = folder(runs(), "20261123T180820.629Z-4-process-seed1", "4", null, "valid",
                ChallengeTargetTest.results(1.07, null, null, 1.0));
        oldProcess.put("mode", "process");
        Json.mapper().writeValue(runs().resolve("20261123T180820.629Z-4-process-seed1/run.json").toFile(), oldProcess);
        sweep(runs(), "20261201T100200.000Z-6a-sim-seeds1-10", "6a", 10, 10);

        JsonNode own = node("bin", "node", BIN);
        folder(runs(), "20261201T110000.000Z-5b-node-sim-seed1", "5b", own, "valid", ChallengeTargetTest.results(1.5, null, null, 1.0));
        folder(runs(), "20261201T110100.000Z-5c-node-sim-seed1", "5c", own, "valid", ChallengeTargetTest.results(0.4, null, null, 1.0));
        folder(runs(), "20261201T110200.000Z-1-node-sim-seed1", "1", own, "invalid", ChallengeTargetTest.results(0.0, null, null, 1.0));
    }

    private static JsonNode node(String kind, String name, String path) {
        return Json.mapper().createObjectNode().put("kind", kind).put("name", name).put("path", path)
                .<ObjectNode>set("args", Json.mapper().createArrayNode()).putNull("strategy");
    }

    /** A run folder as glomers test writes one: run.json with the challenge's published options, results.json. */
    private static ObjectNode folder(Path parent, String name, String challenge, JsonNode node, String verdict, ObjectNode results)
            throws IOException {
        Path folder = Files.createDirectories(parent.resolve(name));
        ObjectNode run = Json.mapper().createObjectNode().put("challenge", challenge);
        if (node != null) {
            run.set("node", node);
        }
        run.set("options", ResultsFolder.options(Challenge.find(challenge).orElseThrow().options()));
        run.put("mode", "sim").put("seed", 1).put("valid?", verdict.equals("valid"));
        results.put("valid?", verdict.equals("valid"));
        Json.mapper().writeValue(folder.resolve("run.json").toFile(), run);
        Json.mapper().writeValue(folder.resolve("results.json").toFile(), results);
        return run;
    }

    /** A sweep folder of a module's runs: sweep.json with its counts, its targets' tallies and its spread. */
    private static void sweep(Path parent, String name, String challenge, int seeds, int metTotalAvailability) throws IOException {
        Path folder = Files.createDirectories(parent.resolve(name));
        ObjectNode sweep = Json.mapper().createObjectNode().put("challenge", challenge).put("mode", "sim");
        sweep.set("options", ResultsFolder.options(Challenge.find(challenge).orElseThrow().options()).without("seed"));
        sweep.put("first-seed", 1).put("last-seed", seeds).put("seed-count", seeds).put("valid-count", seeds);
        sweep.putArray("targets").addObject().put("name", "ok-fraction").put("comparison", ">=").put("limit", "1")
                .put("met-count", metTotalAvailability).put("missed-count", seeds - metTotalAvailability);
        sweep.putObject("spread").putObject("msgs-per-op").put("min", 0.0).put("median", 0.0).put("max", 0.0);
        Json.mapper().writeValue(folder.resolve("sweep.json").toFile(), sweep);
    }

    /** Each challenge's first line in the output, by id: [title, status, rest]. */
    private static Map<String, List<String>> challenges(String out) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        Matcher m = CHALLENGE.matcher(out);
        while (m.find()) {
            lines.put(m.group(1), List.of(m.group(2), m.group(3), m.group(4)));
        }
        return lines;
    }

    /** The detail lines under challenge {@code id}'s first line, each without its indent, one a line. */
    private static String details(String out, String id) {
        StringBuilder details = new StringBuilder();
        boolean under = false;
        for (String line : out.lines().toList()) {
            if (line.startsWith("  " + id + " ")) {
                under = true;
            } else if (under && line.startsWith("        ")) {
                details.append(line.strip()).append('\n');
            } else if (under) {
                break;
            }
        }
        return details.toString();
    }

    @Test
    void everyModuleWithRunsGetsItsChallengesInOrderWithWhatPassedWhenAndWhere() {
        Ran ran = TestCli.run(root, Map.of(), "progress");

        assertThat(ran.status()).as(ran.err()).isZero();
        String out = ran.out();
        assertThat(out).contains("echo (module): 1 of 1 challenge passed").contains("broadcast (module): 1 of 5 challenges passed")
                .contains("g-counter (module): 1 of 1 challenge passed").contains("txn-rw-register (module): 1 of 3 challenges passed")
                .doesNotContain("unique-ids (module)").doesNotContain("kafka-log (module)");
        Map<String, List<String>> lines = challenges(out);
        assertThat(lines.keySet()).containsExactly("1", "3a", "3b", "3c", "3d", "3e", "4", "6a", "6b", "6c");
        assertThat(lines.get("1").get(1)).isEqualTo("passed");
        assertThat(lines.get("1").get(2)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC, sim, seed 1 \\(1 of 1 run passed\\)");
        assertThat(details(out, "1")).contains("folder   maelstrom-results/runs/").contains("-1-sim-seed1");

        assertThat(lines.get("3a").get(1)).isEqualTo("never run");
        assertThat(lines.get("3a").get(2)).isEqualTo("bin/glomers test 3a");
        assertThat(lines.get("3b").get(1)).as("run with --time-limit 2 only").isEqualTo("never run");
        assertThat(details(out, "3b")).contains("1 run with other parameters, not counted");

        assertThat(lines.get("3d")).containsExactly("Efficient Broadcast, Part I", "passed",
                "2026-12-01 10:00:00 UTC, sim, seed 1 (1 of 2 runs passed)");
        assertThat(details(out, "3d")).contains("target   msgs-per-op 11.90 < 30  met")
                .contains("since    the newest run did not pass: 2026-12-01 10:00:30 UTC, sim, seed 1: invalid")
                .contains("maelstrom-results/runs/20261201T100030.000Z-3d-sim-seed2")
                .contains("target   stable-latency-max 99 ms < 600 ms  met").contains("figures  ok-fraction 1.0000")
                .contains("folder   maelstrom-results/runs/20261201T100000.000Z-3d-sim-seed1");

        assertThat(lines.get("3e").get(1)).isEqualTo("not passed");
        assertThat(details(out, "3e")).contains("why      valid, but missed stable-latency-median 1200 ms < 1000 ms")
                .contains("target   stable-latency-max 1900 ms < 2000 ms  met");

        assertThat(lines.get("4").get(1)).as("an old sim folder without node: the challenge's module").isEqualTo("passed");
        assertThat(lines.get("6a").get(1)).isEqualTo("passed");
        assertThat(lines.get("6a").get(2)).contains("sim, seeds 1..10");
        assertThat(details(out, "6a")).contains("target   ok-fraction >= 1: met on 10 of 10 seeds")
                .contains("medians over the seeds: msgs-per-op 0.00");
        assertThat(lines.get("6b").get(1)).isEqualTo("never run");

        assertThat(out).contains("glomers progress --bin " + BIN + "    (3 runs)")
                .contains("Note: 1 older process-mode run folder left out");
    }

    @Test
    void aNodeOfOnesOwnGetsEveryChallengeAnd5cComparesWithIts5b() {
        Ran ran = TestCli.run(root, Map.of(), "progress", "--bin", BIN);

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ran.err()).contains("warning: --bin " + BIN + " does not exist");
        String out = ran.out();
        assertThat(out).contains("--bin " + BIN + ": 2 of " + Challenge.ALL.size() + " challenges passed");
        Map<String, List<String>> lines = challenges(out);
        assertThat(lines.keySet()).containsExactlyElementsOf(Challenge.ALL.stream().map(Challenge::id).toList());
        assertThat(lines.get("1").get(1)).isEqualTo("not passed");
        assertThat(details(out, "1")).contains("why      invalid");
        assertThat(lines.get("2").get(2)).isEqualTo("bin/glomers test 2 --bin " + BIN);
        assertThat(lines.get("5b").get(1)).isEqualTo("passed");
        assertThat(lines.get("5c").get(1)).isEqualTo("passed");
        assertThat(details(out, "5c")).contains("target   msgs-per-op 0.40 < 1.50 (5b: 20261201T110000.000Z-5b-node-sim-seed1)  met");
    }

    @Test
    void aResultsFolderAddsItsRunsAndAModuleNamedShowsOnlyItsChallenges() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        folder(elsewhere, "20261202T090000.000Z-3a-sim-seed4", "3a", node("module", "broadcast", "/x"), "valid",
                ChallengeTargetTest.results(0.0, 0.0, 0.0, 1.0));

        Ran without = TestCli.run(root, Map.of(), "progress", "broadcast");
        Ran with = TestCli.run(root, Map.of(), "progress", "broadcast", "--results", elsewhere.toString());

        assertThat(challenges(without.out()).keySet()).containsExactly("3a", "3b", "3c", "3d", "3e");
        assertThat(challenges(without.out()).get("3a").get(1)).isEqualTo("never run");
        assertThat(challenges(with.out()).get("3a").get(1)).isEqualTo("passed");
        assertThat(with.out()).as("folders inside the repository are shown from its root")
                .contains("Runs read from maelstrom-results/runs, maelstrom-results/reference, elsewhere.")
                .contains("folder   elsewhere/20261202T090000.000Z-3a-sim-seed4");
    }

    @Test
    void badOptionsAreUsageErrors() {
        TestCli.assertUsageError(TestCli.run(root, Map.of(), "progress", "kafka"), "unknown module \"kafka\"", "kafka-log");
        TestCli.assertUsageError(TestCli.run(root, Map.of(), "progress", "echo", "--bin", BIN), "give one node");
        TestCli.assertUsageError(TestCli.run(root, Map.of(), "progress", "--results", root.resolve("missing").toString()),
                "does not exist");
        TestCli.assertUsageError(TestCli.run(root, Map.of(), "progress", "--frobnicate"));
    }
}
