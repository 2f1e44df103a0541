package glomers.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginLogsTest {
    private final Values values = new Values();
    private final OriginLogs logs = new OriginLogs(values);

    @Test
    void valuesPastAGapWaitThenJoinWhenItFills() {
        assertThat(logs.store(new Run("n1", 3, List.of(30L, 40L)), 0)).containsExactly(30L, 40L);
        assertThat(logs.count("n1")).isZero();
        assertThat(logs.digest()).isEmpty();

        assertThat(logs.store(new Run("n1", 1, List.of(10L, 20L, 30L)), 0)).containsExactly(10L, 20L);

        assertThat(logs.count("n1")).isEqualTo(4);
        assertThat(logs.digest()).isEqualTo(Map.of("n1", 4));
        assertThat(logs.read("n1", 2, 10, Long.MAX_VALUE)).containsExactly(20L, 30L, 40L);
        assertThat(values.size()).isEqualTo(4);
    }

    @Test
    void aValueHeldAlreadyIsNotNewAgain() {
        logs.store(new Run("n1", 1, List.of(10L)), 0);
        assertThat(logs.store(new Run("n1", 1, List.of(10L, 11L)), 0)).containsExactly(11L);
        assertThat(logs.store(new Run("n2", 1, List.of(11L)), 0)).as("known under another origin").isEmpty();
        assertThat(logs.digest()).isEqualTo(Map.of("n1", 2, "n2", 1));
    }

    @Test
    void readStopsAtTheFirstValueNotSettledAndAtTheLimit() {
        int first = logs.originate("n0", 5, 100);
        logs.originate("n0", 6, 200);
        logs.originate("n0", 7, 150);

        assertThat(first).isEqualTo(1);
        assertThat(logs.read("n0", 1, 10, 100)).containsExactly(5L);
        assertThat(logs.read("n0", 1, 10, 199)).containsExactly(5L); // 7 is settled, but stands behind 6
        assertThat(logs.read("n0", 1, 2, Long.MAX_VALUE)).containsExactly(5L, 6L);
        assertThat(logs.read("n0", 4, 10, Long.MAX_VALUE)).isEmpty();
        assertThat(logs.read("n9", 1, 10, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aRunMustStartAtSeqOne() {
        assertThatThrownBy(() -> new Run("n1", 0, List.of(1L))).isInstanceOf(IllegalArgumentException.class);
    }
}
