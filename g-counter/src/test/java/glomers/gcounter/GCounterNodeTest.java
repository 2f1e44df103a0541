package glomers.gcounter;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import glomers.runtime.ErrorCode;
import glomers.runtime.Json;
import glomers.runtime.Message;
import glomers.runtime.testing.ManualRuntime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One g-counter node on a manual clock, with the test playing seq-kv and the client: what the node
 * sends, in what order, and what it answers, step by step.
 */
class GCounterNodeTest {
    private static final String CLIENT = "c4";
    private static final String SEQ_KV = "seq-kv";

    private ManualRuntime runtime;
    private long nextClientMsgId = 1;

    @BeforeEach
    void startNode() {
        runtime = new ManualRuntime();
        new GCounterNode().install(runtime.node());
        runtime.init("n0", "n0", "n1", "n2");
    }

    /** What the node has sent since the last look, which must be {@code count} messages. */
    private List<Message> takeSent(int count) {
        List<Message> sent = runtime.takeSentMessages();
        assertThat(sent).hasSize(count);
        return sent;
    }

    private Message takeOne() {
        return takeSent(1).get(0);
    }

    // ---- the client's side ----

    private void add(Object delta) {
        runtime.deliver(CLIENT, Body.of("add").put("msg_id", nextClientMsgId++).put("delta", delta));
    }

    private long read() {
        runtime.deliver(CLIENT, Body.of("read").put("msg_id", nextClientMsgId++));
        Message reply = takeOne();
        assertThat(reply.body().type()).isEqualTo("read_ok");
        return reply.body().getLong("value");
    }

    // ---- seq-kv's side ----

    /** A seq-kv write request: its key and value. */
    private static void assertWrite(Message message, String key, long value) {
        assertThat(message.dest()).isEqualTo(SEQ_KV);
        assertThat(message.body().type()).isEqualTo("write");
        assertThat(message.body().getString("key")).isEqualTo(key);
        assertThat(message.body().getLong("value")).isEqualTo(value);
    }

    private void answer(Message request, Body reply) {
        runtime.deliver(SEQ_KV, reply.put("in_reply_to", request.body().msgId().orElseThrow()));
    }

    private void writeOk(Message write) {
        answer(write, Body.of("write_ok"));
    }

    private void readOk(Message read, long value) {
        answer(read, Body.of("read_ok").put("value", value));
    }

    /** Adds {@code delta} and has seq-kv acknowledge the write; returns the add's reply. */
    private Message addAndStore(long delta) {
        add(delta);
        writeOk(takeOne());
        return takeOne();
    }

    private static void assertReply(Message reply, long inReplyTo, String type) {
        assertThat(reply.dest()).isEqualTo(CLIENT);
        assertThat(reply.body().inReplyTo()).hasValue(inReplyTo);
        assertThat(reply.body().type()).isEqualTo(type);
    }

    // ---- add ----

    @Test
    void anAddIsAcknowledgedOnlyOnceSeqKvHasAcknowledgedAWriteOfACountThatIncludesIt() {
        add(5);
        Message write = takeOne();
        assertWrite(write, "counter-n0", 5);

        writeOk(write);
        assertReply(takeOne(), 1, "add_ok");
        assertThat(read()).isEqualTo(5);
    }

    @Test
    void aNegativeMissingOrNonIntegerDeltaGetsError12AndChangesNothing() {
        assertReply(addAndStore(5), 1, "add_ok");
        List<Object> badDeltas = List.of(-1, "3", 2.5, Json.parse("null"), Json.parse("123456789012345678901234567890"),
                Json.parse("[1]"));
        for (Object bad : badDeltas) {
            add(bad);
            Message reply = takeOne(); // the error reply; nothing to seq-kv
            assertThat(reply.dest()).isEqualTo(CLIENT);
            assertThat(reply.body().type()).isEqualTo("error");
            assertThat(reply.body().getInt("code")).as("delta %s", bad).isEqualTo(ErrorCode.MALFORMED_REQUEST.code());
        }
        runtime.deliver(CLIENT, Body.of("add").put("msg_id", nextClientMsgId++)); // no delta at all
        Message missing = takeOne();
        assertThat(missing.body().getInt("code")).isEqualTo(ErrorCode.MALFORMED_REQUEST.code());
        assertThat(missing.body().getString("text")).contains("delta");

        assertThat(read()).isEqualTo(5);
    }

