package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.cli.TestCli.Ran;
import glomers.harness.reference.ReferenceBroadcast;
import glomers.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GlomersCommandTest {
    /** The narrowest terminal the help is laid out for. */
    private static final int TERMINAL_WIDTH = 80;

    @TempDir
    Path root;

    private Ran run(String... args) {
        return runWith(Map.of(), args);
    }

    private Ran runWith(Map<String, String> env, String... args) {
        return TestCli.run(root, env, args);
    }

    /** A run into {@code <root>/runs}, with the arguments given. */
    private Ran runInto(String... args) {
        return run(Stream.concat(Stream.of(args), Stream.of("--results", runs().toString())).toArray(String[]::new));
    }

    private Path runs() {
        return root.resolve("runs");
    }

    /** A stand-in for Maelstrom that writes its arguments, one a line, to args.txt in its working directory. */
    private Path fakeMaelstrom(int exitStatus) throws IOException {
        return executable(root.resolve("fake-maelstrom"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > args.txt\nexit " + exitStatus + "\n");
    }

    /** An executable at bin/<module>, where the command looks for a module's launcher. */
    private Path fakeLauncher(String module) throws IOException {
        return executable(Files.createDirectories(root.resolve("bin")).resolve(module), "#!/bin/sh\n");
    }

    /** A fake Maelstrom, and the module built with its launcher at bin/<module>, as a maelstrom-mode run needs them. */
    private Path fakeMaelstromFor(String module, Class<?> node, int exitStatus) throws IOException {
        TestModules.jar(root, module, node);
        fakeLauncher(module);
        return fakeMaelstrom(exitStatus);
    }

    private static Path executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        file.toFile().setExecutable(true);
        return file;
    }

    /** The one run folder in runs/, beside the latest pointers at it. */
    private Path onlyRunFolder() throws IOException {
        try (var folders = Files.list(runs())) {
            List<Path> all = folders.filter(p -> !Latest.isPointer(p.getFileName().toString())).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private JsonNode runJson() throws IOException {
        return Json.mapper().readTree(onlyRunFolder().resolve("run.json").toFile());
    }

    /** The arguments the fake Maelstrom got, one string with single spaces, and as a list. */
    private List<String> maelstromArgs() throws IOException {
        return Files.readAllLines(onlyRunFolder().resolve("args.txt"));
    }

    private static List<String> texts(JsonNode array) {
        return Json.mapper().convertValue(array, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { });
    }

    private static void assertUsageError(Ran ran, String... mentions) {
        TestCli.assertUsageError(ran, mentions);
    }

    // ---- list, help --------------------------------------------------------------------------

    @Test
    void listShowsEveryChallengeWithItsPublishedFlags() {
        Ran ran = run("list");

        assertThat(ran.status()).isZero();
        for (Challenge c : Challenge.ALL) {
            assertThat(ran.out()).contains(c.id() + " ").contains(c.flags());
        }
        assertThat(ran.out()).contains("to come");
    }

    @Test
    void glomersAloneAndGlomersHelpPrintTheUsage() {
        for (String[] args : new String[][] {{}, {"help"}, {"--help"}}) {
            Ran ran = run(args);
            assertThat(ran.status()).as(String.join(" ", args)).isZero();
            assertThat(ran.out()).as(String.join(" ", args)).startsWith("Usage: glomers").contains("test").contains("list")
                    .contains("bin/glomers build");
        }
        String flatUsage = run().out().replaceAll("\\s+", " ");
        for (CommandLine sub : GlomersCommand.commandLine(Map.of()).getSubcommands().values()) {
            CommandLine.Model.UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
            String summary = usage.header().length > 0 ? usage.header()[0] : usage.description()[0]; // what the list shows
            assertThat(summary).as("the line the command list shows, whole").matches("[A-Z].*\\.");
            assertThat(flatUsage).contains(summary.replaceAll("\\s+", " "));
        }
        Ran helpTest = run("help", "test");
        assertThat(helpTest.status()).isZero();
        assertThat(helpTest.out()).startsWith("Usage: glomers test");
    }

    @Test
    void testHelpShowsDefaultsExamplesAndWhichModeRunsWhichNodes() {
        Ran ran = run("test", "--help");

        assertThat(ran.status()).isZero();
        assertThat(ran.out()).contains("Examples:").contains("glomers test 3b").contains("glomers test -w broadcast")
                .contains("Default: 5").contains("n1 … n5")
                .contains("sim:").contains("process:").contains("maelstrom:");
    }

    @Test
    void everyOptionIsDescribedInWholeSentencesThatTheUsageShowsUncut() {
        CommandLine test = GlomersCommand.commandLine(Map.of()).getSubcommands().get("test");
        String usage = run("test", "--help").out();
        String flatUsage = usage.replaceAll("\\s+", " ");

        for (CommandLine.Model.OptionSpec option : test.getCommandSpec().options()) {
            if (option.hidden()) {
                continue;
            }
            String description = String.join(" ", option.description()).replaceAll("\\s+", " ");
            assertThat(description).as(option.longestName()).matches("[A-Z].*\\.");
            assertThat(flatUsage).as(option.longestName()).contains(description);
        }
        assertThat(usage.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(GlomersCommand.USAGE_WIDTH));
    }

    @Test
    void indentedHelpLinesFitATerminalSoNoneIsWrappedWithoutItsIndent() {
        CommandLine glomers = GlomersCommand.commandLine(Map.of());
        for (CommandLine command : List.of(glomers, glomers.getSubcommands().get("test"), glomers.getSubcommands().get("compare"))) {
            CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            for (String line : Stream.concat(Stream.of(usage.description()), Stream.of(usage.footer())).toList()) {
                if (line.startsWith(" ")) {
                    assertThat(line.length()).as(line).isLessThanOrEqualTo(TERMINAL_WIDTH);
                }
            }
        }
    }

    @Test
    void theHelpAnErrorPointsToIsThere() {
        Ran missing = run("test");
        assertUsageError(missing);
        assertThat(missing.err()).contains("Try: glomers test --help");

        for (String command : new String[] {"test", "list", "speed", "compare"}) {
            Ran help = run(command, "--help");
            assertThat(help.status()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: glomers " + command);
        }
        assertThat(run("test", "--help").out()).contains("--mode").contains("NODE-ARG");
    }

    // ---- which nodes: item 2 -------------------------------------------------------------------

    @Test
    void aWorkloadRunsOnJepsensDefaultNodesN1ToN5() throws IOException {
        TestModules.jar(root, "broadcast", ReferenceBroadcast.class);

        Ran ran = runInto("test", "broadcast", "--time-limit", "2");

        assertThat(ran.status()).as(ran.err() + ran.out()).isZero();
        JsonNode options = runJson().get("options");
        assertThat(texts(options.get("nodes"))).containsExactly("n1", "n2", "n3", "n4", "n5");
        assertThat(options.get("concurrency").asInt()).as("1n").isEqualTo(5);
    }

    @Test
    void nodeCountNamesNodesFromN0AndNodesOrNNamesThemAsGiven() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);
        String[][] cases = {
                {"--node-count", "3"},
                {"--nodes", "x,y"},
                {"--nodes", "x, y"},
                {"-n", "x", "-n", "y", "--node", "z"},
                {"--nodes", "x,y", "-n", "z"}};
        List<List<String>> expected = List.of(List.of("n0", "n1", "n2"), List.of("x", "y"), List.of("x", "y"),
                List.of("x", "y", "z"), List.of("x", "y", "z"));

        for (int i = 0; i < cases.length; i++) {
            String[] args = Stream.concat(Stream.of("test", "echo", "--time-limit", "1"), Stream.of(cases[i])).toArray(String[]::new);
            Ran ran = runInto(args);
            assertThat(ran.status()).as(String.join(" ", cases[i]) + ran.err()).isZero();
            JsonNode options = runJson().get("options");
            assertThat(texts(options.get("nodes"))).as(String.join(" ", cases[i])).isEqualTo(expected.get(i));
            assertThat(options.get("concurrency").asInt()).as("1n follows the nodes").isEqualTo(expected.get(i).size());
            deleteRuns();
        }
    }

    @Test
    void nodeNamesThatWouldBeTakenForClientsOrServicesAreRefused() {
        assertUsageError(run("test", "echo", "--nodes", "n1,cat"), "cat");
        assertUsageError(run("test", "echo", "--nodes", "n1,lin-kv"), "lin-kv");
        assertUsageError(run("test", "echo", "--nodes", "n1,n1"), "distinct");
    }

    @Test
    void aChallengeKeepsItsPublishedNodeCount() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);

        Ran ran = runInto("test", "1");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(texts(runJson().at("/options/nodes"))).containsExactly("n0");
    }

    @Test
    void keyOptionsReachTheRunAndConsistencyModelsSplitOnAnyComma() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);
        for (String models : new String[] {"read-committed,serializable", "read-committed , serializable"}) {
            Ran ran = runInto("test", "echo", "--time-limit", "1", "--key-count", "3", "--max-txn-length", "2",
                    "--max-writes-per-key", "5", "--consistency-models", models, "--kafka-assign-every", "8");

            assertThat(ran.status()).as(ran.err()).isZero();
            JsonNode options = runJson().get("options");
            assertThat(options.get("key-count").asInt()).isEqualTo(3);
            assertThat(options.get("max-txn-length").asInt()).isEqualTo(2);
            assertThat(options.get("max-writes-per-key").asInt()).isEqualTo(5);
            assertThat(texts(options.get("consistency-models"))).as(models).containsExactly("read-committed", "serializable");
            assertThat(options.get("kafka-assign-every").asInt()).isEqualTo(8);
            deleteRuns();
        }
    }

    @Test
    void runJsonNamesEveryOptionAsTheCommandLineDoesInKebabCase() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);

        Ran ran = runInto("test", "echo", "--node-count", "2", "--time-limit", "2", "--rate", "7.5", "--concurrency", "3",
                "--latency", "4", "--latency-dist", "exponential", "--nemesis", "partition", "--nemesis-interval", "3",
                "--availability", "0.5", "--topology", "line", "--key-count", "3", "--max-txn-length", "2",
                "--max-writes-per-key", "5", "--consistency-models", "read-committed", "--kafka-assign-every", "8",
                "--judge-node-order", "--seed", "9");

        assertThat(ran.status()).as(ran.err()).isZero();
        JsonNode options = runJson().get("options");
        List<String> keys = new java.util.ArrayList<>();
        options.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("workload", "node-count", "nodes", "time-limit", "rate", "concurrency", "latency",
                "latency-dist", "nemesis", "nemesis-interval", "availability", "topology", "key-count", "max-txn-length",
                "max-writes-per-key", "consistency-models", "kafka-assign-every", "judge-node-order", "seed");
        CommandLine.Model.CommandSpec test = GlomersCommand.commandLine(Map.of()).getSubcommands().get("test").getCommandSpec();
        assertThat(keys).allSatisfy(key -> assertThat(test.findOption("--" + key)).as("the option --" + key).isNotNull());
        assertThat(options.get("node-count").asInt()).isEqualTo(2);
        assertThat(texts(options.get("nodes"))).containsExactly("n0", "n1");
        assertThat(options.get("time-limit").asInt()).isEqualTo(2);
        assertThat(options.get("rate").asDouble()).isEqualTo(7.5);
        assertThat(options.get("concurrency").asInt()).isEqualTo(3);
        assertThat(options.get("latency").asLong()).isEqualTo(4);
        assertThat(options.get("latency-dist").asText()).isEqualTo("exponential");
        assertThat(options.get("nemesis").asText()).isEqualTo("partition");
        assertThat(options.get("nemesis-interval").asDouble()).isEqualTo(3.0);
        assertThat(options.get("availability").asDouble()).isEqualTo(0.5);
        assertThat(options.get("topology").asText()).isEqualTo("line");
        assertThat(options.get("key-count").asInt()).isEqualTo(3);
        assertThat(options.get("max-txn-length").asInt()).isEqualTo(2);
        assertThat(options.get("max-writes-per-key").asInt()).isEqualTo(5);
        assertThat(texts(options.get("consistency-models"))).containsExactly("read-committed");
        assertThat(options.get("kafka-assign-every").asInt()).isEqualTo(8);
        assertThat(options.get("judge-node-order").asBoolean()).isTrue();
        assertThat(options.get("seed").asLong()).isEqualTo(9);
        deleteRuns();

        runInto("test", "1", "--availability", "total");
        assertThat(runJson().at("/options/availability").asText()).as("as the option is typed").isEqualTo("total");
        assertThat(runJson().at("/options/nemesis").asText()).isEqualTo("none");
        deleteRuns();
        runInto("test", "1");
        assertThat(runJson().at("/options/availability").isNull()).as("not checked").isTrue();
    }

    // ---- partitions that took effect --------------------------------------------------------------

    /** The start-partition entries of the run's history.jsonl, and how many of them drop some node's messages. */
    private int[] partitionsInHistory() throws IOException {
        int started = 0;
        int effective = 0;
        for (String line : Files.readAllLines(onlyRunFolder().resolve("history.jsonl"))) {
            JsonNode op = Json.mapper().readTree(line);
            if (op.get("process").asText().equals(":nemesis") && op.get("f").asText().equals(":start-partition")) {
                started++;
                boolean cuts = false;
                for (JsonNode sources : op.at("/value/1")) {
                    cuts |= !sources.isEmpty();
                }
                effective += cuts ? 1 : 0;
            }
        }
        return new int[] {started, effective};
    }

    @Test
    void aPartitionedRunSaysHowManyPartitionsCutANodeOffAndRunJsonRecordsIt() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);

        Ran ran = runInto("test", "echo", "--node-count", "3", "--time-limit", "20", "--nemesis", "partition", "--nemesis-interval", "2");

        assertThat(ran.status()).as(ran.err()).isZero();
        int[] counted = partitionsInHistory();
        assertThat(counted[1]).as("some partition cut a node off").isPositive();
        assertThat(ran.out()).containsPattern("nemesis +" + counted[0] + " partitions, " + counted[1] + " of them cut a node off\\n")
                .doesNotContain("never partitioned");
        assertThat(runJson().get("partitions-started").asInt()).isEqualTo(counted[0]);
        assertThat(runJson().get("partitions-effective").asInt()).isEqualTo(counted[1]);
    }

    @Test
    void aRunWhosePartitionsCutNothingSaysItWasNeverPartitioned() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);

        Ran ran = runInto("test", "echo", "--node-count", "1", "--time-limit", "10", "--nemesis", "partition", "--nemesis-interval", "2");

        assertThat(ran.status()).as("valid, but").isZero();
        int[] counted = partitionsInHistory();
        assertThat(counted[0]).isPositive();
        assertThat(counted[1]).as("one node: nobody to cut it off from").isZero();
        assertThat(ran.out()).containsPattern("nemesis +" + counted[0] + " partitions, 0 of them cut a node off: never partitioned;");
        assertThat(runJson().get("partitions-started").asInt()).isEqualTo(counted[0]);
        assertThat(runJson().get("partitions-effective").asInt()).isZero();
    }

    @Test
    void aRunWithoutPartitionsSaysNothingAboutThem() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);

        Ran ran = runInto("test", "echo", "--node-count", "2", "--time-limit", "2");

        assertThat(ran.out()).doesNotContain("nemesis").doesNotContain("partition");
        assertThat(runJson().get("partitions-started").asInt()).isZero();
        assertThat(runJson().get("partitions-effective").asInt()).isZero();
    }

    @Test
    void theTransactionChallengesCarryTheirPublishedConsistencyModels() {
        assertThat(Challenge.find("6a").orElseThrow().options().txn().consistencyModels()).containsExactly("read-uncommitted");
        assertThat(Challenge.find("6b").orElseThrow().options().txn().consistencyModels()).containsExactly("read-uncommitted");
        assertThat(Challenge.find("6c").orElseThrow().options().txn().consistencyModels()).containsExactly("read-committed");
    }

    private void deleteRuns() throws IOException {
        try (var paths = Files.walk(runs())) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---- the real Maelstrom -----------------------------------------------------------------------

    @Test
    void theRealMaelstromGetsTheChallengesPublishedParametersAndRunsInsideTheRunFolder() throws Exception {
        Path fake = fakeMaelstromFor("unique-ids", TestModules.Echo.class, 1);
        Path node = root.resolve("bin/unique-ids");

        Ran ran = runInto("test", "2", "--maelstrom", fake.toString());

        assertThat(ran.status()).as("Maelstrom's own exit status").isEqualTo(1);
        assertThat(String.join(" ", maelstromArgs())).isEqualTo(
                "test -w unique-ids --bin " + node + " --node-count 3 --time-limit 30 --rate 1000 --concurrency 3"
                        + " --latency 0 --latency-dist constant --nemesis partition --nemesis-interval 10 --availability total");
        assertThat(runJson().get("mode").asText()).isEqualTo("real");
        assertThat(runJson().at("/options/time-limit").asInt()).as("named as the option").isEqualTo(30);
        assertThat(runJson().at("/node/kind").asText()).as("the module's own launcher").isEqualTo("module");
        assertThat(runJson().at("/node/path").asText()).isEqualTo(node.toString());
        assertThat(runJson().get("challenge").asText()).isEqualTo("2");
        assertThat(Latest.resolve(runs(), "latest-2")).contains(onlyRunFolder());
    }

    @Test
    void theRealMaelstromGetsTheSameNodesAsTheBench() throws Exception {
        Path fake = fakeMaelstromFor("echo", TestModules.Echo.class, 0);

        runInto("test", "echo", "--maelstrom", fake.toString());
        assertThat(maelstromArgs()).as("Jepsen's default nodes: no --node-count").doesNotContain("--node-count", "--nodes")
                .containsSequence("--concurrency", "5");
        deleteRuns();

        runInto("test", "echo", "-n", "x", "-n", "y", "--maelstrom", fake.toString());
        assertThat(maelstromArgs()).containsSequence("--nodes", "x,y").doesNotContain("--node-count");
        deleteRuns();

        runInto("test", "echo", "--node-count", "2", "--maelstrom", fake.toString());
        assertThat(maelstromArgs()).containsSequence("--node-count", "2").doesNotContain("--nodes");
    }

    @Test
    void theRealMaelstromGetsKeyOptionsWithItsOwnCommaSeparator() throws Exception {
        Path fake = fakeMaelstromFor("txn-rw-register", TestModules.Echo.class, 0);

        runInto("test", "6c", "--maelstrom", fake.toString());
        assertThat(maelstromArgs()).containsSequence("--consistency-models", "read-committed")
                .doesNotContain("--key-count", "--max-txn-length", "--max-writes-per-key");
        deleteRuns();

        runInto("test", "6c", "--consistency-models", "read-committed,serializable", "--key-count", "3", "--max-txn-length", "2",
                "--max-writes-per-key", "5", "--maelstrom", fake.toString());
        assertThat(maelstromArgs()).as("Maelstrom splits only on a comma with spaces around it")
                .containsSequence("--consistency-models", "read-committed , serializable")
                .containsSequence("--key-count", "3").containsSequence("--max-txn-length", "2").containsSequence("--max-writes-per-key", "5");
    }

    @Test
    void kafkasAssignFrequencyCannotBeHandedToTheRealMaelstrom() throws Exception {
        Path fake = fakeMaelstrom(0);
        fakeLauncher("echo");

        Ran ran = runInto("test", "echo", "--kafka-assign-every", "8", "--maelstrom", fake.toString());

        assertUsageError(ran, "--kafka-assign-every", "Maelstrom");
        assertThat(Files.exists(runs())).isFalse();
    }

    @Test
    void aChallengeRunWithoutItsPartitionsIsNamedHealthy() throws Exception {
        Path fake = fakeMaelstromFor("unique-ids", TestModules.Echo.class, 0);

        Ran ran = runInto("test", "2", "--nemesis", "none", "--maelstrom", fake.toString());

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(onlyRunFolder().getFileName().toString()).endsWith("-2-healthy-real");
        assertThat(String.join(" ", maelstromArgs())).doesNotContain("--nemesis");
    }

    @Test
    void nodeArgumentsGoToTheRealMaelstromAsItsNonOptionWordsAndNameTheRunFolder() throws Exception {
        Path fake = fakeMaelstromFor("broadcast", ReferenceBroadcast.class, 0);
        Path node = root.resolve("bin/broadcast");

        Ran ran = runInto("test", "3e", "batch", "--nemesis", "partition", "--maelstrom", fake.toString());

        assertThat(ran.status()).as(ran.err()).isZero();
        Path folder = onlyRunFolder();
        assertThat(folder.getFileName().toString()).as("what sets the run apart").endsWith("-3e-batch-partition-real");
        assertThat(String.join(" ", maelstromArgs()))
                .startsWith("test -w broadcast --bin " + node).contains("--nemesis partition").endsWith("--topology grid batch");
    }

    @Test
    void maelstromModeWithoutAMaelstromSaysWhereToPointIt() {
        Ran ran = run("test", "1", "--mode", "maelstrom", "--maelstrom", root.resolve("nope").toString());
        assertUsageError(ran, "--maelstrom PATH", "$MAELSTROM");
    }

    // ---- validation before anything starts: item 6 ------------------------------------------------

    @Test
    void anUnknownTopologyIsRefusedBeforeAnythingStarts() throws IOException {
        TestModules.jar(root, "broadcast", ReferenceBroadcast.class);

        Ran ran = runInto("test", "broadcast", "--topology", "star");

        assertUsageError(ran, "--topology", "\"star\"", "grid", "tree4");
        assertThat(ran.err()).doesNotContain("init");
        assertThat(Files.exists(runs())).as("no run folder").isFalse();
    }

    @Test
    void resultsThatIsAFileIsRefusedBeforeTheRun() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);
        Path file = Files.writeString(root.resolve("not-a-folder"), "");

        Ran ran = run("test", "1", "--results", file.toString());

        assertUsageError(ran, "--results", file.toString());
        assertThat(ran.err()).doesNotContain("init");
    }

    @Test
    void resultsInAFolderThatCannotBeCreatedIsRefusedBeforeTheRun() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);
        Path file = Files.writeString(root.resolve("not-a-folder"), "");

        Ran ran = run("test", "1", "--results", file.resolve("runs").toString());

        assertUsageError(ran, "--results", "cannot create", file.resolve("runs").toString());
        assertThat(ran.err()).doesNotContain("init");
    }

    @Test
    void aBinThatIsMissingOrNotExecutableIsRefusedWithWhatToDo() throws IOException {
        Path plain = Files.writeString(root.resolve("node.sh"), "#!/bin/sh\n");

        Ran notExecutable = run("test", "echo", "--bin", plain.toString());
        assertUsageError(notExecutable, plain.toString(), "not executable");
        assertThat(notExecutable.errLines().get(1)).isEqualTo("Try: chmod +x " + plain);

        assertUsageError(run("test", "echo", "--bin", root.resolve("missing").toString()), "does not exist");
        assertUsageError(run("test", "echo", "--bin", root.toString()), "is a folder");
    }

    @Test
    void badOptionValuesSayWhatToTypeInstead() {
        assertUsageError(run("test", "1", "--nemesis", "chaos"), "--nemesis", "partition");
        assertUsageError(run("test", "1", "--latency-dist", "gaussian"), "constant", "uniform", "exponential");
        assertUsageError(run("test", "1", "--concurrency", "lots"), "<k>n");
        assertUsageError(run("test", "1", "--concurrency", "0"), "--concurrency");
        assertUsageError(run("test", "1", "--availability", "most"), "total or a fraction");
        assertUsageError(run("test", "1", "--availability", "1.5"), "--availability");
        assertUsageError(run("test", "1", "--node-count", "0"), "--node-count must be at least 1");
        assertUsageError(run("test", "1", "--time-limit", "0"), "--time-limit");
        assertUsageError(run("test", "1", "--rate", "-1"), "--rate");
        assertUsageError(run("test", "1", "--latency", "-5"), "--latency");
        assertUsageError(run("test", "1", "--nemesis-interval", "0"), "--nemesis-interval");
        assertUsageError(run("test", "1", "--key-count", "0"), "--key-count");
        assertUsageError(run("test", "1", "--max-txn-length", "0"), "--max-txn-length");
        assertUsageError(run("test", "1", "--max-writes-per-key", "-2"), "--max-writes-per-key");
        assertUsageError(run("test", "1", "--kafka-assign-every", "0"), "--kafka-assign-every");
        assertUsageError(run("test", "1", "--mode", "fast"), "sim, process or maelstrom");
        assertUsageError(run("test", "1", "--time-limit", "ten"), "--time-limit");
        assertUsageError(run("test", "1", "--bogus"), "--bogus");
    }

    @Test
    void consistencyModelsMustBeOnesElleKnows() {
        assertUsageError(run("test", "6c", "--consistency-models", "snapshot"), "\"snapshot\"", "snapshot-isolation");
        assertUsageError(run("test", "6c", "--consistency-models", "read-committed,serialisable"), "\"serialisable\"",
                "read-committed", "strict-serializable");
    }

    @Test
    void anUnknownChallengeNamesTheValidOnes() {
        assertUsageError(run("test", "7z"), "unknown challenge or workload \"7z\"", "3a", "g-counter");
    }

    @Test
    void aChallengeWhoseModuleIsMissingOrUnbuiltIsAUsageErrorThatSaysHowToBuild() {
        assertUsageError(run("test", "5a"), "no kafka-log module yet");
        root.resolve("echo").toFile().mkdirs();
        Ran unbuilt = run("test", "1");
        assertUsageError(unbuilt, "echo is not built");
        assertThat(unbuilt.errLines().get(1)).isEqualTo("Try: bin/glomers build");
        assertUsageError(run("test", "1", "--mode", "process"), "echo is not built");
    }

    @Test
    void anUnexpectedErrorIsOneLineAndExit255WithTheTraceOnlyOnRequest() throws IOException {
        Path jar = NodeJar.path(root, "echo");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not a jar");

        Ran ran = run("test", "1");
        assertThat(ran.status()).isEqualTo(255);
        assertThat(ran.errLines()).as(ran.err()).hasSize(1);
        assertThat(ran.err()).startsWith("glomers: ").contains(jar.toString()).contains("GLOMERS_DEBUG=1").doesNotContain("\tat ");

        Ran debug = runWith(Map.of("GLOMERS_DEBUG", "1"), "test", "1");
        assertThat(debug.status()).isEqualTo(255);
        assertThat(debug.err()).contains("\tat ");
    }

    // ---- Maelstrom's habits: item 7 ------------------------------------------------------------

    @Test
    void dashWNamesTheWorkloadAsMaelstromsDoes() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);

        for (String flag : new String[] {"-w", "--workload"}) {
            Ran ran = runInto("test", flag, "echo", "--node-count", "2", "--time-limit", "1");
            assertThat(ran.status()).as(flag + ran.err()).isZero();
            assertThat(runJson().at("/options/workload").asText()).isEqualTo("echo");
            deleteRuns();
        }
        assertUsageError(run("test", "-w", "3b"), "3b is a challenge");
        assertUsageError(run("test", "-w", "broadcast", "3b"), "-w");
        assertUsageError(run("test", "-w", "lin-kv"), "lin-kv");
    }

    @Test
    void binAloneRunsChildProcessesAndBinWithModeSimSaysWhy() throws IOException {
        Path exitsAtOnce = executable(root.resolve("node.sh"), "#!/bin/sh\nexit 3\n");

        Ran ran = runInto("test", "echo", "--bin", exitsAtOnce.toString(), "--time-limit", "1");

        assertThat(ran.status()).as("the node exits, so the run is aborted").isEqualTo(255);
        assertThat(runJson().get("mode").asText()).isEqualTo("process");
        assertThat(runJson().at("/node/kind").asText()).isEqualTo("bin");
        assertThat(runJson().at("/node/name").asText()).isEqualTo("node.sh");
        assertThat(runJson().at("/node/path").asText()).isEqualTo(exitsAtOnce.toAbsolutePath().toString());
        assertThat(runJson().at("/node/strategy").isNull()).as("unknowable for any executable").isTrue();
        assertThat(runJson().get("valid?").asText()).isEqualTo("aborted");
        assertThat(onlyRunFolder().getFileName().toString()).endsWith("-echo-node.sh-process-seed1");
        assertThat(Files.readString(onlyRunFolder().resolve("index.html"))).as("an aborted run gets its page too")
                .contains(">aborted<").contains("exited early");
        assertUsageError(run("test", "echo", "--bin", exitsAtOnce.toString(), "--mode", "sim"), "--bin", "--mode sim", "in-process");
        assertUsageError(run("test", "echo", "--maelstrom", exitsAtOnce.toString(), "--mode", "process"), "--maelstrom", "--mode process");
    }

    @Test
    void enumValuesAreAcceptedInAnyCase() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);

        Ran ran = runInto("test", "echo", "--time-limit", "1", "--latency", "5", "--latency-dist", "Uniform", "--nemesis", "PARTITION",
                "--mode", "SIM");

        assertThat(ran.status()).as(ran.err()).isZero();
        JsonNode options = runJson().get("options");
        assertThat(options.get("latency-dist").asText()).isEqualTo("uniform");
        assertThat(options.get("nemesis").asText()).isEqualTo("partition");
        assertThat(runJson().get("mode").asText()).isEqualTo("sim");
    }

    @Test
    void maelstromOptionsTheBenchLacksSayWhatToTypeInstead() {
        assertUsageError(run("test", "1", "--test-count", "10"), "--test-count", "--runs N", "--seed N");
        assertUsageError(run("test", "1", "--log-stderr"), "--log-stderr", "node-logs/");
        assertUsageError(run("test", "1", "--log-net-send"), "--log-net-send", "journal.jsonl.gz", "messages.html");
        assertUsageError(run("test", "1", "--log-net-recv"), "--log-net-recv", "journal.jsonl.gz");
        assertUsageError(run("test", "1", "--leave-db-running"), "--leave-db-running", "node-logs/");
        assertUsageError(run("test", "1", "--logging-json"), "--logging-json");
        assertUsageError(run("test", "1", "--nodes-file", "nodes.txt"), "--nodes-file", "--nodes");
        for (String[] ssh : new String[][] {{"--username", "root"}, {"--password", "root"}, {"--no-ssh"},
                {"--strict-host-key-checking"}, {"--ssh-private-key", "id"}}) {
            assertUsageError(run(Stream.concat(Stream.of("test", "1"), Stream.of(ssh)).toArray(String[]::new)), ssh[0], "SSH");
        }
    }

    @Test
    void aNodeArgumentThatStartsWithADashLookalikeIsWarnedAboutAndTheRunGoesOn() throws IOException {
        TestModules.jar(root, "echo", TestModules.Echo.class);

        Ran ran = runInto("test", "echo", "--time-limit", "1", "\u2013-nemesis", "partition", "\u2014rate");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ran.err()).contains("\u2013-nemesis").contains("en dash").contains("did you mean --nemesis?")
                .contains("\u2014rate").contains("em dash").contains("did you mean --rate?");
        assertThat(texts(runJson().get("node-args"))).containsExactly("\u2013-nemesis", "partition", "\u2014rate");
    }

    // ---- why a run is invalid: item 9 -----------------------------------------------------------

    @Test
    void anInvalidRunNamesEveryCheckerThatFailedWithItsFigures() throws IOException {
        TestModules.jar(root, "echo", TestModules.ChattyEcho.class);

        Ran ran = runInto("test", "echo", "--node-count", "1", "--time-limit", "2", "--availability", "total");

        assertThat(ran.status()).isEqualTo(1);
        assertThat(ran.out()).contains("stats valid? false").contains("no ok for f echo")
                .contains("availability valid? false").contains("ok-fraction 0.0000, needs at least 1 (--availability total)")
                .contains("malformed-rpc-response")
                .contains("The run is invalid: stats, availability")
                .doesNotContain("workload valid? false").doesNotContain("see the workload's errors");
        JsonNode exceptions = Json.mapper().readTree(onlyRunFolder().resolve("results.json").toFile()).at("/exceptions/exceptions/0");
        assertThat(exceptions.get("class").asText()).isEqualTo("malformed-rpc-response");
        assertThat(exceptions.get("count").asLong()).isPositive();
        assertThat(exceptions.at("/example/error").asText()).startsWith("malformed RPC response");
    }
}
