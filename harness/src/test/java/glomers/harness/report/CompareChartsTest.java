package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The page's charts hold the runs' figures and the challenges' limits. */
class CompareChartsTest {

    private static RunRecord broadcast(String challenge, String strategy, String mode, double msgsPerOp, double median, double max) {
        RunRecord.Latencies latencies = new RunRecord.Latencies("stable", new TreeMap<>(Map.of(0.5, median, 1.0, max)));
        return new RunRecord(Path.of("/runs/" + challenge + "-" + mode), challenge, "broadcast", "broadcast", strategy, mode, "none",
                null, null, null, "true", msgsPerOp, latencies, 1.0, 0L, null, null, Instant.EPOCH, null, List.of());
    }

    private static double[] doubles(Iterable<? extends Number> values) {
        return java.util.stream.StreamSupport.stream(values.spliterator(), false).mapToDouble(Number::doubleValue).toArray();
    }

    @Test
    void theFrontierHasOnePointPerRunInItsSeriesAndEachChallengesLimits() {
        List<RunRecord> runs = List.of(
                broadcast("3d", null, "real", 11.91, 69, 98),
                broadcast("3d", null, "sim", 11.96, 83, 99),
                broadcast("3d", null, "sim", 12.16, 82, 99),
                broadcast("3e", "batch", "real", 0.85, 433, 815),
                new RunRecord(Path.of("/runs/1"), "1", "echo", "echo", null, "sim", "none", null, null, 1L, "true", 0.0, null, 1.0,
                        null, null, null, Instant.EPOCH, null, List.of()));

        XYChart median = CompareCharts.frontier(runs, CompareCharts.Quantile.MEDIAN);

        Map<String, XYSeries> series = median.getSeriesMap();
        assertThat(series.keySet()).containsExactly("3d broadcast real", "3d broadcast sim", "3e broadcast/batch real",
                "3d limit: msgs-per-op < 30", "3d limit: median < 400 ms", "3e limit: msgs-per-op < 20", "3e limit: median < 1000 ms");
        assertThat(series.get("3d broadcast sim").getXData()).containsExactly(11.96, 12.16);
        assertThat(series.get("3d broadcast sim").getYData()).containsExactly(83.0, 82.0);
        assertThat(series.get("3e broadcast/batch real").getYData()).containsExactly(433.0);
        assertThat(series.get("3d limit: median < 400 ms").getYData()).containsOnly(400.0);
        assertThat(series.get("3d limit: msgs-per-op < 30").getXData()).containsOnly(30.0);
        assertThat(median.getStyler().isYAxisLogarithmic()).as("every latency above 0").isTrue();

        XYChart max = CompareCharts.frontier(runs, CompareCharts.Quantile.MAX);
        assertThat(max.getSeriesMap().get("3e limit: max < 2000 ms").getYData()).containsOnly(2000.0);
        assertThat(max.getSeriesMap().get("3d broadcast real").getYData()).containsExactly(98.0);
    }

    @Test
    void aZeroLatencyKeepsTheAxisLinearAndOnlyPlottedChallengesGetLimits() {
        XYChart chart = CompareCharts.frontier(List.of(broadcast("3b", null, "sim", 2.5, 0, 0), broadcast("3b", null, "real", 2.2, 0, 0)),
                CompareCharts.Quantile.MEDIAN);

        assertThat(chart.getStyler().isYAxisLogarithmic()).isFalse();
        assertThat(chart.getSeriesMap().keySet()).containsExactly("broadcast sim", "broadcast real");
        assertThat(CompareCharts.pngDataUri(chart)).startsWith("data:image/png;base64,iVBORw0KGgo");
    }

    @Test
    void aSpreadHasABoxPerConfigurationWithTwoFiguresOrMore() {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        values.put("3d broadcast sim", Arrays.asList(11.5, 11.9, null, 12.1));
        values.put("3d broadcast real", List.of(11.9));
        values.put("4 g-counter real partition", List.of(1.10, 1.06, 1.06));

        BoxChart chart = CompareCharts.spread("msgs-per-op across runs", "msgs-per-op", values);

        assertThat(chart.getSeriesMap().keySet()).containsExactly("3d broadcast sim", "4 g-counter real partition");
        assertThat(doubles(chart.getSeriesMap().get("3d broadcast sim").getYData())).containsExactly(11.5, 11.9, 12.1);
        assertThat(CompareCharts.spread("t", "y", Map.of("one", List.of(1.0)))).as("no box: no chart").isNull();
    }
}
