package glomers.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Last writer wins on (Lamport timestamp, node id), and the clock moves past everything it sees. */
class RegistersTest {

    @Test
    void aLocalCommitTakesTheNextTickAndWinsOverEverythingApplied() {
        Registers registers = new Registers();
        registers.applyRemote(new Stamp(41, "n1"), Map.of(1L, 5L));

        Stamp stamp = registers.commitLocal("n0", Map.of(1L, 6L, 2L, 6L));

        assertThat(stamp).isEqualTo(new Stamp(42, "n0"));
        assertThat(registers.read(1)).isEqualTo(6);
        assertThat(registers.read(2)).isEqualTo(6);
        assertThat(registers.read(3)).isNull();
        assertThat(registers.clock()).isEqualTo(42);
    }

    @Test
    void anOlderRemoteWriteLosesAndTheSameOneTwiceChangesNothing() {
        Registers registers = new Registers();
        registers.applyRemote(new Stamp(5, "n0"), Map.of(1L, 50L));
        registers.applyRemote(new Stamp(4, "n1"), Map.of(1L, 40L, 2L, 40L));
        registers.applyRemote(new Stamp(5, "n0"), Map.of(1L, 50L));

        assertThat(registers.read(1)).as("(4, n1) < (5, n0)").isEqualTo(50);
        assertThat(registers.read(2)).as("a key only the older commit wrote").isEqualTo(40);
        assertThat(registers.version(1).stamp()).isEqualTo(new Stamp(5, "n0"));
        assertThat(registers.clock()).isEqualTo(5);
    }

    @Test
    void replicasThatApplyTheSameCommitsInAnyOrderHoldTheSameValues() {
        List<Map.Entry<Stamp, Map<Long, Long>>> commits = List.of(
                Map.entry(new Stamp(3, "n0"), Map.of(1L, 1L, 2L, 1L)),
                Map.entry(new Stamp(3, "n1"), Map.of(2L, 2L, 3L, 2L)),
                Map.entry(new Stamp(2, "n2"), Map.of(1L, 3L, 3L, 3L)),
                Map.entry(new Stamp(7, "n0"), Map.of(4L, 4L)));
        Registers forward = new Registers();
        commits.forEach(c -> forward.applyRemote(c.getKey(), c.getValue()));
        Registers backward = new Registers();
        for (int i = commits.size() - 1; i >= 0; i--) {
            backward.applyRemote(commits.get(i).getKey(), commits.get(i).getValue());
        }

        for (long key = 1; key <= 4; key++) {
            assertThat(backward.version(key)).as("key %d", key).isEqualTo(forward.version(key));
        }
        assertThat(List.of(forward.read(1), forward.read(2), forward.read(3), forward.read(4))).containsExactly(1L, 2L, 2L, 4L);
    }

    @Test
    void aCommitHasWritesAndAStampIsWellFormed() {
        assertThatThrownBy(() -> new Registers().commitLocal("n0", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Stamp(0, "n0")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Stamp(2, "n0")).isGreaterThan(new Stamp(1, "n9")).isLessThan(new Stamp(2, "n1"));
    }
}
