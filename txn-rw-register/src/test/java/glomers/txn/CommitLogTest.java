package glomers.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitLogTest {

    @Test
    void numbersCommitsFromOneAndDropsWhatEveryPeerHas() {
        CommitLog log = new CommitLog();
        assertThat(log.lastSeq()).isZero();
        for (long ts = 1; ts <= 5; ts++) {
            assertThat(log.append(ts * 10, Map.of(ts, ts))).isEqualTo(ts);
        }

        log.dropThrough(3);

        assertThat(log.size()).isEqualTo(2);
        assertThat(log.lastSeq()).isEqualTo(5);
        assertThat(log.read(4, 10)).extracting(CommittedTxn::ts).containsExactly(40L, 50L);
        assertThat(log.read(5, 1)).extracting(CommittedTxn::seq).containsExactly(5L);
        assertThat(log.read(6, 10)).isEmpty();
        assertThatThrownBy(() -> log.read(3, 10)).hasMessageContaining("dropped");
        log.dropThrough(2);
        assertThat(log.size()).as("dropping again is harmless").isEqualTo(2);
        assertThat(log.append(60, Map.of(6L, 6L))).isEqualTo(6);
    }
}
