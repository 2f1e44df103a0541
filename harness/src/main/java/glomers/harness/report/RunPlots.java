package glomers.harness.report;

import glomers.harness.history.History;
import glomers.harness.history.Op;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The three plots of Maelstrom's store, drawn with XChart from a run's history: Jepsen's
 * {@code checker/perf.clj} ({@code point-graph!}, {@code quantiles-graph!}, {@code rate-graph!}).
 * <ul>
 *   <li>{@value #LATENCY_RAW}: each client operation's latency (ms, log scale) at its invocation
 *       time (s since the run began), one series per {@code f} and outcome ({@code read ok},
 *       {@code read info}, …); colour says the outcome (Jepsen's colours), the marker the f.</li>
 *   <li>{@value #LATENCY_QUANTILES}: per f, the latency quantiles 0.5, 0.95, 0.99 and 1 of the
 *       operations invoked in each time window, at the window's middle (Jepsen's quantile: the
 *       sorted latencies' element at floor(n·q)).</li>
 *   <li>{@value #RATE}: completions per second in each window, per f and outcome; every f gets
 *       all three outcomes, zeros included, as Jepsen draws them.</li>
 * </ul>
 * Partitions (the nemesis's {@code start-partition} to the next {@code stop-partition}, or to the
 * history's end) are shaded on all three. Differences from Jepsen, on purpose: the window is
 * sized to the run ({@link #windowSeconds}, 1 s for a 20 s challenge) where Jepsen takes 30 s
 * for quantiles and 10 s for rates, which leaves two or three points in a challenge's run; and a
 * latency under {@value #MIN_LATENCY_MS} ms (an in-process run's instant reply is 0 ms) is drawn
 * at {@value #MIN_LATENCY_MS} ms, since a log scale has no 0. Drawing is headless.
 */
public final class RunPlots {
    public static final String LATENCY_RAW = "latency-raw.png";
    public static final String LATENCY_QUANTILES = "latency-quantiles.png";
    public static final String RATE = "rate.png";
    /** The floor of the log-scale latency axes, in ms. */
    public static final double MIN_LATENCY_MS = 0.01;
    /** Jepsen's quantiles. */
    public static final List<Double> QUANTILES = List.of(0.5, 0.95, 0.99, 1.0);
    /** Window lengths to choose from, in seconds: the shortest that gives at most {@value #MAX_WINDOWS} windows. */
    private static final double[] WINDOW_CHOICES = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};
    private static final int MAX_WINDOWS = 40;
    /** Jepsen's image size. */
    private static final int WIDTH = 900;
    private static final int HEIGHT = 400;
    private static final List<Op.Type> OUTCOMES = List.of(Op.Type.OK, Op.Type.INFO, Op.Type.FAIL);
    /** Jepsen's {@code type->color}. */
    private static final Map<Op.Type, Color> OUTCOME_COLOURS = Map.of(
            Op.Type.OK, new Color(0x81BFFC), Op.Type.INFO, new Color(0xFFA400), Op.Type.FAIL, new Color(0xFF1E90));
    /** Jepsen's {@code qs->colors}: the highest quantile red, then orange, purple, blue. */
    private static final Map<Double, Color> QUANTILE_COLOURS = Map.of(
            1.0, Color.RED, 0.99, new Color(0xFFA500), 0.95, new Color(0xA020F0), 0.5, Color.BLUE);
    private static final Marker[] F_MARKERS = {SeriesMarkers.SQUARE, SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS};
    private static final String LATENCY_AXIS = "Latency (ms; 0 drawn at " + MIN_LATENCY_MS + ")";
    private static final Color PARTITION_SHADE = new Color(230, 190, 60, 70);

    static {
        System.setProperty("java.awt.headless", "true"); // before AWT starts: no display is needed
    }

    private RunPlots() {
    }

    /** A time span in seconds since the run began: here, a partition's. */
    public record Window(double startSeconds, double stopSeconds) {
    }

    /**
     * One plot: its file name, the chart (its series are the data drawn), the partitions shaded,
     * and the window length in seconds (0 for the raw latencies, which have none).
     */
    public record Plot(String file, XYChart chart, List<Window> partitions, double windowSeconds) {
    }

    /** The three plots of {@code history}, titled {@code title}; none when no client operation completed. */
    public static List<Plot> of(String title, History history) {
        List<Latency> latencies = latencies(history);
        if (latencies.isEmpty()) {
            return List.of();
        }
        List<Window> partitions = partitionWindows(history);
        double window = windowSeconds(endSeconds(history));
        return List.of(latencyRaw(title, latencies, partitions), latencyQuantiles(title, latencies, partitions, window),
                rate(title, history, partitions, window));
    }

    /** Writes each plot as a PNG into {@code folder}; returns the files written. */
    public static List<Path> write(Path folder, List<Plot> plots) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Plot plot : plots) {
            Path file = folder.resolve(plot.file());
            BitmapEncoder.saveBitmap(plot.chart(), file.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(file);
        }
        return written;
    }

    /**
     * The partitions: from each {@code start-partition} to the next {@code stop-partition}, or to
     * the history's last entry when none follows (Jepsen's {@code nemesis-intervals}).
     */
    public static List<Window> partitionWindows(History history) {
        List<Window> windows = new ArrayList<>();
        Double start = null;
        for (Op op : history.ops()) {
            if (op.process() != Op.NEMESIS) {
                continue;
            }
            if (op.f().equals("start-partition") && start == null) {
                start = seconds(op.timeNanos());
            } else if (op.f().equals("stop-partition") && start != null) {
                windows.add(new Window(start, seconds(op.timeNanos())));
                start = null;
            }
        }
        if (start != null) {
            windows.add(new Window(start, endSeconds(history)));
        }
        return windows;
    }

    /** The window length for a run of {@code seconds}: the shortest choice giving at most {@value #MAX_WINDOWS} windows. */
    public static double windowSeconds(double seconds) {
        for (double choice : WINDOW_CHOICES) {
            if (seconds / choice <= MAX_WINDOWS) {
                return choice;
            }
        }
        return WINDOW_CHOICES[WINDOW_CHOICES.length - 1];
    }

    // ---- the three plots -----------------------------------------------------------------------

    /** A completed client operation: its f, outcome, invocation time (s) and latency (ms). */
    private record Latency(String f, Op.Type outcome, double invokedSeconds, double millis) {
    }

    private static Plot latencyRaw(String title, List<Latency> latencies, List<Window> partitions) {
        XYChart chart = chart(title + " latency", LATENCY_AXIS, partitions);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        logLatencyAxis(chart, latencies);
        List<String> fs = fs(latencies);
        for (String f : fs) {
            for (Op.Type outcome : OUTCOMES) {
                List<Latency> points = latencies.stream().filter(l -> l.f().equals(f) && l.outcome() == outcome).toList();
                if (points.isEmpty()) {
                    continue; // a series needs points; the legend lists what happened
                }
                XYSeries series = chart.addSeries(f + " " + outcomeName(outcome),
                        points.stream().mapToDouble(Latency::invokedSeconds).toArray(),
                        points.stream().mapToDouble(l -> Math.max(MIN_LATENCY_MS, l.millis())).toArray());
                style(series, F_MARKERS[fs.indexOf(f) % F_MARKERS.length], OUTCOME_COLOURS.get(outcome));
            }
        }
        return new Plot(LATENCY_RAW, chart, partitions, 0);
    }

    private static Plot latencyQuantiles(String title, List<Latency> latencies, List<Window> partitions, double window) {
        XYChart chart = chart(title + " latency quantiles (" + number(window) + " s windows)", LATENCY_AXIS, partitions);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        logLatencyAxis(chart, latencies);
        List<String> fs = fs(latencies);
        for (String f : fs) {
            TreeMap<Long, List<Double>> byWindow = new TreeMap<>();
            latencies.stream().filter(l -> l.f().equals(f)).forEach(l ->
                    byWindow.computeIfAbsent((long) Math.floor(l.invokedSeconds() / window), w -> new ArrayList<>()).add(l.millis()));
            double[] times = byWindow.keySet().stream().mapToDouble(w -> (w + 0.5) * window).toArray();
            for (double q : QUANTILES) {
                double[] values = byWindow.values().stream().mapToDouble(ms -> Math.max(MIN_LATENCY_MS, quantile(ms, q))).toArray();
                XYSeries series = chart.addSeries(f + " " + number(q), times, values);
                style(series, F_MARKERS[fs.indexOf(f) % F_MARKERS.length], QUANTILE_COLOURS.get(q));
            }
        }
        return new Plot(LATENCY_QUANTILES, chart, partitions, window);
    }

    private static Plot rate(String title, History history, List<Window> partitions, double window) {
        XYChart chart = chart(title + " rate (" + number(window) + " s windows)", "Throughput (hz)", partitions);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        int windows = (int) Math.floor(endSeconds(history) / window) + 1;
        Map<String, double[][]> perSecond = new TreeMap<>(); // f -> outcome -> window -> completions per second
        for (Op op : history.clientCompletions()) {
            int w = (int) Math.min(windows - 1, Math.floor(seconds(op.timeNanos()) / window));
            perSecond.computeIfAbsent(op.f(), f -> new double[OUTCOMES.size()][windows])[OUTCOMES.indexOf(op.type())][w] += 1 / window;
        }
        double[] times = new double[windows];
        Arrays.setAll(times, w -> (w + 0.5) * window);
        List<String> fs = new ArrayList<>(perSecond.keySet());
        for (String f : fs) {
            for (Op.Type outcome : OUTCOMES) {
                XYSeries series = chart.addSeries(f + " " + outcomeName(outcome), times, perSecond.get(f)[OUTCOMES.indexOf(outcome)]);
                style(series, F_MARKERS[fs.indexOf(f) % F_MARKERS.length], OUTCOME_COLOURS.get(outcome));
            }
        }
        return new Plot(RATE, chart, partitions, window);
    }

    // ---- pieces --------------------------------------------------------------------------------

    private static XYChart chart(String title, String yTitle, List<Window> partitions) {
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(partitions.isEmpty() ? "Time (s)" : "Time (s); shaded: partitions");
        chart.setYAxisTitle(yTitle);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE)
                .setMarkerSize(5);
        chart.getStyler().setXAxisMin(0.0);
        for (Window w : partitions) {
            chart.addAnnotation(new Shade(w));
        }
        return chart;
    }

    /**
     * A log-scale latency axis from the floor up to the largest latency, and at least to 1 ms:
     * a run whose replies were all instant (in-process) still gets a readable axis.
     */
    private static void logLatencyAxis(XYChart chart, List<Latency> latencies) {
        double max = latencies.stream().mapToDouble(Latency::millis).max().orElse(0);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(MIN_LATENCY_MS).setYAxisMax(Math.max(1.0, max));
    }

    /** A series' look: the marker says its f, the colour its outcome or quantile. */
    private static void style(XYSeries series, Marker marker, Color colour) {
        series.setMarker(marker);
        series.setMarkerColor(colour);
        series.setLineColor(colour);
    }

    /** Every completed client operation's latency, in history order. */
    private static List<Latency> latencies(History history) {
        List<Latency> latencies = new ArrayList<>();
        for (Op invoke : history.clientInvocations()) {
            Op completion = history.completionOf(invoke);
            if (completion != null) {
                latencies.add(new Latency(invoke.f(), completion.type(), seconds(invoke.timeNanos()),
                        (completion.timeNanos() - invoke.timeNanos()) / 1e6));
            }
        }
        return latencies;
    }

    private static List<String> fs(List<Latency> latencies) {
        return latencies.stream().map(Latency::f).distinct().sorted().toList();
    }

    /** Jepsen's {@code quantiles}: the sorted values' element at floor(n·q), the last for q = 1. */
    static double quantile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
    }

    private static double endSeconds(History history) {
        List<Op> ops = history.ops();
        return ops.isEmpty() ? 0 : seconds(ops.get(ops.size() - 1).timeNanos());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String outcomeName(Op.Type type) {
        return type.jepsenName().substring(1);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** A partition, shaded across the plot's height from its start to its stop. */
    private static final class Shade extends Annotation {
        private final Window window;

        Shade(Window window) {
            super(false);
            this.window = window;
        }

        @Override
        public void paint(Graphics2D g) {
            int left = Math.max(getXAxisScreenValueForMin(), getXAxisScreenValue(window.startSeconds()));
            int right = Math.min(getXAxisScreenValueForMax(), getXAxisScreenValue(window.stopSeconds()));
            int top = Math.min(getYAxisScreenValueForMin(), getYAxisScreenValueForMax()); // the plot's edges, in screen space
            int bottom = Math.max(getYAxisScreenValueForMin(), getYAxisScreenValueForMax());
            bounds = new Rectangle2D.Double(left, top, Math.max(1, right - left), bottom - top);
            g.setColor(PARTITION_SHADE);
            g.fill(bounds);
        }
    }
}
