package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.harness.report.RunPlots.Plot;
import glomers.harness.report.RunPlots.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYSeries;

class RunPlotsTest {
    private static final long MS = 1_000_000;
    private static final long S = 1_000_000_000;

    /**
     * Partitions from 1 s to 3 s and from 5 s to the end (6 s); reads that take 0 ms, 2 ms and
     * 500 ms; an add that fails after 50 ms and one that is info after 2 s.
     */
    private static History history() {
        History h = new History();
        Op instant = h.invoke(S / 10, 3, "read", null, false);
        h.complete(instant, S / 10, Op.Type.OK, IntNode.valueOf(0), null);
        Op read = h.invoke(S / 2, 0, "read", null, false);
        h.complete(read, S / 2 + 2 * MS, Op.Type.OK, IntNode.valueOf(1), null);
        h.nemesis(S, "start-partition", TextNode.valueOf("majority"));
        Op failed = h.invoke(1200 * MS, 1, "add", IntNode.valueOf(5), false);
        h.complete(failed, 1250 * MS, Op.Type.FAIL, null, "temporarily-unavailable");
        Op unknown = h.invoke(2 * S, 2, "add", IntNode.valueOf(6), false);
        h.nemesis(3 * S, "stop-partition", TextNode.valueOf("network-healed"));
        h.complete(unknown, 4 * S, Op.Type.INFO, null, "net-timeout");
        h.nemesis(5 * S, "start-partition", TextNode.valueOf("one"));
        Op slow = h.invoke(5500 * MS, 0, "read", null, true);
        h.complete(slow, 6 * S, Op.Type.OK, IntNode.valueOf(1), null);
        return h;
    }

    private static Map<String, XYSeries> series(Plot plot) {
        return plot.chart().getSeriesMap().values().stream().collect(Collectors.toMap(XYSeries::getName, Function.identity()));
    }

    @Test
    void partitionWindowsRunFromEachStartToTheNextStopOrTheEnd() {
        List<Plot> plots = RunPlots.of("t", history());

        assertThat(RunPlots.partitionWindows(history())).containsExactly(new Window(1, 3), new Window(5, 6));
        assertThat(plots).extracting(Plot::file).containsExactly(RunPlots.LATENCY_RAW, RunPlots.LATENCY_QUANTILES, RunPlots.RATE);
        assertThat(plots).allSatisfy(plot -> assertThat(plot.partitions()).containsExactly(new Window(1, 3), new Window(5, 6)));
    }

    @Test
    void rawLatenciesAreOneSeriesPerFAndOutcomeAtTheInvocationTimeWithZeroAtTheFloor() {
        Plot raw = RunPlots.of("t", history()).get(0);

        Map<String, XYSeries> series = series(raw);
        assertThat(series).containsOnlyKeys("read ok", "add fail", "add info");
        assertThat(series.get("read ok").getXData()).containsExactly(0.1, 0.5, 5.5);
        assertThat(series.get("read ok").getYData()).containsExactly(RunPlots.MIN_LATENCY_MS, 2.0, 500.0);
        assertThat(series.get("add fail").getYData()).containsExactly(50.0);
        assertThat(series.get("add info").getXData()).containsExactly(2.0);
        assertThat(series.get("add info").getYData()).containsExactly(2000.0);
        assertThat(raw.chart().getStyler().isYAxisLogarithmic()).isTrue();
    }

    @Test
    void quantilesArePerFAndWindowAsJepsenTakesThem() {
        Plot quantiles = RunPlots.of("t", history()).get(1);

        assertThat(quantiles.windowSeconds()).isEqualTo(1);
        Map<String, XYSeries> series = series(quantiles);
        assertThat(series).containsOnlyKeys("read 0.5", "read 0.95", "read 0.99", "read 1", "add 0.5", "add 0.95", "add 0.99", "add 1");
        assertThat(series.get("read 0.5").getXData()).as("the middle of windows 0 and 5").containsExactly(0.5, 5.5);
        assertThat(series.get("read 0.5").getYData()).as("[0, 2] at floor(2 * 0.5), then [500]").containsExactly(2.0, 500.0);
        assertThat(series.get("read 1").getYData()).containsExactly(2.0, 500.0);
        assertThat(series.get("add 0.5").getXData()).containsExactly(1.5, 2.5);
        assertThat(series.get("add 0.5").getYData()).containsExactly(50.0, 2000.0);
    }

    @Test
    void ratesAreCompletionsPerSecondForEveryFAndOutcomeZerosIncluded() {
        Plot rate = RunPlots.of("t", history()).get(2);

        Map<String, XYSeries> series = series(rate);
        assertThat(series).containsOnlyKeys("read ok", "read info", "read fail", "add ok", "add info", "add fail");
        assertThat(series.get("read ok").getXData()).containsExactly(0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5);
        assertThat(series.get("read ok").getYData()).containsExactly(2, 0, 0, 0, 0, 0, 1);
        assertThat(series.get("add fail").getYData()).containsExactly(0, 1, 0, 0, 0, 0, 0);
        assertThat(series.get("add info").getYData()).containsExactly(0, 0, 0, 0, 1, 0, 0);
        assertThat(series.get("read fail").getYData()).containsOnly(0.0);
    }

    @Test
    void theWindowFitsTheRun() {
        assertThat(RunPlots.windowSeconds(31)).isEqualTo(1);
        assertThat(RunPlots.windowSeconds(70)).isEqualTo(2);
        assertThat(RunPlots.windowSeconds(1000)).isEqualTo(30);
        assertThat(RunPlots.quantile(List.of(5.0, 1.0, 3.0, 2.0), 0.5)).isEqualTo(3.0);
        assertThat(RunPlots.quantile(List.of(5.0, 1.0, 3.0, 2.0), 1.0)).isEqualTo(5.0);
        assertThat(RunPlots.quantile(List.of(5.0, 1.0, 3.0, 2.0), 0.95)).isCloseTo(5.0, within(0.0));
    }

    @Test
    void aHistoryWithNoCompletedOperationHasNoPlots() {
        History h = new History();
        h.invoke(0, 0, "read", null, false);

        assertThat(RunPlots.of("t", h)).isEmpty();
    }

    @Test
    void eachPlotIsWrittenAsAPngOfJepsensSize(@TempDir Path folder) throws Exception {
        List<Path> files = RunPlots.write(folder, RunPlots.of("t", history()));

        assertThat(files).extracting(f -> f.getFileName().toString())
                .containsExactly(RunPlots.LATENCY_RAW, RunPlots.LATENCY_QUANTILES, RunPlots.RATE);
        for (Path file : files) {
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image.getWidth()).as(file.toString()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(400);
        }
    }
}
