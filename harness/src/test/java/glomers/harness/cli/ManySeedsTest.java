package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.cli.TestCli.Ran;
import glomers.harness.run.FlakyEcho;
import glomers.runtime.Body;
import glomers.runtime.Json;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glomers test … --seeds A..B}: the summary, the replay commands, the folders, the exit status, and the mistakes. */
class ManySeedsTest {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** A failing seed's two lines in the summary: why, then the command that replays it. */
    private static final Pattern FAILING_SEED = Pattern.compile("(?m)^  seed (\\d+): (\\w+) \\((.*)\\)\\n    (bin/glomers .*)$");

    @TempDir
    Path root;

    private Ran run(String... args) {
        return TestCli.run(root, Map.of(), args);
    }

    /** A command into {@code <root>/runs}. */
    private Ran runInto(String... args) {
        return run(Stream.concat(Stream.of(args), Stream.of("--results", runs().toString())).toArray(String[]::new));
    }

    private Path runs() {
        return root.resolve("runs");
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.sorted().toList();
        }
    }

    /** The one sweep folder under runs/. */
    private Path sweepFolder() throws IOException {
        List<Path> folders = list(runs());
        assertThat(folders).hasSize(1);
        return folders.get(0);
    }

    private JsonNode sweepJson() throws IOException {
        return Json.mapper().readTree(sweepFolder().resolve("sweep.json").toFile());
    }

    /** The failing seeds the summary lists, in order, each with its outcome, why and replay command. */
    private record Listed(long seed, String outcome, String why, String replay) {
    }

    private static List<Listed> listed(String out) {
        List<Listed> seeds = new ArrayList<>();
        Matcher m = FAILING_SEED.matcher(out);
        while (m.find()) {
            seeds.add(new Listed(Long.parseLong(m.group(1)), m.group(2), m.group(3), m.group(4)));
        }
        return seeds;
    }

    /** A printed command's words as a POSIX shell reads them, without the leading bin/glomers. */
    private static String[] shellWords(String command) throws IOException, InterruptedException {
        assertThat(command).startsWith("bin/glomers ");
        Process shell = new ProcessBuilder("/bin/sh", "-c", "printf '%s\\n' " + command.substring("bin/glomers ".length()))
                .redirectErrorStream(true).start();
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toArray(String[]::new);
    }

    // ---- what a sweep finds ----------------------------------------------------------------------

    @Test
    void aSweepNamesExactlyTheSeedsOnWhichTheNodeFailsAndEachReplayCommandReproducesItsVerdict() throws Exception {
        TestModules.jar(root, "echo", FlakyEcho.class);

        Ran sweep = runInto("test", "1", "--seeds", "1..12", "--time-limit", "2", "--threads", "2");

        List<Long> failingAlone = new ArrayList<>();
        for (long seed = 1; seed <= 12; seed++) {
            Ran single = run("test", "1", "--time-limit", "2", "--seed", String.valueOf(seed), "--results", root.resolve("single").toString());
            assertThat(single.status()).as("seed %d alone", seed).isIn(0, 1);
            if (single.status() == 1) {
                failingAlone.add(seed);
            }
        }
        assertThat(failingAlone).as("the node fails on some seeds, not all").isNotEmpty().hasSizeLessThan(12);
        assertThat(sweep.status()).as(sweep.err()).isEqualTo(1);
        assertThat(sweep.out()).contains((12 - failingAlone.size()) + " of 12 seeds valid (" + failingAlone.size() + " invalid)")
                .contains(failingAlone.size() + " of 12 seeds are invalid");
        List<Listed> listed = listed(sweep.out());
        assertThat(listed).extracting(Listed::seed).containsExactlyElementsOf(failingAlone);
        assertThat(listed).extracting(Listed::why).containsOnly("workload: 1 error");
        assertThat(sweep.err()).contains("[12/12 seeds] " + (12 - failingAlone.size()) + " valid, " + failingAlone.size() + " not");

        Path folder = sweepFolder();
        assertThat(folder.getFileName().toString()).endsWith("-1-sim-seeds1-12");
        List<Path> kept = list(folder);
        assertThat(kept).as("sweep.json and the first failing seed's run folder, nothing for passing seeds").hasSize(2);
        assertThat(kept.get(0).getFileName().toString()).endsWith("-1-sim-seed" + failingAlone.get(0));
        assertThat(kept.get(1).getFileName().toString()).isEqualTo("sweep.json");
        JsonNode firstRun = Json.mapper().readTree(kept.get(0).resolve("run.json").toFile());
        assertThat(firstRun.get("valid?").isBoolean()).as("a JSON boolean").isTrue();
        assertThat(firstRun.get("valid?").booleanValue()).isFalse();
        assertThat(kept.get(0).resolve("index.html")).as("a kept seed's folder gets its pages").exists();
        assertThat(firstRun.get("seed").asLong()).isEqualTo(failingAlone.get(0));
        assertThat(sweep.out()).contains("seed " + failingAlone.get(0) + ", replayed: invalid, as in the sweep").contains(kept.get(0).toString());

        JsonNode json = sweepJson();
        assertThat(json.get("command").asText()).isEqualTo("bin/glomers test 1 --seeds 1..12 --time-limit 2 --threads 2 --results " + runs());
        assertThat(json.get("invalid-count").asInt()).isEqualTo(failingAlone.size());
        assertThat(json.get("exit-status").asInt()).isEqualTo(1);
        assertThat(json.get("seeds")).hasSize(12);
        assertThat(json.at("/options/time-limit").asInt()).isEqualTo(2);
        assertThat(json.at("/options/seed").isMissingNode()).as("each seed is in seeds").isTrue();
        for (Listed seed : listed) {
            assertThat(seed.replay()).isEqualTo("bin/glomers test 1 --seed " + seed.seed() + " --time-limit 2 --results " + runs());
            assertThat(json.at("/seeds/" + (seed.seed() - 1) + "/replay").asText()).isEqualTo(seed.replay());
            Ran replay = run(shellWords(seed.replay()));
            assertThat(replay.status()).as(seed.replay()).isEqualTo(1);
            assertThat(replay.out()).contains("The run is invalid: workload failed");
        }
    }

    @Test
    void aSweepOfValidSeedsShowsEachFiguresSpreadAndKeepsOnlySweepJson() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);

        Ran sweep = runInto("test", "echo", "--runs", "3", "--node-count", "1", "--time-limit", "1");

        assertThat(sweep.status()).as(sweep.err()).isZero();
        assertThat(sweep.out()).contains("3 of 3 seeds valid\n").containsPattern("min / median / max")
                .containsPattern("servers msgs-per-op +0\\.00 / 0\\.00 / 0\\.00\\n")
                .containsPattern("availability +1\\.0000 / 1\\.0000 / 1\\.0000\\n")
                .containsPattern("wall per run +\\d+ / \\d+ / \\d+ ms\\n")
                .doesNotContain("stable latency").doesNotContain("partitions").doesNotContain("failing")
                .contains("Every seed looks good!");
        assertThat(list(sweepFolder())).extracting(p -> p.getFileName().toString()).containsExactly("sweep.json");
        JsonNode json = sweepJson();
        assertThat(json.get("first-seed").asLong()).isEqualTo(1);
        assertThat(json.get("last-seed").asLong()).isEqualTo(3);
        assertThat(json.get("valid-count").asInt()).isEqualTo(3);
        assertThat(json.has("first-failure")).isFalse();
        assertThat(json.at("/spread/ok-fraction/median").asDouble()).isEqualTo(1.0);
        assertThat(json.at("/seeds/2/seed").asLong()).isEqualTo(3);
        assertThat(json.at("/seeds/2/stable-latency-median").isNull()).as("echo has none").isTrue();
    }

    @Test
    void keepAllKeepsEverySeedsRunFolder() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);

        Ran sweep = runInto("test", "echo", "--seeds", "3..5", "--node-count", "1", "--time-limit", "1", "--keep-all");

        assertThat(sweep.status()).as(sweep.err()).isZero();
        List<String> names = list(sweepFolder()).stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).hasSize(4).contains("sweep.json");
        for (long seed = 3; seed <= 5; seed++) {
            long s = seed;
            assertThat(names).anySatisfy(name -> assertThat(name).endsWith("-echo-sim-seed" + s));
            assertThat(sweepJson().at("/seeds/" + (seed - 3) + "/folder").asText()).endsWith("-echo-sim-seed" + seed);
        }
    }

    @Test
    void theReplayCommandCarriesEveryOptionAndNodeArgumentEvenOnesTheShellMustBeToldApart() throws Exception {
        TestModules.jar(root, "echo", TestModules.ChattyEcho.class);

        Ran sweep = run("test", "-w", "echo", "--seeds", "1..2", "--time-limit", "1", "--nodes", "a,b", "-n", "d",
                "--nemesis", "partition", "--results", runs().toString(), "--", "it's", "two words", "-x");

        assertThat(sweep.status()).as(sweep.err()).isEqualTo(1);
        Listed second = listed(sweep.out()).get(1);
        assertThat(second.seed()).isEqualTo(2);
        assertThat(second.replay()).isEqualTo("bin/glomers test --seed 2 --workload echo --time-limit 1 --nodes a,b --node d "
                + "--nemesis partition --results " + runs() + " -- 'it'\\''s' 'two words' -x");
        JsonNode sweepOptions = sweepJson().get("options");
        Files.move(sweepFolder(), root.resolve("sweep"));

        Ran replay = run(shellWords(second.replay()));

        assertThat(replay.status()).isEqualTo(1);
        JsonNode run = Json.mapper().readTree(list(runs()).get(0).resolve("run.json").toFile());
        assertThat(Json.mapper().convertValue(run.get("node-args"), STRINGS)).containsExactly("it's", "two words", "-x");
        ((com.fasterxml.jackson.databind.node.ObjectNode) sweepOptions).put("seed", 2);
        assertThat(run.get("options")).isEqualTo(sweepOptions);
    }

    @Test
    void theFailingListIsBoundedAndSweepJsonHasEverySeed() throws IOException {
        TestModules.jar(root, "echo", TestModules.ChattyEcho.class);

        Ran sweep = runInto("test", "echo", "--runs", "23", "--node-count", "1", "--time-limit", "1");

        assertThat(sweep.status()).isEqualTo(1);
        assertThat(listed(sweep.out())).hasSize(ManySeeds.MAX_LISTED).extracting(Listed::seed).startsWith(1L, 2L);
        assertThat(sweep.out()).contains("23, the first 20 shown").contains("and 3 more (every seed is in sweep.json)");
        assertThat(sweep.err().lines().filter(line -> line.startsWith("  seed "))).hasSize(ManySeeds.MAX_LISTED);
        assertThat(sweepJson().get("seeds")).hasSize(23).allSatisfy(seed -> assertThat(seed.get("replay").asText()).contains("--seed"));
    }

    @Test
    void seedsWhosePartitionsCutNothingAreFlagged() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);

        Ran sweep = runInto("test", "echo", "--seeds", "1..3", "--node-count", "1", "--time-limit", "10", "--nemesis", "partition",
                "--nemesis-interval", "2");

        assertThat(sweep.status()).as("valid, but").isZero();
        assertThat(sweep.out()).containsPattern("partitions +[1-9]\\d* / [1-9]\\d* / [1-9]\\d*\\n")
                .containsPattern("that cut a node off +0 / 0 / 0\\n")
                .containsPattern("never partitioned +3 seeds \\(partitions on, none cut a node off\\): 1, 2, 3\\n");
        assertThat(sweepJson().get("seeds")).allSatisfy(seed -> assertThat(seed.get("partitions-effective").asInt()).isZero());
    }

    /** An echo node that breaks only in the first node it is installed in, of all in this JVM: state kept outside its node. */
    public static final class StatefulEcho implements NodeProgram {
        static final AtomicInteger INSTALLED = new AtomicInteger();

        @Override
        public void install(Node node) {
            boolean broken = INSTALLED.incrementAndGet() == 1;
            node.on("echo", request -> request.reply(Body.of("echo_ok").put("echo", broken ? "lost" : request.body().get("echo").asText())));
        }
    }

    @Test
    void aFirstFailureThatReplaysOtherwiseIsCalledOutAsNotDeterministic() throws IOException {
        TestModules.jar(root, "echo", StatefulEcho.class);
        StatefulEcho.INSTALLED.set(0);

        Ran sweep = runInto("test", "1", "--seeds", "1..3", "--time-limit", "1", "--threads", "1");

        assertThat(sweep.status()).isEqualTo(1);
        assertThat(listed(sweep.out())).extracting(Listed::seed).containsExactly(1L);
        assertThat(sweep.out()).contains("seed 1, replayed: valid, NOT invalid as in the sweep: the node is not deterministic");
        assertThat(sweepJson().at("/first-failure/replayed-outcome").asText()).isEqualTo("valid");
    }

    // ---- mistakes --------------------------------------------------------------------------------

    @Test
    void seedsGoOnlyWithSimModeAndSayWhy() throws IOException {
        Path node = root.resolve("node.sh");
        Files.writeString(node, "#!/bin/sh\n");
        node.toFile().setExecutable(true);

        TestCli.assertUsageError(run("test", "1", "--seeds", "1..3", "--mode", "process"), "--seeds", "sim mode", "--mode process");
        TestCli.assertUsageError(run("test", "1", "--runs", "3", "--bin", node.toString()), "--runs", "sim mode", "--bin");
        TestCli.assertUsageError(run("test", "1", "--seeds", "1..3", "--maelstrom", node.toString()), "--seeds", "--maelstrom");
        TestCli.assertUsageError(run("test", "1", "--seeds", "1..3", "--mode", "maelstrom"), "--mode maelstrom");
    }

    @Test
    void badRangesAndOptionsThatNeedASweepAreUsageErrors() {
        Ran backwards = run("test", "1", "--seeds", "5..1");
        TestCli.assertUsageError(backwards, "--seeds 5..1 is empty");
        assertThat(backwards.errLines().get(1)).isEqualTo("Try: --seeds 1..5");
        TestCli.assertUsageError(run("test", "1", "--seeds", "x..3"), "A..B", "\"x..3\"");
        TestCli.assertUsageError(run("test", "1", "--seeds", "0"), "A..B", "\"0\"");
        TestCli.assertUsageError(run("test", "1", "--seeds", "-1..3"), "A..B");
        TestCli.assertUsageError(run("test", "1", "--seeds", "1..200000"), "at most 100000");
        TestCli.assertUsageError(run("test", "1", "--runs", "0"), "--runs must be at least 1");
        TestCli.assertUsageError(run("test", "1", "--runs", "3", "--threads", "0"), "--threads must be at least 1");
        TestCli.assertUsageError(run("test", "1", "--threads", "2"), "--threads goes with --seeds");
        TestCli.assertUsageError(run("test", "1", "--keep-all"), "--keep-all goes with --seeds");
        TestCli.assertUsageError(run("test", "1", "--seeds", "1..3", "--seed", "2"), "--seed", "--seeds");
        TestCli.assertUsageError(run("test", "1", "--seeds", "1..3", "--runs", "3"), "--seeds and --runs");
        assertThat(Files.exists(runs())).isFalse();
    }

    @Test
    void theHelpStatesTheSweepsExitStatusRule() {
        Ran help = run("test", "--help");

        assertThat(help.out()).contains("glomers test 3c --seeds 1..100")
                .contains("With --seeds: 0 if every seed is valid, 1 if any is invalid, else 255 if any was aborted,")
                .contains("else 2 (some seed is unknown).");
    }
}
