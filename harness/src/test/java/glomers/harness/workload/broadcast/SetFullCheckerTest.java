package glomers.harness.workload.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jepsen set-full on small histories whose outcomes were worked out by hand. Comments give each
 * entry's history index (#) and time; "la" is last-absent, "lp" last-present (read invocations).
 */
class SetFullCheckerTest {
    private static final long MS = 1_000_000L;

    private final History h = new History();

    private Op bcast(long timeNanos, int process, int value) {
        return h.invoke(timeNanos, process, "broadcast", IntNode.valueOf(value), false);
    }

    private Op read(long timeNanos, int process, boolean isFinal) {
        return h.invoke(timeNanos, process, "read", null, isFinal);
    }

    private void ok(Op invoke, long timeNanos) {
        h.complete(invoke, timeNanos, Op.Type.OK, invoke.value(), null);
    }

    private void okRead(Op invoke, long timeNanos, long... values) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (long v : values) {
            a.add(v);
        }
        h.complete(invoke, timeNanos, Op.Type.OK, a, null);
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.longValue()));
        return out;
    }

    private static ObjectNode quantiles(long q0, long q50, long q95, long q99, long q100) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("0", q0).put("0.5", q50).put("0.95", q95).put("0.99", q99).put("1", q100);
        return o;
    }

    @Test
    void mixedHistoryWorkedByHand() {
        Op b0 = bcast(0, 0, 0);                  // #0  t=0
        ok(b0, 1 * MS);                          // #1  t=1ms: e0 known (#1, 1ms)
        Op r1 = read(2 * MS, 1, false);          // #2  t=2ms
        okRead(r1, 3 * MS, 99);                  // #3  e0 absent: la=#2 (2ms). 99 never broadcast: ignored
        Op b1 = bcast(4 * MS, 0, 1);             // #4
        ok(b1, 5 * MS);                          // #5  e1 known (#5, 5ms)
        Op r2 = read(6 * MS, 1, false);          // #6
        okRead(r2, 7 * MS, 0, 1);                // #7  e0, e1 lp=#6
        Op b2 = bcast(8 * MS, 0, 2);             // #8  e2 tracked from here
        Op r3 = read(9 * MS, 2, false);          // #9
        okRead(r3, 10 * MS, 0, 1);               // #10 e2 la=#9; e0, e1 lp=#9
        h.complete(b2, 13 * MS, Op.Type.INFO, b2.value(), "net-timeout"); // #11 e2 never known
        Op b3 = bcast(14 * MS, 3, 3);            // #12
        ok(b3, 15 * MS);                         // #13 e3 known (#13, 15ms)
        Op b4 = bcast(16 * MS, 4, 4);            // #14
        ok(b4, 17 * MS);                         // #15 e4 known (#15, 17ms)
        Op r4 = read(17_500_000, 1, false);      // #16 t=17.5ms
        okRead(r4, 18 * MS, 0, 1, 3);            // #17 e0,e1,e3 lp=#16; e2, e4 la=#16 (17.5ms)
        Op f1 = read(19 * MS, 1, true);          // #18
        okRead(f1, 20 * MS, 0, 1, 3, 4);         // #19 e0,e1,e3,e4 lp=#18 (19ms); e2 la=#18
        Op f2 = read(21 * MS, 2, true);          // #20
        okRead(f2, 22 * MS, 0, 1, 4, 99);        // #21 e0,e1,e4 lp=#20; e3 la=#20 (21ms); e2 la=#20

        // e0: lp #20 > la #2 -> stable; (2ms + 1ns) - 1ms = 1.000001ms -> 1 ms: stale.
        // e1: never absent -> stable; max(0, 0 - 5ms) = 0 ms.
        // e2: never known, never present -> never-read.
        // e3: lp #18 < la #20, known #13 < #20 -> lost; (19ms + 1ns) - 15ms -> 4 ms lost latency.
        // e4: lp #20 > la #16 -> stable; (17.5ms + 1ns) - 17ms = 0.500001ms -> 0 ms: not stale.
        // stable latencies sorted [0, 0, 1], n = 3: q0 -> [0]=0, q.5 -> [1]=0, q.95 -> [2]=1,
        // q.99 -> [2]=1, q1 -> min(2, 3)=[2]=1. Lost latencies [4].
        CheckResult result = SetFullChecker.check(h);
        ObjectNode d = result.details();
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(d.get("valid?").asBoolean(true)).isFalse();
        assertThat(d.get("attempt-count").asInt()).isEqualTo(5);
        assertThat(d.get("stable-count").asInt()).isEqualTo(3);
        assertThat(d.get("lost-count").asInt()).isEqualTo(1);
        assertThat(longs(d.get("lost"))).containsExactly(3L);
        assertThat(d.get("never-read-count").asInt()).isEqualTo(1);
        assertThat(longs(d.get("never-read"))).containsExactly(2L);
        assertThat(d.get("stale-count").asInt()).isEqualTo(1);
        assertThat(longs(d.get("stale"))).containsExactly(0L);
        assertThat(d.get("stable-latencies")).isEqualTo(quantiles(0, 0, 1, 1, 1));
        assertThat(d.get("lost-latencies")).isEqualTo(quantiles(4, 4, 4, 4, 4));
        assertThat(d.get("duplicated-count").asInt()).isZero();
        assertThat(d.get("duplicated").isObject()).isTrue();
        assertThat(d.get("duplicated").isEmpty()).isTrue();

        JsonNode worst = d.get("worst-stale");
        assertThat(worst).hasSize(1);
        assertThat(worst.get(0).get("element").asLong()).isEqualTo(0);
        assertThat(worst.get(0).get("outcome").asText()).isEqualTo(":stable");
        assertThat(worst.get(0).get("stable-latency").asLong()).isEqualTo(1);
        assertThat(worst.get(0).get("lost-latency").isNull()).isTrue();
        assertThat(worst.get(0).get("known").get("index").asLong()).isEqualTo(1);   // the broadcast's ok
        assertThat(worst.get(0).get("last-absent").get("index").asLong()).isEqualTo(2);
        assertThat(worst.get(0).get("last-absent").get("type").asText()).isEqualTo(":invoke");
    }

    @Test
    void knownIsTheCompletionOfTheFirstReadThatSawItWhenThatComesFirst() {
        Op b = bcast(0, 0, 7);                   // #0 t=0
        Op r1 = read(1 * MS, 1, false);          // #1
        okRead(r1, 2 * MS, 7);                   // #2 present before the broadcast is acknowledged:
                                                 //    known = this completion (#2, 2ms); lp=#1
        Op r2 = read(3 * MS, 2, false);          // #3
        okRead(r2, 4 * MS);                      // #4 absent: la=#3 (3ms)
        ok(b, 10 * MS);                          // #5 broadcast ok: known stays #2
        Op r3 = read(11 * MS, 1, true);          // #6
        okRead(r3, 12 * MS, 7);                  // #7 lp=#6
        // stable; (3ms + 1ns) - 2ms -> 1 ms. Had "known" been the broadcast's ok (10ms) it would be 0,
        // and had it been the read's invocation (1ms) it would be 2.
        ObjectNode d = SetFullChecker.check(h).details();
        assertThat(d.get("stable-latencies")).isEqualTo(quantiles(1, 1, 1, 1, 1));
        assertThat(d.get("stale-count").asInt()).isEqualTo(1);
        assertThat(d.get("worst-stale").get(0).get("known").get("index").asLong()).isEqualTo(2);
        assertThat(d.get("worst-stale").get(0).get("known").get("f").asText()).isEqualTo(":read");
    }

    @Test
    void aMissByAReadConcurrentWithTheBroadcastIsNeverReadNotLost() {
        Op b = bcast(0, 0, 5);                   // #0
        Op r = read(1 * MS, 1, true);            // #1 invoked before the broadcast is acknowledged
        ok(b, 2 * MS);                           // #2 known (#2)
        okRead(r, 3 * MS);                       // #3 absent: la=#1, but known #2 > #1 -> not lost
        // Not present anywhere -> not stable; never-read. Nothing stable -> unknown.
        CheckResult result = SetFullChecker.check(h);
        ObjectNode d = result.details();
        assertThat(d.get("lost-count").asInt()).isZero();
        assertThat(longs(d.get("never-read"))).containsExactly(5L);
        assertThat(result.validity()).isEqualTo(Validity.UNKNOWN);
        assertThat(d.get("valid?").asText()).isEqualTo("unknown");
        assertThat(d.has("stable-latencies")).isFalse();
        assertThat(d.has("lost-latencies")).isFalse();
    }

    @Test
    void aReadThatCompletedBeforeTheBroadcastWasInvokedDoesNotCount() {
        Op r = read(0, 1, false);                // #0
        okRead(r, 1 * MS);                       // #1 e9 not tracked yet: no effect
        Op b = bcast(2 * MS, 0, 9);              // #2
        ok(b, 3 * MS);                           // #3
        Op f = read(4 * MS, 1, true);            // #4
        okRead(f, 5 * MS, 9);                    // #5 lp=#4, no la -> stable, latency 0
        CheckResult result = SetFullChecker.check(h);
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.details().get("stale-count").asInt()).isZero();
        assertThat(result.details().get("stable-latencies")).isEqualTo(quantiles(0, 0, 0, 0, 0));
    }

    @Test
    void brokenNodeThatNeverSpreadsValuesLosesThem() {
        // Processes 0 and 1 talk to n0 and n1. n0 keeps what it is sent; n1 never hears of it.
        long t = 0;
        for (int v = 0; v < 3; v++) {
            Op b = bcast(t, 0, v);               // #0, #4, #8
            ok(b, t + 1 * MS);                   // #1, #5, #9  known
            Op r = read(t + 2 * MS, 1, false);   // #2, #6, #10 n1 misses everything
            okRead(r, t + 3 * MS);               // #3, #7, #11
            t += 10 * MS;
        }
        Op f0 = read(t, 0, true);                // #12 t=30ms: n0 has all three
        okRead(f0, t + 1 * MS, 0, 1, 2);         // #13 lp=#12 for e0..e2
        Op f1 = read(t + 2 * MS, 1, true);       // #14 t=32ms: n1 has nothing; la=#14 > lp=#12
        okRead(f1, t + 3 * MS);                  // #15
        // Every element: known (#1/#5/#9) < la #14, lp #12 < la #14 -> lost.
        // Lost latency = (30ms + 1ns) - known time: e0 1ms -> 29, e1 11ms -> 19, e2 21ms -> 9.
        CheckResult result = SetFullChecker.check(h);
        ObjectNode d = result.details();
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(d.get("lost-count").asInt()).isEqualTo(3);
        assertThat(longs(d.get("lost"))).containsExactly(0L, 1L, 2L);
        assertThat(d.get("stable-count").asInt()).isZero();
        // sorted [9, 19, 29], n=3: q0 [0]=9, q.5 [1]=19, q.95 [2]=29, q.99 [2]=29, q1 [2]=29
        assertThat(d.get("lost-latencies")).isEqualTo(quantiles(9, 19, 29, 29, 29));
        assertThat(d.has("stable-latencies")).isFalse();
    }

    @Test
    void setFullOnlyLooksAtTheLastReadInvoked() {
        // Same broken node, but n1's final read is invoked before n0's. Jepsen's rule uses only
        // the latest-invoked present and absent reads, so every element is stable (and stale).
        long t = 0;
        for (int v = 0; v < 3; v++) {
            Op b = bcast(t, 0, v);
            ok(b, t + 1 * MS);
            t += 10 * MS;
        }
        Op f1 = read(t, 1, true);                // t=30ms: la for all
        okRead(f1, t + 1 * MS);
        Op f0 = read(t + 2 * MS, 0, true);       // t=32ms: lp for all, after la
        okRead(f0, t + 3 * MS, 0, 1, 2);
        // stable latency = (30ms + 1ns) - known: 29, 19, 9 ms; all stale.
        CheckResult result = SetFullChecker.check(h);
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.details().get("stale-count").asInt()).isEqualTo(3);
        assertThat(result.details().get("stable-latencies")).isEqualTo(quantiles(9, 19, 29, 29, 29));
    }

    @Test
    void everyFinalReadHasEveryValueIsValid() {
        long t = 0;
        for (int v = 0; v < 4; v++) {
            Op b = bcast(t, v % 2, v);
            ok(b, t + 1 * MS);
            Op r = read(t + 2 * MS, 2, false);
            h.complete(r, t + 3 * MS, Op.Type.FAIL, null, "net-timeout"); // fail reads are ignored
            t += 10 * MS;
        }
        for (int p = 0; p < 3; p++) {
            Op f = read(t + p * MS, p, true);
            okRead(f, t + p * MS + 500_000, 0, 1, 2, 3, 3); // a duplicate inside a read is accepted
        }
        CheckResult result = SetFullChecker.check(h);
        ObjectNode d = result.details();
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(d.get("valid?").asBoolean(false)).isTrue();
        assertThat(d.get("stable-count").asInt()).isEqualTo(4);
        assertThat(d.get("lost-count").asInt()).isZero();
        assertThat(d.get("never-read-count").asInt()).isZero();
        assertThat(d.get("stale-count").asInt()).isZero();
        assertThat(d.get("duplicated-count").asInt()).isZero();
        assertThat(d.get("stable-latencies")).isEqualTo(quantiles(0, 0, 0, 0, 0));
    }

    @Test
    void nothingBroadcastIsUnknown() {
        Op r = read(0, 0, true);
        okRead(r, 1 * MS, 1, 2, 3); // never broadcast: ignored
        CheckResult result = SetFullChecker.check(h);
        assertThat(result.validity()).isEqualTo(Validity.UNKNOWN);
        assertThat(result.details().get("attempt-count").asInt()).isZero();
        assertThat(result.details().get("worst-stale")).isEmpty();

        assertThat(SetFullChecker.check(new History()).validity()).isEqualTo(Validity.UNKNOWN);
    }

    @Test
    void worstStaleAndQuantilesFollowJepsenOrdering() {
        // Element k becomes known at its broadcast's ok, then a read invoked exactly L_k ms later
        // misses it, then the next read sees it: stable latency = (L_k ms + 1 ns) / 1 ms = L_k.
        long[] latencies = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
        long t = 0;
        for (int k = 0; k < latencies.length; k++) {
            Op b = bcast(t, 0, k);
            ok(b, t + MS);                                  // known at t+1ms
            Op miss = read(t + MS + latencies[k] * MS, 1, false);
            long[] before = new long[k];                    // 0..k-1: misses only k, so the
            for (int i = 0; i < k; i++) {                   // earlier elements keep their la
                before[i] = i;
            }
            okRead(miss, t + MS + latencies[k] * MS + 1, before);
            okReadAfter(t + 20 * MS, k);                    // sees 0..k: lp for all so far
            t += 100 * MS;
        }
        // Stale = all ten. Ascending by latency, ties by element: 1(e1) 1(e3) 2(e6) 3(e0) 3(e9)
        // 4(e2) 5(e4) 5(e8) 6(e7) 9(e5); reversed and cut to 8: e5 e7 e8 e4 e2 e9 e0 e6.
        // Sorted latencies [1,1,2,3,3,4,5,5,6,9], n=10: q0 [0]=1, q.5 [5]=4, q.95 [9]=9,
        // q.99 [9]=9, q1 min(9,10)=[9]=9.
        ObjectNode d = SetFullChecker.check(h).details();
        assertThat(d.get("stale-count").asInt()).isEqualTo(10);
        List<Long> worst = new ArrayList<>();
        d.get("worst-stale").forEach(w -> worst.add(w.get("element").asLong()));
        assertThat(worst).containsExactly(5L, 7L, 8L, 4L, 2L, 9L, 0L, 6L);
        assertThat(d.get("stable-latencies")).isEqualTo(quantiles(1, 4, 9, 9, 9));
    }

    /** A read on process 2 that sees 0..k. */
    private void okReadAfter(long timeNanos, int k) {
        Op r = read(timeNanos, 2, false);
        long[] all = new long[k + 1];
        for (int i = 0; i <= k; i++) {
            all[i] = i;
        }
        okRead(r, timeNanos + MS, all);
    }

    @Test
    void frequencyDistributionUsesFloorOfNTimesQCappedAtNMinusOne() {
        // n=100, values 0..99: q.5 -> 50, q.95 -> floor(95.0)=95, q.99 -> 99, q1 -> min(99,100)=99.
        List<Long> values = new ArrayList<>();
        for (long i = 99; i >= 0; i--) {
            values.add(i);
        }
        assertThat(SetFullChecker.frequencyDistribution(values)).isEqualTo(quantiles(0, 50, 95, 99, 99));
        // n=1: every quantile is the one value.
        assertThat(SetFullChecker.frequencyDistribution(List.of(7L))).isEqualTo(quantiles(7, 7, 7, 7, 7));
    }

    @Test
    void readEntriesMatchByIntegerValueOnly() {
        Op b = bcast(0, 0, 1);
        ok(b, MS);
        Op r = read(2 * MS, 1, true);
        ArrayNode a = Json.mapper().createArrayNode();
        a.add(LongNode.valueOf(1));      // a long 1 is the element 1
        a.add(2.0);                      // a double never matches an integer element
        a.add("1");                      // nor does a string
        h.complete(r, 3 * MS, Op.Type.OK, a, null);
        CheckResult result = SetFullChecker.check(h);
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.details().get("stable-count").asInt()).isEqualTo(1);
    }
}
