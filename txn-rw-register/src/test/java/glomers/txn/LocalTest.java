package glomers.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local: 6a's one node; nothing leaves it. */
class LocalTest {

    @Test
    void sendsNothingEvenWithPeers() {
        TestNode n0 = TestNode.start(Strategy.LOCAL, "n0", List.of("n0", "n1"));

        assertThat(n0.txnOk("[['w',1,1],['w',1,2],['r',1,null]]")).isEqualTo("[['w',1,1],['w',1,2],['r',1,2]]");
        n0.advance(Duration.ofSeconds(5));

        assertThat(n0.takeToNodes()).isEmpty();
        assertThat(n0.read(1)).isEqualTo(2);
        assertThat(n0.runtime.pendingTimers()).isZero();
    }

    @Test
    void theDefaultOnOneNodeNeedsNoTimerEither() {
        TestNode n0 = TestNode.start(Strategy.DEFAULT, "n0", List.of("n0"));

        n0.txnOk("[['w',1,1]]");

        assertThat(n0.runtime.pendingTimers()).as("no peers: no batches").isZero();
        assertThat(n0.takeToNodes()).isEmpty();
    }
}
