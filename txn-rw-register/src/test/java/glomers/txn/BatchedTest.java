package glomers.txn;

import static glomers.txn.TestNode.json;
import static glomers.txn.TestNode.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import glomers.runtime.Body;
import glomers.runtime.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default strategy: final writes per transaction, batched per interval, acknowledged, resent, last writer wins. */
class BatchedTest {
    private static final List<String> IDS = List.of("n0", "n1");
    private static final TypeReference<List<CommittedTxn>> TXNS = new TypeReference<>() { };
    private static final Duration INTERVAL = Batched.BATCH_INTERVAL;

    private static TestNode node(String id) {
        return TestNode.start(Strategy.BATCH, id, IDS);
    }

    private static List<CommittedTxn> txns(Message replicate) {
        return replicate.body().get("txns", TXNS);
    }

    private static Message replicate(String src, String txnsJson, long ack) {
        return new Message(src, "n0", Body.of("replicate").put("txns", glomers.runtime.Json.parse(json(txnsJson))).put("ack", ack));
    }

    @Test
    void theCommitsOfOneIntervalTravelToEachPeerInOneMessageWithOnlyTheirFinalWrites() {
        TestNode n0 = node("n0");
        n0.txnOk("[['w',1,1],['w',1,2],['w',2,1]]"); // 1 -> 1 is an intermediate write
        n0.txnOk("[['r',1,null]]");                  // read-only: nothing to send
        n0.txnOk("[['w',3,1],['r',3,null],['w',3,2]]");
        assertThat(n0.takeToNodes()).as("nothing before the interval ends").isEmpty();

        n0.advance(INTERVAL);

        List<Message> sent = n0.takeToNodes();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).dest()).isEqualTo("n1");
        assertThat(sent.get(0).body().getLong("ack")).isZero();
        assertThat(txns(sent.get(0))).containsExactly(
                new CommittedTxn(1, 1, Map.of(1L, 2L, 2L, 1L)),
                new CommittedTxn(2, 2, Map.of(3L, 2L)));
    }

    @Test
    void atMostOneMessagePerPeerPerIntervalHoweverManyCommits() {
        TestNode n0 = TestNode.start(Strategy.BATCH, "n0", List.of("n0", "n1", "n2"));
        for (int interval = 0; interval < 10; interval++) {
            for (int i = 1; i <= 50; i++) {
                n0.txnOk("[['w'," + i + "," + (interval + 1) + "]]");
            }
            n0.advance(INTERVAL);
            List<Message> sent = n0.takeToNodes();
            assertThat(sent).extracting(Message::dest).containsExactly("n1", "n2");
            assertThat(sent).allSatisfy(m -> assertThat(txns(m)).hasSize(50));
        }
    }

    @Test
    void aMessageCarriesAtMostMaxTxnsAndTheRestGoAtTheNextInterval() {
        TestNode n0 = node("n0");
        int commits = Batched.MAX_TXNS_PER_MESSAGE + 10;
        for (int i = 1; i <= commits; i++) {
            n0.txnOk("[['w',1," + i + "]]");
        }

        n0.advance(INTERVAL);
        List<Message> first = n0.takeToNodes();
        n0.advance(INTERVAL);
        List<Message> second = n0.takeToNodes();

        assertThat(first).hasSize(1);
        assertThat(txns(first.get(0))).hasSize(Batched.MAX_TXNS_PER_MESSAGE);
        assertThat(second).hasSize(1);
        assertThat(txns(second.get(0))).extracting(CommittedTxn::seq).containsExactly(
                java.util.stream.LongStream.rangeClosed(Batched.MAX_TXNS_PER_MESSAGE + 1, commits).boxed().toArray(Long[]::new));
    }

    @Test
    void theAckRidesOnThePeersOwnBatchAndAQuietPeerSendsItOnItsOwnOnce() {
        TestNode n0 = node("n0");
        n0.receive(replicate("n1", "[{'seq':1,'ts':1,'writes':{'7':1}},{'seq':2,'ts':2,'writes':{'8':1}}]", 0));
        n0.txnOk("[['w',1,1]]");

        n0.advance(INTERVAL);
        List<Message> sent = n0.takeToNodes();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).body().getLong("ack")).as("n1's commits 1..2 applied").isEqualTo(2);
        assertThat(txns(sent.get(0))).hasSize(1);

        n0.receive(replicate("n1", "[{'seq':3,'ts':5,'writes':{'7':2}}]", 1));
        n0.advance(INTERVAL);
        sent = n0.takeToNodes();
        assertThat(sent).hasSize(1);
        assertThat(txns(sent.get(0))).as("nothing new of its own").isEmpty();
        assertThat(sent.get(0).body().getLong("ack")).isEqualTo(3);

        n0.advance(INTERVAL.multipliedBy(50));
        assertThat(n0.takeToNodes()).as("everything acknowledged both ways: silence").isEmpty();
    }

    @Test
    void unacknowledgedCommitsAreResentAsOneMessageUntilAcknowledged() {
        TestNode n0 = node("n0");
        n0.txnOk("[['w',1,1]]");
        n0.advance(INTERVAL);
        n0.txnOk("[['w',2,1]]");
        n0.advance(INTERVAL);
        assertThat(n0.takeToNodes()).hasSize(2); // both lost in a partition

        n0.advance(Duration.ofMillis(Batched.RETRY_AFTER_MILLIS).minus(INTERVAL.multipliedBy(2)));
        assertThat(n0.takeToNodes()).as("no resend before RETRY_AFTER").isEmpty();
        n0.advance(INTERVAL);
        List<Message> resent = n0.takeToNodes();
        assertThat(resent).hasSize(1);
        assertThat(txns(resent.get(0))).extracting(CommittedTxn::seq).containsExactly(1L, 2L);

        n0.advance(Duration.ofMillis(Batched.RETRY_AFTER_MILLIS));
        assertThat(n0.takeToNodes()).as("still unacknowledged: sent again").hasSize(1);

        n0.receive(replicate("n1", "[]", 2));
        n0.advance(Duration.ofMillis(Batched.RETRY_AFTER_MILLIS * 5));
        assertThat(n0.takeToNodes()).as("acknowledged: never again").isEmpty();
    }

    @Test
    void aCommitPastAGapWaitsForTheResendAndADuplicateIsIgnored() {
        TestNode n0 = node("n0");
        n0.receive(replicate("n1", "[{'seq':2,'ts':2,'writes':{'1':2}}]", 0)); // seq 1 was lost
        assertThat(n0.read(1)).isNull();

        n0.receive(replicate("n1", "[{'seq':1,'ts':1,'writes':{'1':1}},{'seq':2,'ts':2,'writes':{'1':2}}]", 0));
        assertThat(n0.read(1)).isEqualTo(2);
        n0.receive(replicate("n1", "[{'seq':1,'ts':1,'writes':{'1':1}}]", 0)); // a late duplicate
        assertThat(n0.read(1)).isEqualTo(2);

        n0.advance(INTERVAL);
        assertThat(n0.takeToNodes()).singleElement().satisfies(m -> assertThat(m.body().getLong("ack")).isEqualTo(2));
    }

    @Test
    void aMalformedOrForeignReplicateChangesNothingAndTheNodeKeepsServing() {
        TestNode n0 = node("n0");
        n0.receive(new Message("n1", "n0", Body.parse(json("{'type':'replicate','txns':'garbage','ack':0}"))));
        n0.receive(new Message("n1", "n0", Body.parse(json("{'type':'replicate','txns':[{'seq':1,'ts':1,'writes':{'1':1}}]}"))));
        n0.receive(new Message("n1", "n0", Body.parse(json("{'type':'replicate','txns':[{'seq':0,'ts':1,'writes':{'1':1}}],'ack':0}"))));
        n0.receive(new Message("n1", "n0", Body.parse(json("{'type':'replicate','txns':[],'ack':5}")))); // acks what n0 never sent
        n0.receive(new Message("n7", "n0", Body.parse(json("{'type':'replicate','txns':[{'seq':1,'ts':1,'writes':{'1':1}}],'ack':0}"))));

        assertThat(n0.read(1)).isNull();
        assertThat(n0.runtime.logs()).anySatisfy(line -> assertThat(line).contains("not a peer"));
        n0.txnOk("[['w',1,1]]");
        n0.advance(INTERVAL);
        assertThat(n0.takeToNodes()).singleElement().satisfies(m -> {
            assertThat(txns(m)).hasSize(1);
            assertThat(m.body().getLong("ack")).isZero();
        });
    }

    @Test
    void otherNodesNeverSeeAnIntermediateWrite() {
        Cluster cluster = new Cluster(Strategy.BATCH, "n0", "n1");
        TestNode n0 = cluster.node("n0");
        TestNode n1 = cluster.node("n1");
        for (int i = 0; i < 50; i++) {
            n0.txnOk("[['w',1," + (2 * i + 1) + "],['w',1," + (2 * i + 2) + "]]"); // odd values are intermediate
            cluster.run(Duration.ofMillis(20));
            Long seen = n1.read(1);
            assertThat(seen == null || seen % 2 == 0).as("n1 read %s", seen).isTrue();
        }
        cluster.run(INTERVAL);
        assertThat(n1.read(1)).isEqualTo(100);
    }

    @Test
    void everyTransactionIsAnsweredDuringAPartitionAndTheReplicasConvergeAfterTheHeal() {
        Cluster cluster = new Cluster(Strategy.BATCH, "n0", "n1");
        TestNode n0 = cluster.node("n0");
        TestNode n1 = cluster.node("n1");
        n0.txnOk("[['w',9,1]]");
        cluster.run(Duration.ofMillis(500));
        assertThat(n1.read(9)).isEqualTo(1);

        cluster.cut();
        // Concurrent, conflicting transactions on both sides; n0 commits more of them, so its clock runs ahead.
        for (int i = 1; i <= 30; i++) {
            n0.txnOk("[['w',1," + i + "],['w',2," + i + "]]");
            if (i <= 10) {
                n1.txnOk("[['w',1," + (100 + i) + "],['w',2," + (100 + i) + "],['w',3," + i + "]]");
            }
            cluster.run(Duration.ofMillis(100));
        }
        assertThat(cluster.dropped()).isPositive();
        assertThat(List.of(n0.read(1), n1.read(1))).as("apart, each sees its own").containsExactly(30L, 110L);

        cluster.heal();
        cluster.run(Duration.ofMillis(Batched.RETRY_AFTER_MILLIS + 500));

        for (long key = 1; key <= 3; key++) {
            assertThat(n1.read(key)).as("key %d", key).isEqualTo(n0.read(key));
        }
        // n0's last commit has Lamport timestamp 31 (1 + 30), n1's 11: n0's wins both keys, as one unit; key 3 only n1 wrote.
        assertThat(n0.txnOk("[['r',1,null],['r',2,null],['r',3,null],['r',9,null]]")).isEqualTo("[['r',1,30],['r',2,30],['r',3,10],['r',9,1]]");
        cluster.run(Duration.ofSeconds(5));
        int quiet = cluster.delivered();
        cluster.run(Duration.ofSeconds(5));
        assertThat(cluster.delivered()).as("all acknowledged: no more messages").isEqualTo(quiet);
    }

    @Test
    void onATieOfTimestampsTheGreaterNodeIdWinsOnEveryReplica() {
        Cluster cluster = new Cluster(Strategy.BATCH, "n0", "n1");
        TestNode n0 = cluster.node("n0");
        TestNode n1 = cluster.node("n1");

        n0.txnOk("[['w',1,10],['w',2,10]]"); // both at Lamport timestamp 1
        n1.txnOk("[['w',2,20],['w',1,20]]");
        cluster.run(Duration.ofMillis(300));

        assertThat(n0.txnOk("[['r',1,null],['r',2,null]]")).isEqualTo("[['r',1,20],['r',2,20]]");
        assertThat(n1.txnOk("[['r',1,null],['r',2,null]]")).isEqualTo("[['r',1,20],['r',2,20]]");
    }

    @Test
    void aCommitAfterReadingAPeersWriteIsOrderedAfterIt() {
        Cluster cluster = new Cluster(Strategy.BATCH, "n0", "n1");
        TestNode n0 = cluster.node("n0");
        TestNode n1 = cluster.node("n1");
        for (int i = 1; i <= 5; i++) {
            n1.txnOk("[['w',1," + i + "]]"); // n1's clock: 5
        }
        cluster.run(Duration.ofMillis(300));

        // n0 reads n1's 5 and overwrites it: its clock has moved past 5, so its write wins everywhere.
        assertThat(n0.txnOk("[['r',1,null],['w',1,6]]")).isEqualTo("[['r',1,5],['w',1,6]]");
        cluster.run(Duration.ofMillis(300));
        assertThat(n1.read(1)).isEqualTo(6);
    }
}
