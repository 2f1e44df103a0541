package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.cli.TestCli.Ran;
import glomers.harness.reference.ReferenceBroadcast;
import glomers.harness.report.HeadlessBrowser;
import glomers.harness.report.RealRuns;
import glomers.harness.report.RunRecord;
import glomers.harness.run.Sweep;
import glomers.runtime.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glomers compare} on a bench 3d run, a 3-seed 3b sweep, an echo run, and real Maelstrom
 * runs (3d healthy and partitioned, 4) from the test resources; and {@code glomers test --maelstrom}
 * landing a real run where compare finds it. The runs are made once, short (1 s of operations).
 */
class CompareCommandTest {
    @TempDir
    static Path root;

    private static Path runs;
    private static Path bench3d;
    private static Path sweep3b;
    private static Path echo;
    private static Path real3d;
    private static Path real3dPartition;
    private static Path realCounter;

    @BeforeAll
    static void makeRuns() throws IOException {
        TestModules.jar(root, "broadcast", ReferenceBroadcast.class);
        TestModules.jar(root, "echo", TestModules.Echo.class);
        runs = root.resolve("maelstrom-results/runs");
        assertThat(TestCli.run(root, Map.of(), "test", "3d", "--time-limit", "1").status()).isZero();
        bench3d = onlyFolder("-3d-sim-seed1");
        assertThat(TestCli.run(root, Map.of(), "test", "3b", "--seeds", "1..3", "--time-limit", "1", "--threads", "1").status()).isZero();
        sweep3b = onlyFolder("-3b-sim-seeds1-3");
        assertThat(TestCli.run(root, Map.of(), "test", "1", "--time-limit", "1").status()).isZero();
        echo = onlyFolder("-1-sim-seed1");
        Path reference = root.resolve("maelstrom-results/reference");
        real3d = RealRuns.copy(RealRuns.REAL_3D, reference);
        real3dPartition = RealRuns.copy(RealRuns.REAL_3D_PARTITION, reference);
        realCounter = RealRuns.copy(RealRuns.REAL_COUNTER, reference);
    }

