package glomers.txn;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.txn.broken.OppositeOrderNode;
import org.junit.jupiter.api.Test;

/** The broken node really is broken as it says: two replicas keep concurrent writes in opposite orders. */
class OppositeOrderNodeTest {

    @Test
    void concurrentWritesOfOneKeyEndInOppositeOrdersOnTheTwoReplicas() {
        Cluster cluster = new Cluster(OppositeOrderNode::new, "n0", "n1");
        TestNode n0 = cluster.node("n0");
        TestNode n1 = cluster.node("n1");

        n0.txnOk("[['w',1,10]]");
        n1.txnOk("[['w',1,20]]");
        cluster.deliver();

        assertThat(n0.txnOk("[['r',1,null],['w',1,11]]")).as("n0: 10 then 20").isEqualTo("[['r',1,20],['w',1,11]]");
        assertThat(n1.txnOk("[['r',1,null],['w',1,21]]")).as("n1: 20 then 10").isEqualTo("[['r',1,10],['w',1,21]]");
        cluster.deliver();
        assertThat(n0.read(1)).as("and they never converge").isEqualTo(21);
        assertThat(n1.read(1)).isEqualTo(11);
    }
}
