package glomers.txn;

import static glomers.txn.TestNode.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import glomers.runtime.Message;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Eager: every write on its own, at once: valid read uncommitted, and it leaks intermediate writes (G1b). */
class EagerTest {

    @Test
    void everyWriteGoesToEveryPeerAtOnceInItsOwnMessage() {
        TestNode n0 = TestNode.start(Strategy.EAGER, "n0", List.of("n0", "n1", "n2"));

        n0.txnOk("[['w',1,1],['r',1,null],['w',1,2]]");

        assertThat(n0.takeToNodes()).containsExactly(
                new Message("n0", "n1", Body.of("write").put("key", 1).put("value", 1).put("ts", 1)),
                new Message("n0", "n2", Body.of("write").put("key", 1).put("value", 1).put("ts", 1)),
                new Message("n0", "n1", Body.of("write").put("key", 1).put("value", 2).put("ts", 2)),
                new Message("n0", "n2", Body.of("write").put("key", 1).put("value", 2).put("ts", 2)));
        n0.advance(Duration.ofSeconds(5));
        assertThat(n0.takeToNodes()).as("no acknowledgements, no resends").isEmpty();
    }

    @Test
    void aTransactionOnThePeerCanReadAnIntermediateWrite() {
        TestNode n0 = TestNode.start(Strategy.EAGER, "n0", List.of("n0", "n1"));
        TestNode n1 = TestNode.start(Strategy.EAGER, "n1", List.of("n0", "n1"));

        n0.txnOk("[['w',1,1],['w',1,2]]"); // 1 is intermediate: its own transaction overwrote it
        List<Message> writes = ofType(n0.takeToNodes(), "write");
        n1.receive(writes.get(0));

        assertThat(n1.read(1)).as("G1b: n1 reads the overwritten value 1").isEqualTo(1);
        n1.receive(writes.get(1));
        assertThat(n1.read(1)).isEqualTo(2);
    }

    @Test
    void writesAreStillOrderedByStampSoReplicasAgreeOnEachKeysOrder() {
        Cluster cluster = new Cluster(Strategy.EAGER, "n0", "n1");
        cluster.node("n0").txnOk("[['w',1,10]]");
        cluster.node("n1").txnOk("[['w',1,20]]"); // the same timestamp, 1: n1 > n0 wins on both
        cluster.deliver();

        assertThat(cluster.node("n0").read(1)).isEqualTo(20);
        assertThat(cluster.node("n1").read(1)).isEqualTo(20);
    }
}
