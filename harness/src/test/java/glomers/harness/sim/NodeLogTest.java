package glomers.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeLogTest {
    @Test
    void keepsTheLastLinesAndCountsTheEarlierOnes() {
        NodeLog log = new NodeLog();
        for (int i = 0; i < NodeLog.MAX_LINES + 5; i++) {
            log.add("line " + i);
        }

        List<String> lines = log.lines();
        assertThat(lines).hasSize(NodeLog.MAX_LINES + 1);
        assertThat(lines.get(0)).isEqualTo("(5 earlier lines not kept)");
        assertThat(lines.get(1)).isEqualTo("line 5");
        assertThat(log.last(2)).containsExactly("line " + (NodeLog.MAX_LINES + 3), "line " + (NodeLog.MAX_LINES + 4));
    }

    @Test
    void cutsLongLinesAndKeepsAtMostMaxCharsInAll() {
        NodeLog log = new NodeLog();
        String state = "y".repeat(50_000);
        for (int i = 0; i < 5_000; i++) {
            log.add(state);
        }

        List<String> lines = log.lines();
        assertThat(lines.get(1)).startsWith("y".repeat(NodeLog.MAX_LINE_CHARS) + "…").endsWith("(cut, 50000 chars)");
        assertThat(lines.stream().mapToLong(String::length).sum()).isLessThanOrEqualTo(NodeLog.MAX_CHARS + 100);
        assertThat(lines.get(0)).matches("\\(\\d+ earlier lines not kept\\)");
    }
}
