package glomers.harness.report;

import glomers.harness.cli.Challenge;
import glomers.harness.cli.ChallengeTarget;
import glomers.harness.cli.ChallengeTarget.Figure;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The comparison page's charts, drawn with XChart: the efficiency frontier (servers msgs-per-op
 * against stable latency, one point per run, with the challenge's limits) and the spread of a
 * figure over several runs of one configuration (a box per configuration).
 */
final class CompareCharts {
    static {
        // Charts are drawn off-screen; a machine without a display must not need one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Pixels. */
    static final int WIDTH = 640;
    static final int HEIGHT = 460;
    /** Room left past the farthest point or limit, as a fraction of it. */
    private static final double MARGIN = 0.1;

    /**
     * A challenge's efficiency limits, as Fly.io publishes them (spec §5): servers msgs-per-op,
     * median and max stable latency (ms), each to stay under; drawn in {@code color}.
     */
    record Limits(String challenge, double msgsPerOp, double medianMillis, double maxMillis, Color color) {
    }

    /** One colour per challenge with limits, in the table's order (3d, 3e). */
    private static final List<Color> LIMIT_COLORS = List.of(new Color(0xB2, 0x22, 0x22), new Color(0xE0, 0x8A, 0x00),
            new Color(0x6A, 0x1B, 0x9A));

    /** The challenges whose targets bound msgs-per-op and both stable latencies, from the one table, {@link Challenge#ALL}. */
    static final List<Limits> EFFICIENCY = efficiencyLimits();

    private static List<Limits> efficiencyLimits() {
        List<Limits> out = new ArrayList<>();
        for (Challenge c : Challenge.ALL) {
            Double msgsPerOp = limit(c, Figure.MSGS_PER_OP);
            Double median = limit(c, Figure.STABLE_LATENCY_MEDIAN);
            Double max = limit(c, Figure.STABLE_LATENCY_MAX);
            if (msgsPerOp != null && median != null && max != null) {
                out.add(new Limits(c.id(), msgsPerOp, median, max, LIMIT_COLORS.get(out.size() % LIMIT_COLORS.size())));
            }
        }
        return List.copyOf(out);
    }

    /** The fixed upper limit a challenge's target puts on {@code figure}, or null. */
    private static Double limit(Challenge c, Figure figure) {
        return c.targets().stream().filter(t -> t.figure() == figure && t.below() && t.than() == null)
                .map(ChallengeTarget::limit).findFirst().orElse(null);
    }

    /** The quantile a frontier chart plots. */
    enum Quantile {
        MEDIAN("median", 0.5), MAX("max", 1.0);

        final String word;
        final double q;

        Quantile(String word, double q) {
            this.word = word;
            this.q = q;
        }

        double limit(Limits limits) {
            return this == MEDIAN ? limits.medianMillis() : limits.maxMillis();
        }
    }

    private CompareCharts() {
    }

    /** The runs a frontier chart can place: with servers msgs-per-op and stable latencies at both quantiles. */
    static List<RunRecord> frontierRuns(List<RunRecord> runs) {
        return runs.stream().filter(r -> r.serverMsgsPerOp() != null && r.latencies() != null
                && r.latencies().kind().equals("stable") && r.latencies().median() != null && r.latencies().max() != null).toList();
    }

    /**
     * Servers msgs-per-op (x) against the stable latency at {@code quantile} (y, ms; a log axis when
     * every latency is above 0): one series per {@link #seriesName}, one point per run, and for each
     * of 3d and 3e among the runs its limits as dashed lines (a vertical one at its msgs-per-op, a
     * horizontal one at its latency).
     */
    static XYChart frontier(List<RunRecord> runs, Quantile quantile) {
        List<RunRecord> placed = frontierRuns(runs);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("servers msgs-per-op against " + quantile.word + " stable latency")
                .xAxisTitle("servers msgs-per-op").yAxisTitle(quantile.word + " stable latency (ms)").build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS).setMarkerSize(9).setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0);
        // Partitioned runs' latencies are seconds where healthy ones are tens of ms: a log axis
        // shows both, when no latency is 0 (3a/3b's often are), which a log axis cannot place.
        double nearestY = placed.stream().mapToDouble(r -> r.latencies().at(quantile.q)).min().orElse(0);
        boolean logarithmic = nearestY > 0;
        double yStart = logarithmic ? nearestY / 2 : 0;
        if (logarithmic) {
            chart.getStyler().setYAxisLogarithmic(true);
        } else {
            chart.getStyler().setYAxisMin(0.0);
        }
        boolean severalChallenges = placed.stream().map(RunRecord::challenge).distinct().count() > 1;
        Map<String, List<RunRecord>> bySeries = group(placed, r -> seriesName(r, severalChallenges));
        double farthestX = 0;
        double farthestY = 0;
        for (Map.Entry<String, List<RunRecord>> series : bySeries.entrySet()) {
            double[] x = series.getValue().stream().mapToDouble(RunRecord::serverMsgsPerOp).toArray();
            double[] y = series.getValue().stream().mapToDouble(r -> r.latencies().at(quantile.q)).toArray();
            chart.addSeries(series.getKey(), x, y).setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            farthestX = Math.max(farthestX, max(x));
            farthestY = Math.max(farthestY, max(y));
        }
        List<Limits> drawn = EFFICIENCY.stream().filter(l -> placed.stream().anyMatch(r -> l.challenge().equals(r.challenge()))).toList();
        for (Limits limits : drawn) {
            farthestX = Math.max(farthestX, limits.msgsPerOp());
            farthestY = Math.max(farthestY, quantile.limit(limits));
        }
        double xEnd = farthestX * (1 + MARGIN);
        double yEnd = farthestY * (1 + MARGIN);
        for (Limits limits : drawn) {
            String c = limits.challenge();
            limitLine(chart, c + " limit: msgs-per-op < " + number(limits.msgsPerOp()), limits.color(),
                    new double[] {limits.msgsPerOp(), limits.msgsPerOp()}, new double[] {yStart, yEnd});
            limitLine(chart, c + " limit: " + quantile.word + " < " + number(quantile.limit(limits)) + " ms", limits.color(),
                    new double[] {0, xEnd}, new double[] {quantile.limit(limits), quantile.limit(limits)});
        }
        return chart;
    }

    /** A series' name on the frontier: the run's label, after its challenge when several are plotted. */
    static String seriesName(RunRecord run, boolean withChallenge) {
        return (withChallenge ? run.challenge() + " " : "") + run.label();
    }

    private static void limitLine(XYChart chart, String name, Color color, double[] x, double[] y) {
        XYSeries line = chart.addSeries(name, x, y);
        line.setLineColor(color);
        line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineStyle(SeriesLines.DASH_DASH);
    }

    /**
     * One box per configuration of {@code values} (configuration → its runs' figures; null figures
     * left out, and configurations with fewer than two left out); null when no box remains.
     */
    static BoxChart spread(String title, String yAxisTitle, Map<String, List<Double>> values) {
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yAxisTitle).build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS).setChartBackgroundColor(Color.WHITE);
        int boxes = 0;
        for (Map.Entry<String, List<Double>> configuration : values.entrySet()) {
            List<Double> present = configuration.getValue().stream().filter(Objects::nonNull).toList();
            if (present.size() >= 2) {
                chart.addSeries(configuration.getKey(), present);
                boxes++;
            }
        }
        return boxes == 0 ? null : chart;
    }

    /** The chart as a PNG in a {@code data:} URI, for an {@code <img>} of a page that stands alone. */
    static String pngDataUri(Chart<?, ?> chart) {
        try {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart " + chart.getTitle(), e);
        }
    }

    /** {@code items} grouped by {@code key}, groups in order of first appearance. */
    static <T> Map<String, List<T>> group(List<T> items, Function<T, String> key) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
        }
        return groups;
    }

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