    private static Path onlyFolder(String suffix) throws IOException {
        try (Stream<Path> folders = Files.list(runs)) {
            List<Path> found = folders.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).as(suffix).hasSize(1);
            return found.get(0);
        }
    }

    private static Ran compare(String... args) {
        String[] words = new String[args.length + 1];
        words[0] = "compare";
        System.arraycopy(args, 0, words, 1, args.length);
        return TestCli.run(root, Map.of(), words);
    }

    /** The table's rows as heading → cell; cells are separated by two spaces or more, and none holds two. */
    private static List<Map<String, String>> rows(Ran ran) {
        List<String> lines = ran.out().lines().toList();
        List<String> headings = Arrays.asList(lines.get(0).trim().split("\\s{2,}"));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("msgs-per-op:")) {
                break;
            }
            String[] cells = line.trim().split("\\s{2,}");
            assertThat(cells).as(line).hasSize(headings.size());
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i++) {
                row.put(headings.get(i), cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> column(Ran ran, String heading) {
        return rows(ran).stream().map(r -> r.get(heading)).toList();
    }

    private static String format(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }

    // ---- a bench run, read --------------------------------------------------------------------------

    @Test
    void aBenchRunIsReadWithTheFiguresOfItsFiles() throws IOException {
        JsonNode run = Json.mapper().readTree(bench3d.resolve("run.json").toFile());
        JsonNode results = Json.mapper().readTree(bench3d.resolve("results.json").toFile());

        RunRecord r = RunRecord.read(bench3d, null).get(0);

        assertThat(List.of(r.challenge(), r.workload(), r.node(), r.mode(), r.nemesis(), r.valid()))
                .containsExactly("3d", "broadcast", "broadcast", "sim", "none", "true");
        assertThat(r.seed()).isEqualTo(run.get("seed").asLong());
        assertThat(r.wallSeconds()).isEqualTo(run.get("wall-seconds").asDouble());
        assertThat(r.serverMsgsPerOp()).isEqualTo(results.at("/net/servers/msgs-per-op").asDouble()).isPositive();
        assertThat(r.okFraction()).isEqualTo(results.at("/availability/ok-fraction").asDouble());
        assertThat(r.lostCount()).isEqualTo(results.at("/workload/lost-count").asLong());
        for (String q : List.of("0", "0.5", "0.95", "0.99", "1")) {
            assertThat(r.latencies().at(Double.parseDouble(q))).as(q).isEqualTo(results.at("/workload/stable-latencies/" + q).asDouble());
        }
        assertThat(List.of(r.partitionsStarted(), r.partitionsEffective()))
                .containsExactly(run.get("partitions-started").asInt(), run.get("partitions-effective").asInt());
    }

    @Test
    void aSweepIsOneRowPerSeedWithTheFiguresOfSweepJson() throws IOException {
        JsonNode sweep = Json.mapper().readTree(sweep3b.resolve("sweep.json").toFile());

        Ran ran = compare(sweep3b.toString(), "--html", root.resolve("pages/sweep.html").toString());

        assertThat(ran.status()).as(ran.err()).isZero();
        List<Map<String, String>> rows = rows(ran);
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode seed = sweep.get("seeds").get(i);
            Map<String, String> row = rows.get(i);
            assertThat(row.get("seed")).isEqualTo(seed.get("seed").asText());
            assertThat(row.get("challenge")).isEqualTo("3b");
            assertThat(row.get("valid?")).isEqualTo("true");
            assertThat(row.get("msgs-per-op")).isEqualTo(format("%.2f", seed.get("msgs-per-op").asDouble()));
            assertThat(row.get("p50 ms")).isEqualTo(format("%.0f", seed.get("stable-latency-median").asDouble()));
            assertThat(row.get("max ms")).isEqualTo(format("%.0f", seed.get("stable-latency-max").asDouble()));
            assertThat(row.get("p95 ms")).as("a sweep keeps median and max").isEqualTo("-");
        }
    }

    // ---- the terminal table -------------------------------------------------------------------------

    @Test
    void theTableSetsABenchRunBesideARealRunInTheOrderGiven() throws IOException {
        RunRecord bench = RunRecord.read(bench3d, null).get(0);

        Ran ran = compare(real3d.toString(), bench3d.toString(), "--html", root.resolve("pages/table.html").toString());

        assertThat(ran.status()).as(ran.err()).isZero();
        List<Map<String, String>> rows = rows(ran);
        assertThat(rows).extracting(r -> r.get("mode")).containsExactly("real", "sim");
        assertThat(rows).extracting(r -> r.get("challenge")).containsExactly("3d", "3d");
        assertThat(rows).extracting(r -> r.get("node")).containsExactly("broadcast", "broadcast");
        Map<String, String> real = rows.get(0);
        assertThat(List.of(real.get("msgs-per-op"), real.get("latency"), real.get("p50 ms"), real.get("p95 ms"), real.get("max ms"),
                real.get("availability"), real.get("lost"), real.get("seed"), real.get("wall s"), real.get("run")))
                .containsExactly("11.91", "stable", "69", "92", "98", "1.0000", "0", "-", "-", "3d-broadcast");
        Map<String, String> sim = rows.get(1);
        assertThat(sim.get("msgs-per-op")).isEqualTo(format("%.2f", bench.serverMsgsPerOp()));
        assertThat(sim.get("p50 ms")).isEqualTo(format("%.0f", bench.latencies().median()));
        assertThat(sim.get("seed")).isEqualTo("1");
        assertThat(sim.get("wall s")).isEqualTo(format("%.1f", bench.wallSeconds()));
        assertThat(sim.get("run")).isEqualTo(bench3d.getFileName().toString());

        List<String> lines = ran.out().lines().toList();
        int end = lines.get(0).indexOf("msgs-per-op") + "msgs-per-op".length();
        assertThat(lines.subList(0, 3)).as("numbers right-aligned under their heading")
                .allSatisfy(line -> assertThat(line.charAt(end - 1)).isNotEqualTo(' '))
                .allSatisfy(line -> assertThat(line.substring(end, end + 2)).isEqualTo("  "));
        assertThat(ran.out()).contains("3d-broadcast: mode real (results without run.json)", "challenge 3d (folder name)")
                .contains("targets 3d: msgs-per-op < 30, stable-latency-median < 400 ms, stable-latency-max < 600 ms")
                .contains("page " + root.resolve("pages/table.html"));
    }

    @Test
    void operationLatenciesFillTheLatencyColumnsOfARunWithoutStableLatencies() throws IOException {
        RunRecord measured = RunRecord.read(echo, null).get(0).withOperationLatencies();

        Ran ran = compare(echo.toString(), realCounter.toString(), "--html", root.resolve("pages/ops.html").toString());

        assertThat(ran.status()).as(ran.err()).isZero();
        Map<String, String> row = rows(ran).get(0);
        assertThat(row.get("latency")).isEqualTo("op");
        assertThat(row.get("p50 ms")).isEqualTo(format("%.1f", measured.latencies().median()));
        assertThat(row.get("max ms")).isEqualTo(format("%.1f", measured.latencies().max()));
        assertThat(rows(ran).get(1).get("latency")).as("a real store copy without its history").isEqualTo("-");
    }

    // ---- the page -----------------------------------------------------------------------------------

    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td data-col=\"([^\"]+)\"[^>]*>(.*?)</td>", Pattern.DOTALL);

    /** The rows of the page's #runs table, as column → text (tags stripped). */
    private static List<Map<String, String>> pageRows(String dom) {
        String table = dom.substring(dom.indexOf("<table id=\"runs\""), dom.indexOf("</table>", dom.indexOf("<table id=\"runs\"")));
        List<Map<String, String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table.substring(table.indexOf("<tbody>")));
        while (row.find()) {
            Map<String, String> cells = new LinkedHashMap<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.put(cell.group(1), cell.group(2).replaceAll("<[^>]+>", ""));
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void thePageLoadsCleanWithTheTablesFiguresThePlotsAndTheSpread() throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.require();
        Path page = root.resolve("pages/all.html");
        Ran ran = compare(real3d.toString(), real3dPartition.toString(), bench3d.toString(), sweep3b.toString(), "--html", page.toString());
        assertThat(ran.status()).as(ran.err()).isZero();
        List<RunRecord> records = new ArrayList<>();
        for (Path folder : List.of(real3d, real3dPartition, bench3d, sweep3b)) {
            records.addAll(RunRecord.read(folder, null));
        }

        HeadlessBrowser.Loaded loaded = browser.load(page);

        assertThat(loaded.clean()).as("errors: %s", loaded.errors()).isTrue();
        List<Map<String, String>> rows = pageRows(loaded.dom());
        assertThat(rows).hasSize(records.size()).hasSize(6);
        for (int i = 0; i < records.size(); i++) {
            RunRecord r = records.get(i);
            Map<String, String> row = rows.get(i);
            assertThat(Double.parseDouble(row.get("msgs-per-op"))).as("row %d", i).isCloseTo(r.serverMsgsPerOp(), within(0.005));
            assertThat(Double.parseDouble(row.get("p50 ms"))).as("row %d", i).isCloseTo(r.latencies().median(), within(0.5));
            assertThat(Double.parseDouble(row.get("max ms"))).as("row %d", i).isCloseTo(r.latencies().max(), within(0.5));
            assertThat(row.get("mode")).isEqualTo(r.mode());
            assertThat(row.get("nemesis")).startsWith(r.nemesis());
        }
        assertThat(rows.get(1).get("p50 ms")).as("the real partitioned run's, from its results.edn").isEqualTo("5821");

        // The real runs' own latency plots, by a relative path that leads to the file.
        Matcher plot = Pattern.compile("<figure><img src=\"([^\"]+)\" alt=\"latency of [^\"]*3d-broadcast\"").matcher(loaded.dom());
        assertThat(plot.find()).as("3d-broadcast's latency-raw.png on the page").isTrue();
        Path plotFile = page.getParent().resolve(URLDecoder.decode(plot.group(1), StandardCharsets.UTF_8)).normalize();
        assertThat(plotFile).isEqualTo(real3d.toRealPath().resolve("latency-raw.png"));

        // The frontier: two charts, and one point per run with both figures (all six).
        assertThat(loaded.dom()).contains("id=\"frontier-median\"", "id=\"frontier-max\"");
        assertThat(loaded.dom()).containsPattern("id=\"frontier-median\" alt=\"[^\"]*\" src=\"data:image/png;base64,[A-Za-z0-9+/]{1000}");
        String points = loaded.dom().substring(loaded.dom().indexOf("<table id=\"points\""));
        points = points.substring(0, points.indexOf("</table>"));
        assertThat(points.split("<tr>", -1)).as("a heading and six points").hasSize(1 + 1 + 6);
        assertThat(points).contains("3d broadcast real partition", "3b broadcast sim");

        // The spread over the sweep's three seeds, equal to the sweep's own.
        JsonNode sweep = Json.mapper().readTree(sweep3b.resolve("sweep.json").toFile());
        String spread = loaded.dom().substring(loaded.dom().indexOf("<table id=\"spread\""));
        spread = spread.substring(0, spread.indexOf("</table>"));
        JsonNode msgs = sweep.at("/spread/msgs-per-op");
        assertThat(spread).contains("3b broadcast sim").contains(">3<")
                .contains(Sweep.describeSpread(new double[] {msgs.get("min").asDouble(), msgs.get("median").asDouble(), msgs.get("max").asDouble()}, "%.2f"));
        assertThat(loaded.dom()).contains("id=\"spread-msgs-per-op\"");
    }

    // ---- choosing runs ------------------------------------------------------------------------------

    @Test
    void withoutFoldersEveryRunInRunsAndReferenceIsChosenAndFiltersNarrowThem() {
        Ran all = compare("--html", root.resolve("pages/f.html").toString());
        assertThat(all.status()).as(all.err()).isZero();
        assertThat(column(all, "challenge")).as("3d, 3 seeds of 3b, 1, and three real runs").hasSize(8)
                .containsOnly("3d", "3b", "1", "4");

        assertThat(column(compare("--challenge", "3D", "--html", root.resolve("pages/f.html").toString()), "run"))
                .containsExactlyInAnyOrder(bench3d.getFileName().toString(), "3d-broadcast", "3d-broadcast-partition");
        assertThat(column(compare("--challenge", "broadcast", "--html", root.resolve("pages/f.html").toString()), "challenge"))
                .as("a workload stands for its challenges").hasSize(6).containsOnly("3d", "3b");
        assertThat(column(compare("--mode", "real", "--html", root.resolve("pages/f.html").toString()), "run"))
                .containsExactlyInAnyOrder("3d-broadcast", "3d-broadcast-partition", "4-g-counter-run1");
        assertThat(column(compare("--mode", "maelstrom", "--nemesis", "partition", "--html", root.resolve("pages/f.html").toString()), "run"))
                .containsExactlyInAnyOrder("3d-broadcast-partition", "4-g-counter-run1");
        assertThat(column(compare("--node", "echo", "--html", root.resolve("pages/f.html").toString()), "challenge")).containsExactly("1");
        assertThat(column(compare("--mode", "sim", "--challenge", "3b", "--last", "2", "--html", root.resolve("pages/f.html").toString()), "seed"))
                .as("a sweep's seeds share its time; the last two in order").containsExactly("2", "3");
        assertThat(column(compare("--strategy", "none", "--nemesis", "none", "--mode", "sim", "--html", root.resolve("pages/f.html").toString()),
                "challenge")).containsOnly("3d", "3b", "1").hasSize(5);
    }

    @Test
    void whenNothingMatchesItSaysWhatTheRunsHave() {
        Ran ran = compare("--challenge", "6a", "--mode", "real");

        assertThat(ran.status()).isEqualTo(1);
        assertThat(ran.out()).isEmpty();
        assertThat(ran.err()).contains("no run matches --challenge 6a --mode real among the 8 runs in")
                .contains("challenges 1, 3b, 3d, 4").contains("modes real, sim").doesNotContain("Exception");
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        Path notARun = Files.createDirectories(root.resolve("not-a-run"));
        Files.writeString(notARun.resolve("notes.txt"), "hello");
        TestCli.assertUsageError(compare("--mode", "fast"), "--mode takes real, sim or process", "fast");
        TestCli.assertUsageError(compare("--nemesis", "kill"), "--nemesis takes partition or none");
        TestCli.assertUsageError(compare("--last", "0"), "--last must be at least 1");
        TestCli.assertUsageError(compare("--challenge", "3z"), "--challenge takes a challenge", "3z");
        TestCli.assertUsageError(compare(root.resolve("nowhere").toString()), "nowhere does not exist");
        TestCli.assertUsageError(compare(notARun.toString()), "is not a run folder");
        TestCli.assertUsageError(compare("--html", root.toString()), "is a folder");
        TestCli.assertUsageError(compare("--lats", "3"), "--lats");
    }

    @Test
    void withoutHtmlThePageGoesUnderMaelstromResultsAndItsPathIsPrinted() throws IOException {
        Ran ran = compare(real3d.toString());

        assertThat(ran.status()).as(ran.err()).isZero();
        String line = ran.out().lines().filter(l -> l.startsWith("page ")).findFirst().orElseThrow();
        Path page = Path.of(line.substring("page ".length()));
        assertThat(page.getParent()).isEqualTo(root.resolve(CompareCommand.PAGES));
        assertThat(page.getFileName().toString()).endsWith("-compare.html");
        assertThat(Files.readString(page)).contains("<table id=\"runs\"").contains("bin/glomers compare " + real3d);
    }

    // ---- glomers test --maelstrom lands its run where compare finds it ------------------------------

    @Test
    void aRealMaelstromRunLandsInTheResultsFolderWithRunJsonAndIsCompared() throws IOException {
        Path results = root.resolve("real-runs");
        Path launcher = Files.createDirectories(root.resolve("bin")).resolve("broadcast");
        Files.writeString(launcher, "#!/bin/sh\n");
        launcher.toFile().setExecutable(true);
        Path edn = RealRuns.copy(RealRuns.REAL_3D, root.resolve("fake-store-source")).resolve("results.edn");
        // As Maelstrom stores a run: store/<workload>/<time>/ with results.edn and plots, and the links latest and current.
        Path fake = root.resolve("fake-maelstrom");
        Files.writeString(fake, "#!/bin/sh\n"
                + "run=store/broadcast/20261130T130722.145+0000\n"
                + "mkdir -p $run/node-logs && cp '" + edn + "' $run/results.edn && echo png > $run/latency-raw.png\n"
                + "echo n0 > $run/node-logs/n0.log\n"
                + "ln -s broadcast/20261130T130722.145+0000 store/latest && ln -s broadcast/20261130T130722.145+0000 store/current\n"
                + "exit 0\n");
        fake.toFile().setExecutable(true);

        Ran test = TestCli.run(root, Map.of(), "test", "3d", "--maelstrom", fake.toString(), "--results", results.toString());

        assertThat(test.status()).as(test.err()).isZero();
        List<Path> folders;
        try (Stream<Path> listed = Files.list(results)) {
            folders = listed.filter(p -> !p.getFileName().toString().startsWith(Latest.PREFIX)).toList();
        }
        assertThat(folders).hasSize(1);
        Path folder = folders.get(0);
        assertThat(folder.getFileName().toString()).endsWith("-3d-real");
        assertThat(results.resolve(Latest.PREFIX + "-3d").toRealPath()).as("latest-3d names the real run").isEqualTo(folder.toRealPath());
        assertThat(folder.resolve("results.edn")).hasSameTextualContentAs(edn);
        assertThat(folder.resolve("latency-raw.png")).exists();
        assertThat(folder.resolve("node-logs/n0.log")).exists();
        assertThat(folder.resolve("store")).as("the store, emptied, is gone").doesNotExist();
        JsonNode run = Json.mapper().readTree(folder.resolve("run.json").toFile());
        assertThat(run.get("mode").asText()).isEqualTo("real");
        assertThat(run.get("valid?").isBoolean()).isTrue();
        assertThat(run.get("valid?").asBoolean()).isTrue();
        assertThat(run.at("/node/name").asText()).isEqualTo("broadcast");
        assertThat(run.at("/node/path").asText()).isEqualTo(launcher.toString());
        assertThat(run.get("results").asText()).isEqualTo("results.edn");
        assertThat(test.err()).contains("bin/glomers compare " + folder);

        Ran compared = compare(results.toString(), "--html", root.resolve("pages/real.html").toString());
        assertThat(compared.status()).as(compared.err()).isZero();
        Map<String, String> row = rows(compared).get(0);
        assertThat(List.of(row.get("challenge"), row.get("node"), row.get("mode"), row.get("nemesis"), row.get("valid?"), row.get("msgs-per-op"),
                row.get("p50 ms"))).containsExactly("3d", "broadcast", "real", "none", "true", "11.91", "69");
        assertThat(compared.out()).as("everything was recorded").doesNotContain("worked out");
    }
}
