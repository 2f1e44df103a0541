package glomers.harness.workload.kafka;

import static glomers.harness.workload.kafka.KafkaHistoryBuilder.names;
import static glomers.harness.workload.kafka.KafkaHistoryBuilder.pairs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.Op;
import glomers.runtime.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-built histories: one per error type the checker must catch, and the shapes it must pass. */
class KafkaCheckerTest {
    private static final String X = "x";
    private static final String Y = "y";
    /** A sender no other op shares, so its sends never meet the per-process checks. */
    private static final int SENDER = 99;

    private final KafkaHistoryBuilder b = new KafkaHistoryBuilder();

    private CheckResult check() {
        return KafkaChecker.check(b.history);
    }

    private static List<String> errorTypes(CheckResult r) {
        return names(r.details().get("error-types"));
    }

    private static JsonNode errs(CheckResult r, String type) {
        return r.details().get(type).get("errs");
    }

    /** Sends msgs to key x from {@link #SENDER}, message i at offsets[i]. */
    private void sendAll(String key, long[] msgs, long[] offsets) {
        for (int i = 0; i < msgs.length; i++) {
            b.send(SENDER, key, msgs[i], offsets[i]);
        }
    }

    private static void assertValidWithNoErrors(CheckResult r) {
        assertThat(r.validity()).as(r.details().toPrettyString()).isEqualTo(Validity.VALID);
        assertThat(r.details().get("valid?").asBoolean(false)).isTrue();
        assertThat(errorTypes(r)).isEmpty();
        assertThat(names(r.details().get("bad-error-types"))).isEmpty();
    }

    private static void assertOnlyError(CheckResult r, String... types) {
        assertThat(errorTypes(r)).as(r.details().toPrettyString()).containsExactly(types);
        assertThat(r.validity()).isEqualTo(Validity.INVALID);
        assertThat(r.details().get("valid?").asBoolean(true)).isFalse();
        assertThat(names(r.details().get("bad-error-types"))).containsExactly(types);
    }

    // --- must stay valid ---------------------------------------------------------------------

    @Test
    void aCorrectLogIsValidAndHasMaelstromsKeys() {
        b.assign(0, X, Y);
        b.send(1, X, 1, 0);
        b.send(1, X, 2, 1);
        b.send(1, Y, 1, 0); // each key is its own log: offset 0 again
        Map<String, long[][]> both = new LinkedHashMap<>();
        both.put(X, pairs(0, 1, 1, 2));
        both.put(Y, pairs(0, 1));
        b.poll(0, both);
        b.poll(0, Map.of()); // nothing new
        b.send(1, X, 3, 2);
        b.poll(0, X, 2, 3);
        CheckResult r = check();
        assertValidWithNoErrors(r);
        assertThat(r.details().fieldNames()).toIterable().containsExactly(
                "valid?", "worst-realtime-lag", "bad-error-types", "error-types", "info-txn-causes");
        assertThat(r.details().get("info-txn-causes")).isEmpty();
        JsonNode lag = r.details().get("worst-realtime-lag");
        assertThat(lag.fieldNames()).toIterable().containsExactly("time", "process", "key", "lag");
        assertThat(lag.get("lag").asDouble()).isZero();
    }

    @Test
    void gapsBetweenOffsetsAreNoSkipsBecauseIndicesAreCompared() {
        sendAll(X, new long[] {1, 2, 3}, new long[] {0, 5, 9});
        b.poll(0, X, 0, 1, 5, 2);
        b.poll(0, X, 9, 3);
        b.poll(1, X, 0, 1, 5, 2, 9, 3);
        assertValidWithNoErrors(check());
    }

    @Test
    void offsetsNearOneTrillionAreFine() {
        long base = 1_000_000_000_000L;
        sendAll(X, new long[] {1, 2, 3}, new long[] {base, base + 1, base + 40});
        b.poll(0, X, base, 1, base + 1, 2);
        b.poll(0, X, base + 40, 3);
        assertValidWithNoErrors(check());
    }

