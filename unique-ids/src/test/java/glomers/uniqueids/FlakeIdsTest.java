package glomers.uniqueids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FlakeIdsTest {
    private static final long T0 = FlakeIds.EPOCH_MILLIS + 1_000_000;

    @Test
    void idsFromOneNodeAreUniqueAndIncreasingEvenPastTheSequenceLimitWithinOneMillisecond() {
        AtomicLong clock = new AtomicLong(T0);
        FlakeIds ids = new FlakeIds(3, clock::get);
        Set<Long> seen = new HashSet<>();
        long previous = -1;
        for (int i = 0; i < 3 * (FlakeIds.MAX_SEQUENCE + 1); i++) { // three milliseconds' worth, clock frozen
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
    }

    @Test
    void aClockThatStepsBackDoesNotRepeatIds() {
        AtomicLong clock = new AtomicLong(T0);
        FlakeIds ids = new FlakeIds(0, clock::get);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(ids.next());
            clock.addAndGet(i % 3 == 0 ? -5 : 1);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void differentNodesNeverCollideAtTheSameInstant() {
        AtomicLong clock = new AtomicLong(T0);
        Set<Long> seen = new HashSet<>();
        for (int node = 0; node < FlakeIds.MAX_NODES; node += 97) {
            FlakeIds ids = new FlakeIds(node, clock::get);
            for (int i = 0; i < 100; i++) {
                assertThat(seen.add(ids.next())).isTrue();
            }
        }
    }

    @Test
    void aRestartedNodeDoesNotRepeatTheIdsOfItsPreviousLife() {
        AtomicLong clock = new AtomicLong(T0);
        Set<Long> seen = new HashSet<>();
        for (int life = 0; life < 5; life++) {
            FlakeIds ids = new FlakeIds(1, clock::get);
            for (int i = 0; i < 10_000; i++) {
                assertThat(seen.add(ids.next())).isTrue();
                if (i % 100 == 0) {
                    clock.incrementAndGet();
                }
            }
            clock.addAndGet(1); // a restart takes at least a millisecond
        }
    }

    @Test
    void idsArePositiveLongs() {
        FlakeIds ids = new FlakeIds(FlakeIds.MAX_NODES - 1, () -> FlakeIds.EPOCH_MILLIS + (1L << 40));
        assertThat(ids.next()).isPositive();
    }

    @Test
    void rejectsNodeIndexesThatDoNotFitAndClocksBeforeTheEpoch() {
        assertThatThrownBy(() -> new FlakeIds(FlakeIds.MAX_NODES, () -> T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlakeIds(0, () -> FlakeIds.EPOCH_MILLIS - 1)).isInstanceOf(IllegalStateException.class);
    }
}