    @Test
    void anAddThatWouldPassTheNodesShareOfA64BitTotalIsAbortedAndChangesNothing() {
        long share = Long.MAX_VALUE / 3;
        assertReply(addAndStore(share), 1, "add_ok");
        add(1);
        Message refused = takeOne();
        assertThat(refused.body().type()).isEqualTo("error");
        assertThat(refused.body().getInt("code")).isEqualTo(ErrorCode.ABORT.code());
        assertThat(read()).isEqualTo(share);
    }

    @Test
    void anAddOfZeroWithNothingWaitingIsAcknowledgedAtOnceWithoutAWrite() {
        addAndStore(2);
        add(0);
        assertReply(takeOne(), 2, "add_ok");
    }

    @Test
    void addsArrivingDuringAWriteRideTogetherOnTheNextOne() {
        add(1);
        Message first = takeOne();
        assertWrite(first, "counter-n0", 1);

        add(2);
        add(0);
        add(3);
        takeSent(0); // one write in flight at most

        writeOk(first);
        List<Message> sent = takeSent(2);
        assertReply(sent.get(0), 1, "add_ok");
        assertWrite(sent.get(1), "counter-n0", 6); // the three waiting adds, in one write

        writeOk(sent.get(1));
        List<Message> replies = takeSent(3);
        assertReply(replies.get(0), 2, "add_ok");
        assertReply(replies.get(1), 3, "add_ok");
        assertReply(replies.get(2), 4, "add_ok");
        assertThat(read()).isEqualTo(6);
    }

    @Test
    void aFailedWriteIsRetriedAfterTheRetryDelayAndTheAddAcknowledgedWhenItSucceeds() {
        add(4);
        answer(takeOne(), Body.of("error").put("code", ErrorCode.CRASH.code()).put("text", "boom"));
        takeSent(0);

        runtime.advance(GCounterNode.WRITE_RETRY_DELAY.minusMillis(1));
        takeSent(0);
        runtime.advance(Duration.ofMillis(1));
        Message rewrite = takeOne();
        assertWrite(rewrite, "counter-n0", 4); // the same absolute count: writing it twice is harmless

        writeOk(rewrite);
        assertReply(takeOne(), 1, "add_ok");
    }

    @Test
    void anAddNotStoredByItsDeadlineGetsAnIndefiniteTimeoutButStaysCountedAndIsStoredLater() {
        add(4);
        Message write = takeOne();

        runtime.advance(GCounterNode.ADD_REPLY_DEADLINE);
        List<Message> replies = runtime.takeSentMessages().stream().filter(m -> m.dest().equals(CLIENT)).toList();
        assertThat(replies).hasSize(1);
        assertReply(replies.get(0), 1, "error");
        assertThat(replies.get(0).body().getInt("code")).isEqualTo(ErrorCode.TIMEOUT.code());
        assertThat(ErrorCode.isDefinite(ErrorCode.TIMEOUT.code())).isFalse();
        assertThat(read()).as("the delta stays in the count").isEqualTo(4);

        // No reply to the first write: once it times out, the same count is written again.
        runtime.advance(GCounterNode.WRITE_TIMEOUT.minus(GCounterNode.ADD_REPLY_DEADLINE).plus(GCounterNode.WRITE_RETRY_DELAY));
        List<Message> rewrites = runtime.takeSentMessages().stream()
                .filter(m -> m.body().has("key") && m.body().getString("key").equals("counter-n0")).toList();
        assertThat(rewrites).hasSize(1);
        assertThat(rewrites.get(0).body().msgId()).isNotEqualTo(write.body().msgId());
        assertWrite(rewrites.get(0), "counter-n0", 4);
        writeOk(rewrites.get(0));
        takeSent(0); // the client has had its one reply
    }