    /**
     * Jepsen sizes its logs by the highest offset (maelstrom issue #51): at 10^15 that is petabytes,
     * so this test could not finish. Here memory follows the messages seen, and it passes at once.
     */
    @Test
    void offsetsNearTenToTheFifteenNeedNoMemoryPerOffset() {
        long base = 1_000_000_000_000_000L;
        sendAll(X, new long[] {1, 2, 3}, new long[] {base, base + 999_999_999L, 2 * base});
        b.poll(0, X, base, 1, base + 999_999_999L, 2, 2 * base, 3);
        b.poll(1, X, base, 1);
        b.poll(1, X, base + 999_999_999L, 2);
        CheckResult r = check();
        assertValidWithNoErrors(r);
        // and a skip is still measured in indices, not offsets
        b.poll(2, X, base, 1);
        b.poll(2, X, 2 * base, 3);
        r = check();
        assertOnlyError(r, "poll-skip");
        assertThat(errs(r, "poll-skip").get(0).get("delta").asLong()).isEqualTo(2);
    }

    @Test
    void crashesReassignsAndTheFinalPhaseAreFine() {
        int concurrency = 4;
        sendAll(X, new long[] {1, 2, 3, 4}, new long[] {0, 1, 2, 3});
        b.partition(); // nemesis entries are ignored
        b.assign(0, X);
        b.poll(0, X, 0, 1, 1, 2);
        b.crash(0);
        int p = concurrency; // the crashed client's successor
        b.assign(p, X);
        b.poll(p, X, 1, 2, 2, 3); // restarts at the committed offset: a new process, no comparison
        b.assign(p, X, Y); // keeps x
        b.poll(p, X, 3, 4);
        b.assign(p, Y); // drops x ...
        b.assign(p, X);
        b.poll(p, X, 0, 1); // ... so rewinding is no error
        Op late = b.invokeSend(SENDER, X, 5);
        b.completeSend(late, Op.Type.INFO, "net-timeout"); // timed out, but it did land
        b.crash(p);
        p += concurrency;
        b.assign(p, true, X, Y); // final phase: seek to the beginning
        b.poll(p, X, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5);
        CheckResult r = check();
        assertValidWithNoErrors(r);
        assertThat(names(r.details().get("info-txn-causes"))).containsExactly("net-timeout");
    }

    @Test
    void aPollOfAKeyWithAnEmptyListLeavesNothingToCompareTheNextPollWith() {
        // Jepsen: (last []) is nil, so the next poll's delta is 1 whatever it returns.
        sendAll(X, new long[] {1, 2, 3}, new long[] {0, 1, 2});
        b.poll(0, X, 0, 1, 1, 2);
        b.poll(0, Map.of(X, pairs()));
        b.poll(0, X, 0, 1, 1, 2, 2, 3);
        assertValidWithNoErrors(check());
    }

    @Test
    void anEmptyHistoryIsValidWithZeroLag() {
        CheckResult r = check();
        assertValidWithNoErrors(r);
        JsonNode lag = r.details().get("worst-realtime-lag");
        assertThat(lag.fieldNames()).toIterable().containsExactly("time", "lag");
        assertThat(lag.get("time").asDouble()).isZero();
    }

    @Test
    void skipsInsideOneOpsSendsAreAllowed() {
        b.send(1, X, 2, 1);
        b.raw(0, "send", txn(send(X, 1), send(X, 3)), Op.Type.OK, txn(send(X, 0, 1), send(X, 2, 3)));
        b.poll(2, X, 0, 1, 1, 2, 2, 3);
        CheckResult r = check();
        assertThat(errorTypes(r)).containsExactly("int-send-skip");
        assertThat(names(r.details().get("bad-error-types"))).isEmpty();
        assertThat(r.validity()).isEqualTo(Validity.VALID);
        assertThat(errs(r, "int-send-skip").get(0).get("skipped")).extracting(JsonNode::asLong).containsExactly(2L);
    }

    // --- must be caught ----------------------------------------------------------------------

