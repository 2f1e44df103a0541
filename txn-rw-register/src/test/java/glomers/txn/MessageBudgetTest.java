package glomers.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The default's message count at 6c's load, on the manual clock: two nodes, 1000 transactions a
 * second shaped like Elle's rw-register generator (1-4 micro-ops, half reads, 10 keys), 20 s,
 * cut apart for 5 s of every 10. A count of messages, not of time: it follows from the design
 * (at most one message per peer per interval) and is the same on every run.
 */
class MessageBudgetTest {
    private static final int SECONDS = 20;
    private static final int TXNS_PER_SECOND = 1000;

    @Test
    void atMostOneMessagePerPeerPerIntervalAtSixCsLoadAndTheReplicasConverge() {
        Cluster cluster = new Cluster(Strategy.BATCH, "n0", "n1");
        Random random = new Random(1);
        long[] nextValue = new long[10];
        int ops = 0;
        Duration tick = Duration.ofMillis(10);
        for (long ms = 0; ms < SECONDS * 1000; ms += tick.toMillis()) {
            if (ms % 10_000 == 2_000) {
                cluster.cut();
            } else if (ms % 10_000 == 7_000) {
                cluster.heal();
            }
            for (int i = 0; i < TXNS_PER_SECOND * tick.toMillis() / 1000; i++, ops++) {
                StringBuilder txn = new StringBuilder("[");
                int length = 1 + random.nextInt(4);
                for (int op = 0; op < length; op++) {
                    int key = random.nextInt(10);
                    txn.append(op == 0 ? "" : ",").append(random.nextBoolean()
                            ? "['r'," + key + ",null]" : "['w'," + key + "," + ++nextValue[key] + "]");
                }
                cluster.node(ops % 2 == 0 ? "n0" : "n1").txnOk(txn.append("]").toString());
            }
            cluster.run(tick);
        }
        cluster.heal();
        cluster.run(Duration.ofMillis(Batched.RETRY_AFTER_MILLIS * 3));

        int messages = cluster.delivered() + cluster.dropped();
        int intervals = (int) ((SECONDS * 1000L + Batched.RETRY_AFTER_MILLIS * 3) / Batched.BATCH_INTERVAL.toMillis());
        double msgsPerOp = (double) messages / ops;
        assertThat(messages).as("%d messages for %d ops: %.4f msgs-per-op", messages, ops, msgsPerOp).isLessThanOrEqualTo(2 * intervals);
        assertThat(msgsPerOp).isLessThanOrEqualTo(0.03);
        for (long key = 0; key < 10; key++) {
            assertThat(cluster.node("n1").read(key)).as("key %d", key).isEqualTo(cluster.node("n0").read(key));
        }
    }
}
