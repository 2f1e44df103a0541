package glomers.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The small pure helpers of the measurements and the report. */
class HelpersTest {

    @Test
    void allEchoRepliesSeenPasses() {
        BitSet seen = new BitSet();
        seen.set(1, 6);
        ThroughputBench.requireAllAnswered(seen, 5, 1);
    }

    @Test
    void aDuplicatedReplyIsCaughtAndTheUnansweredRequestNamed() {
        BitSet seen = new BitSet();
        seen.set(1, 6);
        seen.clear(3); // 5 replies arrived, but 3 never did: another one came twice

        assertThatThrownBy(() -> ThroughputBench.requireAllAnswered(seen, 5, 2))
                .isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("run 2")
                .hasMessageContaining("only 4 distinct")
                .hasMessageContaining("1 request unanswered: msg_id 3");
    }

    @Test
    void onlyTheFirstFewUnansweredRequestsAreNamed() {
        assertThat(ThroughputBench.unanswered(new BitSet(), 100))
                .isEqualTo("100 requests unanswered: msg_id 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...");
    }

    @Test
    void vmRssLinesAreReadInKilobytes() {
        assertThat(MemoryBench.parseKb("VmRSS:\t   45312 kB")).isEqualTo(OptionalLong.of(45312));
        assertThat(MemoryBench.parseKb("VmRSS: lots")).isEmpty();
        assertThat(NodeBenchmark.megabytes(OptionalLong.of(2048))).isEqualTo(2.0);
        assertThat(NodeBenchmark.megabytes(OptionalLong.empty())).isNaN();
    }

    @Test
    void numbersAndTimesAreFormattedForTheReport() {
        assertThat(Report.number(3)).isEqualTo("3");
        assertThat(Report.number(2.5)).isEqualTo("2.5");
        assertThat(Report.millis(12_345_678)).isEqualTo("12.3 ms");
        assertThat(Report.ratio(2.0 / 3)).isEqualTo("0.67x");
        assertThat(Report.ratio(Double.NaN)).isEqualTo("-");
        assertThat(NodeBenchmark.millisList(new long[] {1_000_000, 2_500_000})).isEqualTo("1.0  2.5");
        assertThat(NodeBenchmark.plural(1, "round")).isEqualTo("1 round");
        assertThat(NodeBenchmark.plural(3, "round")).isEqualTo("3 rounds");
    }
}