    @Test
    void twoNodesKeepingSeparateLogsGiveInconsistentOffsets() {
        // Processes 0 and 1 talk to different nodes, each of which numbers its own log from 0.
        b.send(0, X, 1, 0);
        b.send(1, X, 2, 0);
        b.send(0, X, 3, 1);
        b.send(1, X, 4, 1);
        b.poll(2, X, 0, 1, 1, 3); // on node 0
        b.poll(3, X, 0, 2, 1, 4); // on node 1
        CheckResult r = check();
        assertOnlyError(r, "inconsistent-offsets");
        JsonNode e = r.details().get("inconsistent-offsets");
        assertThat(e.get("count").asInt()).isEqualTo(2);
        JsonNode first = e.get("errs").get(0);
        assertThat(first.get("key").asText()).isEqualTo(X);
        assertThat(first.get("offset").asLong()).isZero();
        assertThat(first.get("index").asLong()).isZero();
        assertThat(first.get("values")).extracting(JsonNode::asLong).containsExactly(1L, 2L);
        assertThat(e.get("explanation").asText()).contains("same offset");
    }

    @Test
    void aPollThatJumpsOverAMessageIsAPollSkip() {
        sendAll(X, new long[] {1, 2, 3, 4}, new long[] {0, 1, 2, 3});
        Op first = b.poll(0, X, 0, 1, 1, 2);
        Op second = b.poll(0, X, 3, 4); // offset 2 (message 3) exists
        b.poll(1, X, 2, 3); // someone else saw message 3, so it is neither lost nor unseen
        CheckResult r = check();
        assertOnlyError(r, "poll-skip");
        JsonNode e = errs(r, "poll-skip").get(0);
        assertThat(e.get("key").asText()).isEqualTo(X);
        assertThat(e.get("delta").asLong()).isEqualTo(2);
        assertThat(e.get("skipped")).extracting(JsonNode::asLong).containsExactly(3L);
        assertThat(e.get("ops")).extracting(o -> o.get("index").asLong()).containsExactly(first.index(), second.index());
        assertThat(e.get("ops").get(0).get("process").asInt()).isZero();
    }

    @Test
    void aSkippedMessageNobodyPolledIsAlsoALostWriteAndUnseen() {
        sendAll(X, new long[] {1, 2, 3, 4}, new long[] {0, 1, 2, 3});
        b.poll(0, X, 0, 1, 1, 2);
        b.poll(0, X, 3, 4);
        assertOnlyError(check(), "lost-write", "poll-skip", "unseen");
    }

    @Test
    void aMessageBelowOnePolledButNeverPolledIsALostWrite() {
        sendAll(X, new long[] {1, 2, 3}, new long[] {0, 1, 2});
        b.poll(0, X, 0, 1);
        Op maxRead = b.poll(1, X, 2, 3); // its first poll: no per-process comparison
        CheckResult r = check();
        assertOnlyError(r, "lost-write", "unseen");
        JsonNode e = errs(r, "lost-write").get(0);
        assertThat(e.get("key").asText()).isEqualTo(X);
        assertThat(e.get("value").asLong()).isEqualTo(2);
        assertThat(e.get("index").asLong()).isEqualTo(1);
        assertThat(e.get("max-read-index").asLong()).isEqualTo(2);
        assertThat(e.get("writer").get("value").get(0).get(2).get(0).asLong()).isEqualTo(1); // sent at offset 1
        assertThat(e.get("max-read").get("index").asLong()).isEqualTo(maxRead.index());
    }

    @Test
    void anAcknowledgedMessageNoPollReturnedIsUnseen() {
        sendAll(X, new long[] {1, 2}, new long[] {0, 1});
        Op last = b.poll(0, X, 0, 1); // nothing above message 2 was polled: not lost, unseen
        CheckResult r = check();
        assertOnlyError(r, "unseen");
        JsonNode unseen = r.details().get("unseen");
        assertThat(unseen.get("time").asLong()).isEqualTo(last.timeNanos());
        assertThat(unseen.get("unseen").get(X).asInt()).isEqualTo(1);
        assertThat(unseen.get("messages").get(X)).extracting(JsonNode::asLong).containsExactly(2L);
        assertThat(unseen.has("count")).isFalse(); // Jepsen's own shape, not count/errs
    }

