package glomers.harness.workload.kafka;

import static glomers.harness.workload.kafka.KafkaHistoryBuilder.names;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Larger histories from {@link KafkaLogModel}: correct ones must pass, a broken service must not. */
class KafkaCheckerRandomTest {
    private static final long[] OFFSET_BASES = {0, 1_000_000_000_000L, 1_000_000_000_000_000L};

    @Test
    void correctHistoriesAreValid() {
        Map<String, Integer> seen = new HashMap<>();
        for (long seed = 1; seed <= 30; seed++) {
            long base = OFFSET_BASES[(int) (seed % OFFSET_BASES.length)];
            History h = new KafkaLogModel(seed, 2 + (int) (seed % 4), 1 + (int) (seed % 5), base, false).generate(900);
            CheckResult r = KafkaChecker.check(h);
            assertThat(r.validity()).as("seed %d: %s", seed, r.details().toPrettyString()).isEqualTo(Validity.VALID);
            assertThat(names(r.details().get("error-types"))).as("seed %d", seed).isEmpty();
            for (Op op : h.ops()) {
                seen.merge(op.f() + " " + op.type(), 1, Integer::sum);
            }
        }
        // The generator really made the cases the checker must tolerate.
        assertThat(seen).containsKeys("send OK", "send INFO", "send FAIL", "poll OK", "poll INFO", "assign OK", "crash INFO");
    }

    @Test
    void aLongCorrectHistoryIsValid() {
        History h = new KafkaLogModel(42, 10, 10, 1_000_000_000_000L, false).generate(24_000);
        assertThat(h.ops().size()).isGreaterThan(15_000);
        CheckResult r = KafkaChecker.check(h);
        assertThat(r.validity()).as(r.details().toPrettyString()).isEqualTo(Validity.VALID);
    }

    @Test
    void aServiceWhosePollsSkipMessagesIsCaught() {
        for (long seed = 1; seed <= 10; seed++) {
            History h = new KafkaLogModel(seed, 4, 3, 0, true).generate(900);
            CheckResult r = KafkaChecker.check(h);
            List<String> types = names(r.details().get("error-types"));
            assertThat(r.validity()).as("seed %d", seed).isEqualTo(Validity.INVALID);
            assertThat(types).as("seed %d", seed).contains("poll-skip");
            assertThat(Set.of("poll-skip", "lost-write", "unseen")).as("seed %d", seed).containsAll(types);
        }
    }
}
