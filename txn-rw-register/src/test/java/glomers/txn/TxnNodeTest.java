package glomers.txn;

import static glomers.txn.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import glomers.runtime.Json;
import glomers.runtime.Message;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every strategy's node does for clients: run each transaction at once, on this node, and refuse bad ones. */
class TxnNodeTest {
    private static final List<String> IDS = List.of("n0", "n1");

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void repliesTxnOkWithTheSameArrayAndEachReadFilledIn(Strategy strategy) {
        TestNode n0 = TestNode.start(strategy, "n0", IDS);

        n0.runtime.deliver(TestNode.CLIENT, Body.parse(json("{'type':'txn','msg_id':7,'txn':[['r',3,null],['w',3,7],['w',5,2]]}")));

        assertThat(n0.runtime.takeSentMessages()).filteredOn(m -> m.dest().equals(TestNode.CLIENT)).containsExactly(
                new Message("n0", TestNode.CLIENT, Body.parse(json("{'type':'txn_ok','in_reply_to':7,'txn':[['r',3,null],['w',3,7],['w',5,2]]}"))));
        assertThat(n0.txnOk("[['r',3,null],['r',5,null],['r',4,null]]")).as("committed writes; null for a key never written")
                .isEqualTo("[['r',3,7],['r',5,2],['r',4,null]]");
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aReadSeesTheTransactionsOwnLatestWriteOfItsKey(Strategy strategy) {
        TestNode n0 = TestNode.start(strategy, "n0", IDS);
        n0.txnOk("[['w',1,10]]");

        assertThat(n0.txnOk("[['r',1,null],['w',1,11],['r',1,null],['w',1,12],['r',1,null],['r',2,null],['w',2,20],['r',2,null]]"))
                .isEqualTo("[['r',1,10],['w',1,11],['r',1,11],['w',1,12],['r',1,12],['r',2,null],['w',2,20],['r',2,20]]");
        assertThat(n0.txnOk("[['r',1,null],['r',2,null]]")).as("the final writes are committed").isEqualTo("[['r',1,12],['r',2,20]]");
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void anEmptyTransactionIsAnsweredAndChangesNothing(Strategy strategy) {
        TestNode n0 = TestNode.start(strategy, "n0", IDS);

        assertThat(n0.txnOk("[]")).isEqualTo("[]");
        n0.advance(Duration.ofSeconds(5));
        assertThat(n0.takeToNodes()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aMalformedTransactionGetsError12AndAppliesNothing(Strategy strategy) {
        TestNode n0 = TestNode.start(strategy, "n0", IDS);
        List<String> malformed = List.of(
                "'not an array'",
                "{'r':1}",
                "[['w',1,5],'not an op']",             // a good write first: it must not be applied either
                "[['w',1,5],['w',1]]",                 // a write without its value
                "[['w',1,5],['w',2,null]]",            // null is what an unwritten key reads as: not a value to write
                "[['w',1,5],['w',2,'five']]",
                "[['w',1,5],['w',2,5.5]]",
                "[['w',1,5],['r',2]]",
                "[['w',1,5],['r',2,null,null]]",
                "[['w',1,5],['r',2,4]]",               // the node fills a read's value in; the client leaves it null
                "[['w',1,5],['x',2,null]]",
                "[['w',1,5],[null,2,null]]",
                "[['w',1,5],['R',2,null]]",
                "[['w',1,5],['r','2',null]]",          // keys are integers
                "[['w',1,5],['r',2.0,null]]",
                "[['w',1,5],['r',null,null]]",
                "[['w',1,5],['w',99999999999999999999,1]]");

        for (String txn : malformed) {
            Body reply = n0.txn(txn);
            assertThat(reply.type()).as(txn).isEqualTo("error");
            assertThat(reply.getLong("code")).as(txn).isEqualTo(12);
            assertThat(reply.getString("text")).as(txn).contains("txn");
        }
        Body noTxn = n0.request(Body.of("txn"));
        assertThat(noTxn.getLong("code")).isEqualTo(12);
        Body tooLong = n0.request(Body.of("txn").put("txn", Json.parse(json(
                "[" + "['r',1,null],".repeat(Transaction.MAX_MICRO_OPS) + "['r',1,null]]"))));
        assertThat(tooLong.getLong("code")).isEqualTo(12);
        assertThat(tooLong.getString("text")).contains("at most " + Transaction.MAX_MICRO_OPS);

        n0.advance(Duration.ofSeconds(5));
        assertThat(n0.takeToNodes()).as("nothing went to the peer").isEmpty();
        assertThat(n0.read(1)).as("nothing applied").isNull();
        assertThat(n0.txnOk("[['w',1,6],['r',1,null]]")).as("still serving").isEqualTo("[['w',1,6],['r',1,6]]");
    }
}