    @Test
    void theSameMessageAtTwoOffsetsIsADuplicate() {
        b.send(0, X, 1, 1);
        b.send(1, X, 2, Op.Type.INFO);
        b.poll(2, X, 2, 2, 3, 1);
        CheckResult r = check();
        assertOnlyError(r, "duplicate");
        JsonNode e = errs(r, "duplicate").get(0);
        assertThat(e.get("value").asLong()).isEqualTo(1);
        assertThat(e.get("count").asInt()).isEqualTo(2);
        assertThat(e.get("offsets")).extracting(JsonNode::asLong).containsExactly(1L, 3L);
    }

    @Test
    void aPollStartingBeforeWhereTheLastEndedIsNonmonotonic() {
        sendAll(X, new long[] {1, 2, 3, 4}, new long[] {0, 1, 2, 3});
        b.poll(0, X, 0, 1, 1, 2, 2, 3);
        b.poll(0, X, 1, 2, 2, 3, 3, 4);
        CheckResult r = check();
        assertOnlyError(r, "nonmonotonic-poll");
        JsonNode e = errs(r, "nonmonotonic-poll").get(0);
        assertThat(e.get("values")).extracting(JsonNode::asLong).containsExactly(3L, 2L);
        assertThat(e.get("delta").asLong()).isEqualTo(-1);
    }

    @Test
    void aPollWithAHoleInsideIsAnInternalPollSkip() {
        sendAll(X, new long[] {1, 2, 3}, new long[] {0, 1, 2});
        b.poll(0, X, 0, 1, 2, 3);
        b.poll(1, X, 1, 2);
        CheckResult r = check();
        assertOnlyError(r, "int-poll-skip");
        JsonNode e = errs(r, "int-poll-skip").get(0);
        assertThat(e.get("values")).extracting(JsonNode::asLong).containsExactly(1L, 3L);
        assertThat(e.get("skipped")).extracting(JsonNode::asLong).containsExactly(2L);
        assertThat(e.get("delta").asLong()).isEqualTo(2);
    }

    @Test
    void aPollGoingBackwardsInsideIsAnInternalNonmonotonicPoll() {
        sendAll(X, new long[] {1, 2}, new long[] {0, 1});
        b.poll(0, X, 1, 2, 0, 1);
        CheckResult r = check();
        assertOnlyError(r, "int-nonmonotonic-poll");
        assertThat(errs(r, "int-nonmonotonic-poll").get(0).get("delta").asLong()).isEqualTo(-1);
    }

    @Test
    void aProcesssSendLandingBeforeItsPreviousSendIsANonmonotonicSend() {
        b.send(0, X, 1, 5);
        b.send(0, X, 2, 3); // the node handed out a lower offset
        b.poll(1, X, 3, 2, 5, 1);
        CheckResult r = check();
        assertOnlyError(r, "nonmonotonic-send");
        JsonNode e = errs(r, "nonmonotonic-send").get(0);
        assertThat(e.get("values")).extracting(JsonNode::asLong).containsExactly(1L, 2L);
        assertThat(e.get("delta").asLong()).isEqualTo(-1);
        assertThat(e.get("ops")).hasSize(2);
    }

    @Test
    void anAssignThatDropsTheKeyForgetsTheProcesssLastSend() {
        b.send(0, X, 1, 5);
        b.assign(0, Y); // x is no longer tracked for process 0 ...
        b.send(0, X, 2, 3); // ... so landing lower is not compared
        b.poll(1, X, 3, 2, 5, 1);
        assertValidWithNoErrors(check());
    }

    @Test
    void sendsGoingBackwardsInsideOneOpAreAnInternalNonmonotonicSend() {
        b.raw(0, "send", txn(send(X, 3), send(X, 1)), Op.Type.OK, txn(send(X, 3, 3), send(X, 1, 1)));
        b.poll(1, X, 1, 1, 3, 3);
        CheckResult r = check();
        assertOnlyError(r, "int-nonmonotonic-send");
        assertThat(errs(r, "int-nonmonotonic-send").get(0).get("values")).extracting(JsonNode::asLong)
                .containsExactly(3L, 1L);
    }

