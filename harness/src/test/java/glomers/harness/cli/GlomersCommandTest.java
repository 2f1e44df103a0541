package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GlomersCommandTest {
    @TempDir
    Path root;

    private record Ran(int status, String out, String err) {
    }

    private Ran run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty("glomers.root", root.toString());
        try {
            CommandLine cli = GlomersCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int status = cli.execute(args);
            return new Ran(status, out.toString(), err.toString());
        } finally {
            System.clearProperty("glomers.root");
        }
    }

    /** A stand-in for Maelstrom that writes its arguments to args.txt in its working directory. */
    private Path fakeMaelstrom(int exitStatus) throws java.io.IOException {
        return executable(root.resolve("fake-maelstrom"), "#!/bin/sh\necho \"$@\" > args.txt\nexit " + exitStatus + "\n");
    }

    /** An executable at bin/<module>, where the command looks for a module's launcher. */
    private Path fakeLauncher(String module) throws java.io.IOException {
        return executable(java.nio.file.Files.createDirectories(root.resolve("bin")).resolve(module), "#!/bin/sh\n");
    }

    private static Path executable(Path file, String script) throws java.io.IOException {
        java.nio.file.Files.writeString(file, script);
        file.toFile().setExecutable(true);
        return file;
    }

    private Path onlyRunFolder() throws java.io.IOException {
        try (var runs = java.nio.file.Files.list(root.resolve("runs"))) {
            return runs.findFirst().orElseThrow();
        }
    }

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
    void anUnknownChallengeNamesTheValidOnes() {
        Ran ran = run("test", "7z");

        assertThat(ran.status()).isEqualTo(GlomersCommand.BAD_ARGUMENTS);
        assertThat(ran.err()).contains("unknown challenge or workload \"7z\"").contains("3a").contains("g-counter");
    }

    @Test
    void badOptionValuesSayWhatToTypeInstead() {
        assertThat(run("test", "1", "--nemesis", "chaos").err()).contains("--nemesis takes partition");
        assertThat(run("test", "1", "--latency-dist", "gaussian").err()).containsIgnoringCase("constant").containsIgnoringCase("exponential");
        assertThat(run("test", "1", "--concurrency", "lots").err()).contains("<k>n");
        assertThat(run("test", "1", "--availability", "most").err()).contains("total or a fraction");
        assertThat(run("test", "1", "--node-count", "0").err()).contains("--node-count must be at least 1");
        assertThat(run("test", "1", "--bogus").status()).isEqualTo(GlomersCommand.BAD_ARGUMENTS);
    }

    @Test
    void theHelpAnErrorPointsToIsThere() {
        Ran missing = run("test");
        assertThat(missing.status()).isEqualTo(GlomersCommand.BAD_ARGUMENTS);
        assertThat(missing.err()).contains("Try: glomers test --help");

        for (String command : new String[] {"test", "list", "speed"}) {
            Ran help = run(command, "--help");
            assertThat(help.status()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: glomers " + command);
        }
        assertThat(run("test", "--help").out()).contains("--mode").contains("NODE-ARG");
    }

    @Test
    void aChallengeWhoseModuleIsMissingOrUnbuiltSaysSo() {
        assertThat(run("test", "5a").err()).contains("no kafka-log module yet");
        root.resolve("echo").toFile().mkdirs();
        assertThat(run("test", "1").err()).contains("echo is not built").contains("bin/glomers build");
    }

    @Test
    void theRealMaelstromGetsTheChallengesPublishedParametersAndRunsInsideTheRunFolder() throws Exception {
        Path fake = fakeMaelstrom(1);
        Path node = fakeLauncher("unique-ids");

        Ran ran = run("test", "2", "--maelstrom", fake.toString(), "--results", root.resolve("runs").toString());

        assertThat(ran.status()).as("Maelstrom's own exit status").isEqualTo(1);
        Path folder = onlyRunFolder();
        assertThat(java.nio.file.Files.readString(folder.resolve("args.txt")).trim()).isEqualTo(
                "test -w unique-ids --bin " + node + " --node-count 3 --time-limit 30 --rate 1000 --concurrency 3"
                        + " --latency 0 --latency-dist constant --nemesis partition --nemesis-interval 10 --availability total");
        assertThat(java.nio.file.Files.readString(folder.resolve("run.json"))).contains("\"mode\" : \"maelstrom\"");
    }

    @Test
    void nodeArgumentsGoToTheRealMaelstromAsItsNonOptionWordsAndNameTheRunFolder() throws Exception {
        Path fake = fakeMaelstrom(0);
        Path node = fakeLauncher("broadcast");

        Ran ran = run("test", "3e", "batch", "--nemesis", "partition", "--maelstrom", fake.toString(),
                "--results", root.resolve("runs").toString());

        assertThat(ran.status()).isZero();
        Path folder = onlyRunFolder();
        assertThat(folder.getFileName().toString()).as("what sets the run apart").endsWith("-3e-batch-partition-maelstrom");
        assertThat(java.nio.file.Files.readString(folder.resolve("args.txt")).trim())
                .startsWith("test -w broadcast --bin " + node).contains("--nemesis partition").endsWith("--topology grid batch");
    }

    @Test
    void maelstromModeWithoutAMaelstromSaysWhereToPointIt() {
        Ran ran = run("test", "1", "--mode", "maelstrom", "--maelstrom", root.resolve("nope").toString());
        assertThat(ran.status()).isEqualTo(GlomersCommand.BAD_ARGUMENTS);
        assertThat(ran.err()).contains("--maelstrom PATH").contains("$MAELSTROM");
    }

    @Test
    void concurrencyInMultiplesOfTheNodeCountFollowsANodeCountOverride() {
        Challenge c5b = Challenge.find("5b").orElseThrow();
        assertThat(c5b.options().concurrency()).isEqualTo(4); // 2n with 2 nodes
    }
}
