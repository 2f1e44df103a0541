package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.cli.TestCli.Ran;
import glomers.harness.history.HistoryFile;
import glomers.harness.report.HeadlessBrowser;
import glomers.harness.report.RunPlots;
import glomers.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder as {@code glomers test} leaves it (run.json, results.json, plots, timeline.html,
 * index.html, latest pointers) and as {@code glomers report} makes it again. One short partitioned
 * in-process run of challenge 1 serves every assertion.
 */
class RunPagesTest {
    @TempDir
    static Path root;
    static Ran run;
    static Path folder;

    private static Path runs() {
        return root.resolve("runs");
    }

    @BeforeAll
    static void runOnce() throws IOException {
        TestModules.jar(root, "echo", TestModules.StrategyEcho.class);
        run = TestCli.run(root, Map.of(), "test", "1", "--time-limit", "4", "--nemesis", "partition", "--nemesis-interval", "1",
                "--results", runs().toString());
        try (Stream<Path> entries = Files.list(runs())) {
            folder = entries.filter(p -> !Latest.isPointer(p.getFileName().toString())).findFirst().orElseThrow();
        }
    }

    private static JsonNode json(String file) throws IOException {
        return Json.mapper().readTree(folder.resolve(file).toFile());
    }

    @Test
    void runJsonRecordsTheNodeItsStrategyTheMachineAndTheCommandThatRepeatsTheRun() throws IOException {
        assertThat(run.status()).as(run.err() + run.out()).isZero();
        assertThat(folder.getFileName().toString()).as("the strategy the node chose by itself names it")
                .endsWith("-1-calm-partition-sim-seed1");
        JsonNode r = json("run.json");
        assertThat(r.get("challenge").asText()).isEqualTo("1");
        assertThat(r.at("/node/kind").asText()).isEqualTo("module");
        assertThat(r.at("/node/name").asText()).isEqualTo("echo");
        assertThat(Path.of(r.at("/node/path").asText())).isEqualTo(NodeJar.path(root, "echo").toAbsolutePath());
        assertThat(r.at("/node/args")).isEmpty();
        assertThat(r.at("/node/strategy").asText()).isEqualTo("calm");
        assertThat(r.has("git")).isTrue();
        assertThat(r.get("git").isNull()).as("a temporary folder is no git checkout: no revision, and no failure").isTrue();
        assertThat(r.get("java").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(r.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(r.get("mode").asText()).isEqualTo("sim");
        assertThat(r.get("seed").asLong()).isEqualTo(1);
        assertThat(r.at("/options/time-limit").asInt()).isEqualTo(4);
        assertThat(r.at("/options/nemesis").asText()).isEqualTo("partition");
        assertThat(r.get("valid?").isBoolean()).isTrue();
        assertThat(r.get("command").asText()).isEqualTo("bin/glomers test 1 calm --seed 1 --time-limit 4 --nemesis partition "
                + "--nemesis-interval 1 --results " + runs());
        assertThat(r.get("partitions-started").asInt()).isPositive();
    }

    @Test
    void theRepeatCommandRunsTheSameRun() throws IOException {
        String[] words = json("run.json").get("command").asText().split(" ");
        Ran again = TestCli.run(root, Map.of(), java.util.Arrays.copyOfRange(words, 1, words.length));

        assertThat(again.status()).as(again.err()).isZero();
        Path latest = Latest.resolve(runs(), "latest-1").orElseThrow();
        assertThat(latest).isNotEqualTo(folder);
        assertThat(Files.readString(latest.resolve("results.json"))).isEqualTo(Files.readString(folder.resolve("results.json")));
        assertThat(Files.readString(latest.resolve("history.jsonl"))).isEqualTo(Files.readString(folder.resolve("history.jsonl")));
    }

    @Test
    void latestPointsAtTheNewestRunOfTheChallengeAndOfAll() {
        Path newest = Latest.resolve(runs(), "latest").orElseThrow();
        assertThat(Latest.resolve(runs(), "latest-1")).contains(newest);
        assertThat(newest.getFileName().toString()).endsWith("-1-calm-partition-sim-seed1");
        assertThat(Latest.resolve(runs(), "latest-3d")).isEmpty();
    }

    @Test
    void resultsJsonSaysValidAsABooleanOrUnknownNeverAsAString() throws IOException {
        List<JsonNode> verdicts = new ArrayList<>();
        collectValid(json("results.json"), verdicts);

        assertThat(verdicts).hasSizeGreaterThan(4);
        assertThat(verdicts).allSatisfy(v -> assertThat(v.isBoolean() || v.asText().equals("unknown"))
                .as("valid? " + v).isTrue());
        assertThat(json("results.json").get("valid?").isBoolean()).isTrue();
    }

    private static void collectValid(JsonNode node, List<JsonNode> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("valid?")) {
                    into.add(e.getValue());
                }
                collectValid(e.getValue(), into);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectValid(element, into));
        }
    }

    @Test
    void thePlotsAreWrittenAndShadeThePartitionsWhereTheNemesisPutThem() throws IOException {
        for (String png : List.of(RunPlots.LATENCY_RAW, RunPlots.LATENCY_QUANTILES, RunPlots.RATE)) {
            assertThat(ImageIO.read(folder.resolve(png).toFile()).getWidth()).as(png).isEqualTo(900);
        }
        List<Double> starts = new ArrayList<>();
        List<Double> stops = new ArrayList<>();
        double end = 0;
        for (String line : Files.readAllLines(folder.resolve("history.jsonl"))) {
            JsonNode op = Json.mapper().readTree(line);
            end = op.get("time").asLong() / 1e9;
            if (op.get("process").asText().equals(":nemesis")) {
                (op.get("f").asText().equals(":start-partition") ? starts : stops).add(op.get("time").asLong() / 1e9);
            }
        }
        assertThat(starts).isNotEmpty();

        List<RunPlots.Plot> plots = RunPlots.of("t", HistoryFile.read(folder.resolve("history.jsonl")));
        List<RunPlots.Window> windows = plots.get(0).partitions();
        assertThat(windows).extracting(RunPlots.Window::startSeconds).containsExactlyElementsOf(starts);
        for (int i = 0; i < windows.size(); i++) {
            assertThat(windows.get(i).stopSeconds()).as("window %d ends at its heal, or at the history's end", i)
                    .isEqualTo(i < stops.size() ? stops.get(i) : end);
        }
        assertThat(plots.get(0).chart().getSeriesMap()).containsOnlyKeys("echo ok");
        assertThat(plots.get(0).chart().getSeriesMap().get("echo ok").getXData()).hasSize(json("results.json").at("/stats/ok-count").asInt());
    }

    @Test
    void theIndexLoadsCleanAndItsTablesHoldResultsJsonsFigures() throws Exception {
        HeadlessBrowser.Loaded page = HeadlessBrowser.require().load(folder.resolve("index.html"));

        assertThat(page.clean()).as(page.errors()).isTrue();
        Map<String, String> cells = cells(page.dom());
        List<String[]> leaves = new ArrayList<>();
        scalarLeaves(json("results.json"), "", leaves);
        assertThat(leaves).hasSizeGreaterThan(20);
        for (String[] leaf : leaves) {
            if (leaf[0].contains("/")) { // a checker's figure; the top-level valid? is the verdict
                assertThat(cells).as(leaf[0]).containsEntry(leaf[0], leaf[1]);
            }
        }
        assertThat(cells).containsEntry("run/node/strategy", "calm").containsEntry("run/seed", "1");
        assertThat(page.dom()).contains("id=\"verdict\">valid<")
                .contains(json("run.json").get("command").asText())
                .contains("href=\"timeline.html\"").contains("src=\"latency-raw.png\"").contains("src=\"rate.png\"")
                .contains("href=\"messages.html\"").contains("href=\"journal.jsonl.gz\"");
    }

    @Test
    void theTimelineLoadsCleanWithAColumnPerProcessAndABoxPerOperation() throws Exception {
        HeadlessBrowser.Loaded page = HeadlessBrowser.require().load(folder.resolve("timeline.html"));

        assertThat(page.clean()).as(page.errors()).isTrue();
        assertThat(page.dom()).contains(">process 0<").contains(">nemesis<").contains("class=\"op ok\"")
                .contains("class=\"op info\"").containsPattern("title=\"process 0 · echo · ok · [0-9.]+ ms · at [0-9.]+ s")
                .contains("page 1 of ");
    }

    @Test
    void reportMakesThePagesAgainFromTheFolderAlone(@TempDir Path copies) throws IOException {
        Path copy = copyOf(folder, copies.resolve(folder.getFileName()));
        for (String made : List.of("index.html", "timeline.html", RunPlots.RATE)) {
            Files.delete(copy.resolve(made));
        }
        Files.writeString(copy.resolve("messages.html"), "<html></html>");

        Ran report = TestCli.run(root, Map.of(), "report", copy.toString());

        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.out()).contains(copy.resolve("index.html").toString());
        assertThat(copy.resolve("timeline.html")).exists();
        assertThat(copy.resolve(RunPlots.RATE)).exists();
        assertThat(Files.readString(copy.resolve("index.html"))).as("the message diagram is linked once it is there")
                .contains("href=\"messages.html\"");
        assertThat(Files.readString(copy.resolve("timeline.html"))).isEqualTo(Files.readString(folder.resolve("timeline.html")));

        Files.delete(copy.resolve("history.jsonl"));
        Ran withoutHistory = TestCli.run(root, Map.of(), "report", copy.toString());
        assertThat(withoutHistory.status()).as(withoutHistory.err()).isZero();
        assertThat(copy.resolve(RunPlots.RATE)).as("kept as drawn").exists();
        assertThat(Files.readString(copy.resolve("index.html"))).contains("Drawn earlier").contains("src=\"rate.png\"");
    }

    @Test
    void reportRefusesWhatIsNoRunFolder() throws IOException {
        TestCli.assertUsageError(TestCli.run(root, Map.of(), "report", root.resolve("nowhere").toString()), "does not exist");
        Path empty = Files.createDirectories(root.resolve("empty"));
        TestCli.assertUsageError(TestCli.run(root, Map.of(), "report", empty.toString()), "no run folder");
        Path sweep = Files.createDirectories(root.resolve("sweep"));
        Files.writeString(sweep.resolve("sweep.json"), "{}");
        TestCli.assertUsageError(TestCli.run(root, Map.of(), "report", sweep.toString()), "sweep");
        TestCli.assertUsageError(TestCli.run(root, Map.of(), "report"));
    }

    /** Every figure cell of a page: data-key → its text, unescaped. */
    private static Map<String, String> cells(String dom) {
        Map<String, String> cells = new HashMap<>();
        Matcher m = Pattern.compile("data-key=\"([^\"]*)\">([^<]*)</td>").matcher(dom);
        while (m.find()) {
            cells.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return cells;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    /** [path, JSON text] of every number, boolean and string in nested objects (not inside lists). */
    private static void scalarLeaves(JsonNode node, String path, List<String[]> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                scalarLeaves(value, path + field.getKey() + "/", into);
            } else if (value.isValueNode() && !value.isNull()) {
                into.add(new String[] {path + field.getKey(), value.isTextual() ? value.asText() : value.toString()});
            }
        }
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
        return to;
    }
}
