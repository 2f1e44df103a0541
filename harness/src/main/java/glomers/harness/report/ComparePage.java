package glomers.harness.report;

import glomers.harness.run.Sweep;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The page {@code glomers compare} writes: one static HTML file that opens from the file system.
 * <ol>
 *   <li>the runs' table ({@code #runs}, the same cells as the terminal's, {@link CompareTable}), each
 *       run linked to its folder's {@code index.html} or to the folder, and how facts that were not
 *       recorded were worked out;</li>
 *   <li>the runs' own latency plots ({@code latency-raw.png}, Maelstrom's or the bench's) side by
 *       side, by relative path, at most {@value #MAX_PLOTS};</li>
 *   <li>servers msgs-per-op against median and against max stable latency, one point per run, with
 *       3d's and 3e's limits ({@link CompareCharts#frontier}), and the points in a table ({@code #points});</li>
 *   <li>when several runs share a configuration (challenge, node, strategy, mode, nemesis): each
 *       figure's spread over them, as boxes, and as min / median / max in a table ({@code #spread}).</li>
 * </ol>
 * Charts are PNGs inside the page ({@code data:} URIs), so the page is one file.
 */
public final class ComparePage {
    /** Latency plots shown side by side, at most; the table lists every run. */
    static final int MAX_PLOTS = 12;

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
            table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
            th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; white-space: nowrap; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            th { background: #f0f0f0; cursor: pointer; }
            td.v-false, td.v-aborted { background: #fdd; } td.v-unknown { background: #ffd; }
            .plots { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start; }
            figure { margin: 0; flex: 1 1 480px; max-width: 660px; } figure img { width: 100%; border: 1px solid #ddd; }
            figcaption, .legend, .notes { font-size: 0.85em; color: #555; }
            code { background: #f6f6f6; padding: 0.1em 0.3em; }
            """;

    /** Clicking a heading sorts its table by that column: numbers as numbers, "-" last. */
    private static final String SORT_SCRIPT = """
            <script>
            document.querySelectorAll('table.sortable').forEach(function (table) {
              table.querySelectorAll('th').forEach(function (th, column) {
                th.addEventListener('click', function () {
                  var body = table.tBodies[0];
                  var rows = Array.prototype.slice.call(body.rows);
                  var down = th.dataset.sorted !== 'up';
                  function key(row) {
                    var text = row.cells[column].textContent.trim();
                    var n = parseFloat(text);
                    return text === '-' ? null : isNaN(n) ? text : n;
                  }
                  rows.sort(function (a, b) {
                    var x = key(a), y = key(b);
                    if (x === null || y === null) { return x === y ? 0 : x === null ? 1 : -1; }
                    var order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === 'number' ? -1 : 1);
                    return down ? order : -order;
                  });
                  rows.forEach(function (row) { body.appendChild(row); });
                  th.dataset.sorted = down ? 'up' : 'down';
                });
              });
            });
            </script>
            """;

    private ComparePage() {
    }

    /**
     * Writes the page for {@code runs} to {@code page} (its folder created if missing).
     * {@code command} is the command that made it, shown at the top.
     */
    public static void write(Path page, List<RunRecord> runs, String command) throws IOException {
        Path absolute = page.toAbsolutePath().normalize();
        StringBuilder html = new StringBuilder(HtmlPage.start("glomers compare: " + runs.size() + " runs", STYLE));
        html.append("<h1>").append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append(" side by side</h1>\n");
        html.append("<p>Made by <code>").append(HtmlPage.escape(command)).append("</code> at ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(".</p>\n");
        runsTable(html, runs, absolute);
        latencyPlots(html, runs, absolute);
        frontier(html, runs);
        spread(html, runs);
        html.append(SORT_SCRIPT).append(HtmlPage.end());
        Files.createDirectories(absolute.getParent());
        Files.writeString(absolute, html, StandardCharsets.UTF_8);
    }

    private static void runsTable(StringBuilder html, List<RunRecord> runs, Path page) {
        html.append("<h2>Runs</h2>\n<table id=\"runs\" class=\"sortable\">\n<thead><tr>");
        for (CompareTable.Column column : CompareTable.COLUMNS) {
            html.append("<th>").append(HtmlPage.escape(column.heading())).append("</th>");
        }
        html.append("<th>revision</th></tr></thead>\n<tbody>\n");
        for (RunRecord run : runs) {
            html.append("<tr>");
            for (CompareTable.Column column : CompareTable.COLUMNS) {
                String cell = column.cell().apply(run);
                String classes = (column.numeric() ? "num" : "") + (column.heading().equals("valid?") ? " v-" + cell : "");
                html.append("<td data-col=\"").append(HtmlPage.escape(column.heading())).append("\"")
                        .append(classes.isBlank() ? "" : " class=\"" + HtmlPage.escape(classes.trim()) + "\"").append(">");
                if (column.heading().equals("run")) {
                    Path index = run.folder().resolve("index.html");
                    html.append("<a href=\"").append(link(page, Files.isRegularFile(index) ? index : run.folder())).append("\">")
                            .append(HtmlPage.escape(cell)).append("</a>");
                } else {
                    html.append(HtmlPage.escape(cell));
                }
                html.append("</td>");
            }
            html.append("<td data-col=\"revision\">").append(HtmlPage.escape(run.revision() == null ? CompareTable.MISSING
                    : run.revision().length() > 12 && !run.revision().contains("+") ? run.revision().substring(0, 12) : run.revision()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n<p class=\"legend\">").append(HtmlPage.escape(String.join(" ", CompareTable.LEGEND)))
                .append(" Click a heading to sort.</p>\n");
        List<String> notes = notes(runs);
        if (!notes.isEmpty()) {
            html.append("<p class=\"notes\">Not recorded in the run's files, and worked out:</p>\n<ul class=\"notes\">\n");
            notes.forEach(note -> html.append("<li>").append(HtmlPage.escape(note)).append("</li>\n"));
            html.append("</ul>\n");
        }
    }

    /** "3d-broadcast: challenge 3d (folder name), …", one per folder with inferred facts. */
    public static List<String> notes(List<RunRecord> runs) {
        Map<Path, String> byFolder = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            if (!run.inferred().isEmpty()) {
                byFolder.putIfAbsent(run.folder(), run.folder().getFileName() + ": " + String.join(", ", run.inferred()));
            }
        }
        return List.copyOf(byFolder.values());
    }

    private static void latencyPlots(StringBuilder html, List<RunRecord> runs, Path page) {
        html.append("<h2>Latency over time</h2>\n");
        List<RunRecord> plotted = runs.stream().filter(r -> r.latencyPlot() != null).toList();
        if (plotted.isEmpty()) {
            html.append("<p>None of these runs' folders has a latency plot (<code>latency-raw.png</code>).</p>\n");
            return;
        }
        html.append("<div class=\"plots\" id=\"latency-plots\">\n");
        for (RunRecord run : plotted.subList(0, Math.min(MAX_PLOTS, plotted.size()))) {
            String caption = run.challenge() + " · " + run.label() + (run.seed() == null ? "" : " · seed " + run.seed())
                    + " · " + run.folder().getFileName();
            html.append("<figure><img src=\"").append(link(page, run.latencyPlot())).append("\" alt=\"latency of ")
                    .append(HtmlPage.escape(caption)).append("\"><figcaption>").append(HtmlPage.escape(caption))
                    .append("</figcaption></figure>\n");
        }
        html.append("</div>\n");
        if (plotted.size() > MAX_PLOTS) {
            html.append("<p class=\"legend\">The first ").append(MAX_PLOTS).append(" of ").append(plotted.size())
                    .append(" plots; the table links every run's folder.</p>\n");
        }
    }

    private static void frontier(StringBuilder html, List<RunRecord> runs) {
        html.append("<h2>Messages against stable latency</h2>\n");
        List<RunRecord> placed = CompareCharts.frontierRuns(runs);
        if (placed.isEmpty()) {
            html.append("<p>No run here has both servers msgs-per-op and stable latencies (broadcast runs have both).</p>\n");
            return;
        }
        html.append("<p class=\"legend\">One point per run; dashed lines are the challenge's limits (stay below and left of them).</p>\n")
                .append("<div class=\"plots\">\n");
        for (CompareCharts.Quantile q : CompareCharts.Quantile.values()) {
            image(html, "frontier-" + q.word, "servers msgs-per-op against " + q.word + " stable latency",
                    CompareCharts.frontier(runs, q));
        }
        html.append("</div>\n<table id=\"points\" class=\"sortable\"><thead><tr><th>series</th><th>msgs-per-op</th>"
                + "<th>median ms</th><th>max ms</th><th>run</th></tr></thead>\n<tbody>\n");
        boolean severalChallenges = placed.stream().map(RunRecord::challenge).distinct().count() > 1;
        for (RunRecord run : placed) {
            html.append("<tr><td>").append(HtmlPage.escape(CompareCharts.seriesName(run, severalChallenges)))
                    .append(run.seed() == null ? "" : " · seed " + run.seed()).append("</td>")
                    .append(numberCell(String.format(Locale.ROOT, "%.2f", run.serverMsgsPerOp())))
                    .append(numberCell(String.format(Locale.ROOT, "%.0f", run.latencies().median())))
                    .append(numberCell(String.format(Locale.ROOT, "%.0f", run.latencies().max())))
                    .append("<td>").append(HtmlPage.escape(run.folder().getFileName().toString())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    /** A figure the spread section shows: its chart's id, its heading, and its value for a run (null if the run lacks it). */
    private record Figure(String id, String heading, String format, Function<RunRecord, Double> value) {
    }

    private static final List<Figure> SPREAD_FIGURES = List.of(
            new Figure("msgs-per-op", "servers msgs-per-op", "%.2f", RunRecord::serverMsgsPerOp),
            new Figure("p50", "latency p50 (ms)", "%.0f", r -> r.latencies() == null ? null : r.latencies().median()),
            new Figure("max", "latency max (ms)", "%.0f", r -> r.latencies() == null ? null : r.latencies().max()));

    /**
     * Runs grouped by what was run (several seeds, or repeated real runs); only groups of two or
     * more. A seed counts once in a group: the bench replays a seed exactly, so a seed run on its
     * own and again in a sweep is one sample, not two.
     */
    static Map<String, List<RunRecord>> configurations(List<RunRecord> runs) {
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        CompareCharts.group(runs, r -> r.challenge() + " " + r.label()).forEach((name, group) -> {
            Set<Long> seeds = new HashSet<>();
            List<RunRecord> samples = group.stream().filter(r -> r.seed() == null || seeds.add(r.seed())).toList();
            if (samples.size() >= 2) {
                groups.put(name, samples);
            }
        });
        return groups;
    }

    private static void spread(StringBuilder html, List<RunRecord> runs) {
        html.append("<h2>Across seeds and repeated runs</h2>\n");
        Map<String, List<RunRecord>> configurations = configurations(runs);
        if (configurations.isEmpty()) {
            html.append("<p>Every configuration here has one run. Several seeds of one (<code>glomers test 3d --seeds 1..20</code>, "
                    + "compared by its sweep folder) show each figure's spread.</p>\n");
            return;
        }
        html.append("<div class=\"plots\">\n");
        for (Figure figure : SPREAD_FIGURES) {
            Map<String, List<Double>> values = new LinkedHashMap<>();
            configurations.forEach((name, group) -> values.put(name, group.stream().map(figure.value()).toList()));
            BoxChart chart = CompareCharts.spread(figure.heading() + " across runs", figure.heading(), values);
            if (chart != null) {
                image(html, "spread-" + figure.id(), figure.heading(), chart);
            }
        }
        html.append("</div>\n<p class=\"legend\">A seed counts once per configuration (the bench replays it exactly).</p>\n")
                .append("<table id=\"spread\" class=\"sortable\"><thead><tr><th>configuration</th><th>runs</th><th>valid</th>");
        for (Figure figure : SPREAD_FIGURES) {
            html.append("<th>").append(HtmlPage.escape(figure.heading())).append(" min / median / max</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (Map.Entry<String, List<RunRecord>> configuration : configurations.entrySet()) {
            List<RunRecord> group = configuration.getValue();
            long valid = group.stream().filter(r -> "true".equals(r.valid())).count();
            html.append("<tr><td>").append(HtmlPage.escape(configuration.getKey())).append("</td>")
                    .append(numberCell(String.valueOf(group.size()))).append(numberCell(String.valueOf(valid)));
            for (Figure figure : SPREAD_FIGURES) {
                double[] spread = Sweep.spread(group, r -> figure.value().apply(r) == null ? Double.NaN : figure.value().apply(r));
                html.append(numberCell(Sweep.describeSpread(spread, figure.format())));
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static void image(StringBuilder html, String id, String alt, Chart<?, ?> chart) {
        html.append("<figure><img id=\"").append(id).append("\" alt=\"").append(HtmlPage.escape(alt)).append("\" src=\"")
                .append(CompareCharts.pngDataUri(chart)).append("\"></figure>\n");
    }

    private static String numberCell(String text) {
        return "<td class=\"num\">" + HtmlPage.escape(text) + "</td>";
    }

    /** {@code target} as a link from {@code page}: a relative path, each character a URL needs escaped so. */
    static String link(Path page, Path target) {
        Path relative = page.getParent().relativize(target.toAbsolutePath().normalize());
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        try {
            return HtmlPage.escape(new URI(null, null, String.join("/", parts), null).getRawPath());
        } catch (URISyntaxException e) {
            return HtmlPage.escape(target.toAbsolutePath().toUri().toString());
        }
    }
}
