package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.TestCli.Ran;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanCommandTest {
    @TempDir
    Path root;

    private Path runs() {
        return root.resolve("maelstrom-results/runs");
    }

    /** A run folder (or sweep folder) named as the bench names them, the n-th second of a day. */
    private Path folder(int second, String rest) throws IOException {
        Path folder = runs().resolve(String.format("20261130T1200%02d.000Z-%s", second, rest));
        Files.createDirectories(folder.resolve("node-logs"));
        Files.writeString(folder.resolve("run.json"), "{}");
        Files.writeString(folder.resolve("node-logs/n0.log"), "x".repeat(1000));
        return folder;
    }

    private List<String> left() throws IOException {
        try (Stream<Path> entries = Files.list(runs())) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Ran clean(String... args) {
        return TestCli.run(root, Map.of(), Stream.concat(Stream.of("clean"), Stream.of(args)).toArray(String[]::new));
    }

    @BeforeEach
    void runsOfSeveralChallenges() throws IOException {
        for (int i = 1; i <= 4; i++) {
            folder(i, "3d-fanout-sim-seed" + i);
        }
        folder(5, "3e-batch-sim-seed1");
        folder(6, "3e-batch-process-seed1");
        folder(7, "3e-batch-sim-seeds1-100"); // a sweep folder counts as one of 3e's
        folder(8, "g-counter-sim-seed1");     // a workload run, grouped by its workload
        folder(9, "g-counter-sim-seed2");
        folder(10, "unique-ids-sim-seed1");
        Files.createDirectories(runs().resolve("notes"));                // no run folder: never touched
        Files.createDirectories(root.resolve("maelstrom-results/reference/20261101T120000.000Z-3d-sim-seed1"));
        Latest.update(runs().resolve("20261130T120001.000Z-3d-fanout-sim-seed1"), "3d"); // an old one, pointed at
        Latest.update(runs().resolve("20261130T120010.000Z-unique-ids-sim-seed1"), "unique-ids");
    }

    @Test
    void keepsTheNewestOfEachChallengeAndWhatLatestPointsAt() throws IOException {
        Ran ran = clean("--keep", "1");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(left()).containsExactly(
                "20261130T120001.000Z-3d-fanout-sim-seed1",  // latest-3d points at it
                "20261130T120004.000Z-3d-fanout-sim-seed4",
                "20261130T120007.000Z-3e-batch-sim-seeds1-100",
                "20261130T120009.000Z-g-counter-sim-seed2",
                "20261130T120010.000Z-unique-ids-sim-seed1",
                "latest", "latest-3d", "latest-unique-ids", "notes");
        assertThat(ran.out()).contains("removed 20261130T120002.000Z-3d-fanout-sim-seed2 (0.0 MB)")
                .contains("Removed 5 folders").contains("3d: 2, 3e: 1, g-counter: 1, unique-ids: 1");
        assertThat(root.resolve("maelstrom-results/reference/20261101T120000.000Z-3d-sim-seed1")).exists();
        assertThat(Latest.resolve(runs(), "latest-3d")).isPresent();
    }

    @Test
    void theDefaultKeepsTenAndADryRunDeletesNothing() throws IOException {
        List<String> before = left();

        Ran dry = clean("--keep", "2", "--dry-run");
        assertThat(dry.status()).as(dry.err()).isZero();
        assertThat(left()).isEqualTo(before);
        assertThat(dry.out()).contains("would remove 20261130T120002.000Z-3d-fanout-sim-seed2").contains("Would remove 2 folders");

        Ran byDefault = clean();
        assertThat(byDefault.status()).isZero();
        assertThat(left()).as("fewer than " + CleanCommand.DEFAULT_KEEP + " of each").isEqualTo(before);
    }

    @Test
    void anotherResultsFolderIsCleanedAndReferenceIsRefused() throws IOException {
        Path elsewhere = root.resolve("elsewhere");
        Files.createDirectories(elsewhere.resolve("20261130T120001.000Z-1-sim-seed1"));
        Files.createDirectories(elsewhere.resolve("20261130T120002.000Z-1-sim-seed1"));

        Ran ran = clean("--keep", "1", "--results", elsewhere.toString());

        assertThat(ran.status()).as(ran.err()).isZero();
        try (Stream<Path> entries = Files.list(elsewhere)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("20261130T120002.000Z-1-sim-seed1");
        }
        TestCli.assertUsageError(clean("--results", root.resolve("maelstrom-results/reference").toString()), "reference");
        TestCli.assertUsageError(clean("--results",
                root.resolve("maelstrom-results/reference/20261101T120000.000Z-3d-sim-seed1").toString()), "reference");
    }

    @Test
    void badOptionsAreUsageErrors() {
        TestCli.assertUsageError(clean("--keep", "0"), "at least 1");
        TestCli.assertUsageError(clean("--keep", "many"), "many");
        TestCli.assertUsageError(clean("--kep", "3"), "--kep");
        TestCli.assertUsageError(clean("--results", root.resolve("missing").toString()), "does not exist");
    }

    @Test
    void aFolderNameGivesItsChallengeOrWorkload() {
        assertThat(ResultsFolder.groupOf("20261130T120001.000Z-3e-batch-partition-sim-seed1")).contains("3e");
        assertThat(ResultsFolder.groupOf("20261130T120001.000Z-txn-rw-register-sim-seed1")).contains("txn-rw-register");
        assertThat(ResultsFolder.groupOf("20261130T120001.000Z-6c-maelstrom")).contains("6c");
        assertThat(ResultsFolder.groupOf("latest-3d")).isEmpty();
        assertThat(ResultsFolder.groupOf("20261130T120001.000Z-nothing-sim-seed1")).isEmpty();
    }

    @Test
    void latestFallsBackToAFileNamingTheFolder() throws IOException {
        Files.writeString(runs().resolve("latest-4"), "20261130T120009.000Z-g-counter-sim-seed2\n");

        assertThat(Latest.resolve(runs(), "latest-4")).contains(runs().resolve("20261130T120009.000Z-g-counter-sim-seed2"));
        Files.writeString(runs().resolve("latest-4"), "gone\n");
        assertThat(Latest.resolve(runs(), "latest-4")).isEmpty();
    }
}