    @Test
    void aFailedSendThatBecomesVisibleIsG1a() {
        Op failed = b.send(0, X, 1, Op.Type.FAIL);
        Op reader = b.poll(1, X, 0, 1);
        b.poll(1, Y); // see the next test: without a later ok op, Jepsen would also say "unseen"
        CheckResult r = check();
        assertOnlyError(r, "G1a");
        JsonNode e = errs(r, "G1a").get(0);
        assertThat(e.get("value").asLong()).isEqualTo(1);
        assertThat(e.get("writer").get("index").asLong()).isEqualTo(failed.index());
        assertThat(e.get("writer").get("type").asText()).isEqualTo(":fail");
        assertThat(e.get("reader").get("index").asLong()).isEqualTo(reader.index());
    }

    /**
     * Jepsen's {@code unseen} folds {@code merge-with difference sent polled}: a key that only the
     * last ok op touches, by polling it, keeps what was polled. Reproduced as Maelstrom shows it.
     */
    @Test
    void aKeyFirstTouchedByTheLastOkPollIsUnseenAsInJepsen() {
        b.send(0, X, 1, Op.Type.FAIL);
        b.poll(1, X, 0, 1);
        CheckResult r = check();
        assertOnlyError(r, "G1a", "unseen");
        assertThat(r.details().get("unseen").get("messages").get(X)).extracting(JsonNode::asLong).containsExactly(1L);
    }

    @Test
    void aPollReturningAMessageSentOnlyAfterItCompletedIsAG1cRealtimeCycle() {
        Op poll = b.poll(1, X, 0, 1); // polls message 1 ...
        Op send = b.send(0, X, 1, 0); // ... which is sent only afterwards
        CheckResult r = check();
        assertOnlyError(r, "G1c-realtime", "strong-PL-2-cycle-exists");
        JsonNode cycle = errs(r, "G1c-realtime").get(0);
        assertThat(cycle.get("type").asText()).isEqualTo("G1c-realtime");
        assertThat(cycle.get("cycle")).extracting(o -> o.get("index").asLong())
                .containsExactly(send.index(), poll.index(), send.index());
        assertThat(cycle.get("steps")).extracting(s -> s.get("type").asText()).containsExactly("wr", "realtime");
        JsonNode wr = cycle.get("steps").get(0);
        assertThat(wr.get("key").asText()).isEqualTo(X);
        assertThat(wr.get("value").asLong()).isEqualTo(1);
        assertThat(wr.get("a-mop-index").asInt()).isZero();
        assertThat(wr.get("b-mop-index").asInt()).isZero();
        assertThat(cycle.get("steps").get(1).get("a'").get("index").asLong()).isEqualTo(poll.index());
        assertThat(cycle.get("explanation").asText())
                .contains("T1 sent 1 to \"x\" which was polled by T2")
                .contains("However, T2 < T1, because T2 completed at index " + poll.index())
                .endsWith("a contradiction!");
        JsonNode exists = errs(r, "strong-PL-2-cycle-exists").get(0);
        assertThat(exists.get("not").asText()).isEqualTo("strong-read-committed");
        assertThat(names(exists.get("subgraph"))).containsExactly("union", "ww", "wr", "realtime");
        assertThat(exists.get("scc")).extracting(JsonNode::asLong).containsExactly(poll.index(), send.index());
    }

    @Test
    void concurrentPollAndSendMakeNoCycle() {
        Op poll = b.invokePoll(1);
        b.send(0, X, 1, 0);
        b.completePoll(poll, Map.of(X, pairs(0, 1)));
        assertValidWithNoErrors(check());
    }

