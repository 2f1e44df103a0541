package glomers.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Stats.median(new long[] {9, 1, 5})).isEqualTo(5.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.median(new long[] {4, 1, 3, 100})).isEqualTo(3.5);
    }

    @Test
    void medianOfOneValueIsThatValue() {
        assertThat(Stats.median(new long[] {42})).isEqualTo(42.0);
    }

    @Test
    void medianDoesNotReorderItsInput() {
        long[] values = {3, 1, 2};
        Stats.median(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void medianOfLargeNanosecondValuesDoesNotOverflow() {
        assertThat(Stats.median(new long[] {Long.MAX_VALUE, Long.MAX_VALUE})).isEqualTo((double) Long.MAX_VALUE);
    }

    @Test
    void minIsTheSmallestValue() {
        assertThat(Stats.min(new long[] {7, 3, 9})).isEqualTo(3);
    }

    @Test
    void noValuesHaveNoMedian() {
        assertThatThrownBy(() -> Stats.median(new long[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.min(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratioAgainstAZeroBaselineIsNotANumber() {
        assertThat(Stats.ratio(300, 100)).isEqualTo(3.0);
        assertThat(Stats.ratio(300, 0)).isNaN();
    }
}