    // ---- refresh and read ----

    @Test
    void aRefreshReadsThePeersKeysOnlyAfterItsSyncWriteIsAcknowledged() {
        runtime.advance(GCounterNode.REFRESH_PERIOD);
        Message sync = takeOne();
        assertWrite(sync, "sync-n0", 1);

        // Another period passes with the sync write unanswered: no reads, and no second refresh.
        runtime.advance(GCounterNode.REFRESH_PERIOD);
        takeSent(0);

        writeOk(sync);
        List<Message> reads = takeSent(2);
        assertThat(reads).extracting(m -> m.body().type()).containsExactly("read", "read");
        assertThat(reads).extracting(m -> m.body().getString("key")).containsExactly("counter-n1", "counter-n2");
        assertThat(reads).allSatisfy(m -> assertThat(m.dest()).isEqualTo(SEQ_KV));
    }

    @Test
    void everySyncWriteHasANewValueSoItAlwaysChangesSeqKvsState() {
        for (long expected = 1; expected <= 3; expected++) {
            runtime.advance(GCounterNode.REFRESH_PERIOD);
            Message sync = takeOne();
            assertWrite(sync, "sync-n0", expected);
            writeOk(sync);
            for (Message read : runtime.takeSentMessages()) {
                answer(read, Body.of("error").put("code", ErrorCode.KEY_DOES_NOT_EXIST.code()));
            }
        }
    }

    @Test
    void aReadIsTheOwnCountPlusTheHighestCountReadOfEachPeer() {
        addAndStore(5);
        assertThat(refreshWith(7, null)).isEqualTo(5 + 7); // n2 has stored nothing yet
        assertThat(refreshWith(4, 3)).as("a stale, lower n1 does not go back").isEqualTo(5 + 7 + 3);
        assertThat(refreshWith(9, 10)).isEqualTo(5 + 9 + 10);
    }

    /** Runs one refresh, seq-kv answering n1's and n2's keys with these counts (null: no such key), and reads. */
    private long refreshWith(Integer n1, Integer n2) {
        runtime.advance(GCounterNode.REFRESH_PERIOD);
        writeOk(takeOne());
        List<Message> reads = takeSent(2);
        Integer[] values = {n1, n2};
        for (int i = 0; i < 2; i++) {
            if (values[i] == null) {
                answer(reads.get(i), Body.of("error").put("code", ErrorCode.KEY_DOES_NOT_EXIST.code()).put("text", "key does not exist"));
            } else {
                readOk(reads.get(i), values[i]);
            }
        }
        return read();
    }

    @Test
    void aPeerValueThatIsNotACountIsIgnoredAndLogged() {
        runtime.advance(GCounterNode.REFRESH_PERIOD);
        writeOk(takeOne());
        List<Message> reads = takeSent(2);
        answer(reads.get(0), Body.of("read_ok").put("value", "seven"));
        answer(reads.get(1), Body.of("read_ok").put("value", -3));
        assertThat(read()).isZero();
        assertThat(runtime.logs()).filteredOn(line -> line.contains("ignoring")).hasSize(2);
    }

    @Test
    void aNodeWithoutPeersNeverTalksToSeqKvUnlessItHasSomethingToStore() {
        ManualRuntime alone = new ManualRuntime();
        new GCounterNode().install(alone.node());
        alone.init("n0", "n0");
        alone.advance(GCounterNode.REFRESH_PERIOD.multipliedBy(10));
        assertThat(alone.takeSent()).isEmpty();
        assertThat(alone.pendingTimers()).isZero();
    }
}