    @Test
    void txnsThatSeeEachOthersSendsAreAG1cCycle() {
        // Jepsen's g1c-pure-wr-test: two concurrent txns, each polling what the other sent.
        Op t1 = b.invoke(0, "txn", txn(send(X, 1), mop("poll")), false);
        Op t2 = b.invoke(1, "txn", txn(send(Y, 2), mop("poll")), false);
        b.complete(t1, Op.Type.OK, txn(send(X, 0, 1), poll(Y, 0, 2)), null);
        b.complete(t2, Op.Type.OK, txn(send(Y, 0, 2), poll(X, 0, 1)), null);
        CheckResult r = check();
        assertOnlyError(r, "G1c", "PL-2-cycle-exists");
        JsonNode cycle = errs(r, "G1c").get(0);
        assertThat(cycle.get("steps")).extracting(s -> s.get("type").asText()).containsExactly("wr", "wr");
        assertThat(cycle.get("steps").get(0).get("b-mop-index").asInt()).isEqualTo(1);
        assertThat(errs(r, "PL-2-cycle-exists").get(0).get("not").asText()).isEqualTo("read-committed");
    }

    @Test
    void aTxnPollingItsOwnSendIsAPrecommittedRead() {
        b.raw(0, "txn", txn(send(X, 1), mop("poll")), Op.Type.OK, txn(send(X, 0, 1), poll(X, 0, 1)));
        CheckResult r = check();
        assertThat(errorTypes(r)).contains("precommitted-read");
        assertThat(r.validity()).isEqualTo(Validity.INVALID);
    }

    @Test
    void aHistoryWithoutOneDependencyIsAnEmptyTransactionGraph() {
        // Jepsen's empty-history-test: an assign alone is not valid.
        b.assign(0, X);
        CheckResult r = check();
        assertOnlyError(r, "empty-transaction-graph");
        assertThat(r.details().get("empty-transaction-graph").get("count").asInt()).isEqualTo(1);
    }

    // --- output details ----------------------------------------------------------------------

    @Test
    void pollSkipsShowTheEightLargestDeltasAndCountThemAll() {
        long n = 100;
        long[] msgs = new long[(int) n];
        long[] offsets = new long[(int) n];
        for (int i = 0; i < n; i++) {
            msgs[i] = i + 1;
            offsets[i] = i;
        }
        sendAll(X, msgs, offsets);
        long[] all = new long[2 * (int) n];
        for (int i = 0; i < n; i++) {
            all[2 * i] = i;
            all[2 * i + 1] = i + 1;
        }
        b.poll(1, X, all); // everything is seen by someone
        long at = 0;
        b.poll(0, X, at, at + 1);
        for (int delta = 2; delta <= 13; delta++) { // 12 skips, deltas 2..13
            at += delta;
            b.poll(0, X, at, at + 1);
        }
        CheckResult r = check();
        assertOnlyError(r, "poll-skip");
        JsonNode entry = r.details().get("poll-skip");
        assertThat(entry.get("count").asInt()).isEqualTo(12);
        assertThat(entry.get("errs")).extracting(e -> e.get("delta").asLong())
                .containsExactly(6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
    }

    /** One op invoked at second {@code invokeS} and completed at second {@code completeS}. */
    private void op(long invokeS, long completeS, int process, String f, JsonNode value, Op.Type type, JsonNode completion) {
        long s = 1_000_000_000L;
        Op inv = b.at(invokeS * s).invoke(process, f, value, false);
        b.at(completeS * s).complete(inv, type, completion, type == Op.Type.OK ? null : "net-timeout");
    }

    @Test
    void worstRealtimeLagFollowsJepsensRealtimeLagTest() {
        // jepsen tests/kafka_test.clj realtime-lag-test, entry i at i seconds; messages a..d are 1..4.
        JsonNode assignX = KafkaHistoryBuilder.keys(List.of(X));
        JsonNode poll = txn(mop("poll"));
        op(0, 1, 0, "assign", assignX, Op.Type.OK, assignX);
        op(2, 3, 0, "poll", poll, Op.Type.OK, txn(poll(X))); // sees nothing: lag 0
        op(4, 5, 0, "send", txn(send(X, 1)), Op.Type.OK, txn(send(X, 0, 1)));
        op(6, 7, 0, "poll", poll, Op.Type.OK, txn(poll(X))); // lag 6 - 5
        op(8, 9, 1, "send", txn(send(X, 3), send(X, 4)), Op.Type.OK, txn(send(X, 2, 3), send(X, 3, 4)));
        op(10, 11, 0, "poll", poll, Op.Type.OK, poll); // lag 10 - 5
        op(12, 13, 0, "poll", poll, Op.Type.OK, txn(poll(X, 0, 1, 1, 2))); // lag 12 - 9
        JsonNode assignXY = KafkaHistoryBuilder.keys(List.of(X, Y));
        op(14, 15, 0, "assign", assignXY, Op.Type.OK, assignXY);
        op(16, 17, 0, "poll", poll, Op.Type.OK, txn(JSON.arrayNode().add("poll").add(JSON.objectNode()))); // 16 - 9
        JsonNode assignY = KafkaHistoryBuilder.keys(List.of(Y));
        op(18, 19, 0, "assign", assignY, Op.Type.OK, assignY);
        op(20, 21, 0, "assign", assignX, Op.Type.OK, assignX); // x starts again from nothing
        op(22, 23, 0, "poll", poll, Op.Type.OK, txn(JSON.arrayNode().add("poll").add(JSON.objectNode()))); // 22 - 5
        op(24, 25, 0, "poll", txn(mop("poll"), mop("poll")), Op.Type.OK, txn(poll(X, 0, 1, 1, 2), poll(X, 2, 3, 3, 4)));
        op(26, 27, 1, "send", txn(send(X, 2)), Op.Type.INFO, txn(send(X, 2)));
        JsonNode lag = check().details().get("worst-realtime-lag");
        assertThat(lag.get("time").asDouble()).isEqualTo(22.0);
        assertThat(lag.get("process").asInt()).isZero();
        assertThat(lag.get("key").asText()).isEqualTo(X);
        assertThat(lag.get("lag").asDouble()).isEqualTo(17.0);
    }

    // --- histories the checker cannot judge --------------------------------------------------

    @Test
    void aPolledMessageThatNoSendWroteGivesUnknownWithTheReason() {
        b.send(0, X, 1, 0);
        b.poll(1, X, 0, 1, 1, 77);
        CheckResult r = check();
        assertThat(r.validity()).isEqualTo(Validity.UNKNOWN);
        assertThat(r.details().get("valid?").asText()).isEqualTo("unknown");
        assertThat(r.details().get("error").asText()).contains("message 77").contains("no send of it");
    }

    @Test
    void aMalformedOpGivesUnknownWithTheReason() {
        b.raw(0, "poll", KafkaHistoryBuilder.pollInvokeValue(), Op.Type.OK, Json.parse("[[\"poll\", {\"x\": [[\"zero\", 1]]}]]"));
        CheckResult r = check();
        assertThat(r.validity()).isEqualTo(Validity.UNKNOWN);
        assertThat(r.details().get("error").asText()).contains("op 1").contains("offset \"zero\" is not an integer");
    }

    // --- JSON shapes for raw ops -------------------------------------------------------------

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static JsonNode txn(JsonNode... mops) {
        return JSON.arrayNode().addAll(List.of(mops));
    }

    private static JsonNode mop(String f) {
        return JSON.arrayNode().add(f);
    }

    private static JsonNode send(String key, long msg) {
        return JSON.arrayNode().add("send").add(key).add(msg);
    }

    private static JsonNode send(String key, long offset, long msg) {
        return JSON.arrayNode().add("send").add(key).add(JSON.arrayNode().add(offset).add(msg));
    }

    private static JsonNode poll(String key, long... offsetMsg) {
        var list = JSON.arrayNode();
        for (long[] p : pairs(offsetMsg)) {
            list.add(JSON.arrayNode().add(p[0]).add(p[1]));
        }
        return JSON.arrayNode().add("poll").add(JSON.objectNode().set(key, list));
    }
}
