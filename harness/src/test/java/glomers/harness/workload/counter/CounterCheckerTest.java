package glomers.harness.workload.counter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CounterCheckerTest {
    private final History h = new History();
    private long clock = 0;

    private void add(int process, int delta, Op.Type outcome) {
        Op inv = h.invoke(clock++, process, "add", IntNode.valueOf(delta), false);
        h.complete(inv, clock++, outcome, inv.value(), outcome == Op.Type.OK ? null : "net-timeout");
    }

    private void read(int process, long value, boolean isFinal) {
        Op inv = h.invoke(clock++, process, "read", null, isFinal);
        h.complete(inv, clock++, Op.Type.OK, LongNode.valueOf(value), null);
    }

    private static List<List<Long>> ranges(CheckResult result) {
        List<List<Long>> out = new ArrayList<>();
        for (JsonNode r : result.details().get("acceptable")) {
            out.add(List.of(r.get(0).asLong(), r.get(1).asLong()));
        }
        return out;
    }

    @Test
    void exactTotalIsValid() {
        add(0, 3, Op.Type.OK);
        add(1, 4, Op.Type.OK);
        add(0, 0, Op.Type.OK);
        read(1, 2, false);              // not final: not checked
        add(1, 3, Op.Type.OK);          // D = 10
        read(0, 10, true);
        read(1, 10, true);
        CheckResult result = CounterChecker.check(h);
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.details().get("valid?").asBoolean(false)).isTrue();
        assertThat(result.details().get("errors").isNull()).isTrue();
        assertThat(result.details().get("final-reads")).extracting(JsonNode::asLong).containsExactly(10L, 10L);
        assertThat(ranges(result)).containsExactly(List.of(10L, 10L));
    }

    @Test
    void finalReadOneBelowTheAcknowledgedTotalIsInvalid() {
        add(0, 4, Op.Type.OK);
        add(0, 4, Op.Type.OK);          // D = 8
        read(0, 8, true);
        read(1, 7, true);
        CheckResult result = CounterChecker.check(h);
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.details().get("valid?").asBoolean(true)).isFalse();
        JsonNode errors = result.details().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("value").asLong()).isEqualTo(7);
        assertThat(errors.get(0).get("process").asInt()).isEqualTo(1);
        assertThat(errors.get(0).get("type").asText()).isEqualTo(":ok");
        assertThat(errors.get(0).get("final?").asBoolean()).isTrue();
        assertThat(ranges(result)).containsExactly(List.of(8L, 8L));
    }

    @Test
    void infoAddsWidenTheAcceptableSetBySubsetSums() {
        add(0, 10, Op.Type.OK);         // D = 10
        add(1, 2, Op.Type.INFO);
        add(2, 3, Op.Type.INFO);
        // {10} ∪ {12} = {10, 12}; ∪ {13, 15} = {10, 12, 13, 15} -> [10,10] [12,13] [15,15]
        read(3, 12, true);
        read(4, 15, true);
        read(5, 14, true);              // not a subset sum
        CheckResult result = CounterChecker.check(h);
        assertThat(ranges(result)).containsExactly(List.of(10L, 10L), List.of(12L, 13L), List.of(15L, 15L));
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.details().get("errors")).extracting(e -> e.get("value").asLong()).containsExactly(14L);
        assertThat(result.details().get("final-reads")).extracting(JsonNode::asLong).containsExactly(12L, 15L, 14L);
    }

    @Test
    void adjacentRangesMergeAndAOneIntegerGapDoesNot() {
        // D = 0, info {1}: {0,1} -> [0,1]. Then info {3}: {0,1,3,4} -> [0,1] [3,4] (2 missing).
        // Then info {2}: adds {2,3,5,6} -> {0..6} -> [0,6].
        List<CounterChecker.Range> a = List.of(new CounterChecker.Range(0, 0));
        a = CounterChecker.withOptional(a, 1);
        assertThat(a).containsExactly(new CounterChecker.Range(0, 1));
        a = CounterChecker.withOptional(a, 3);
        assertThat(a).containsExactly(new CounterChecker.Range(0, 1), new CounterChecker.Range(3, 4));
        a = CounterChecker.withOptional(a, 2);
        assertThat(a).containsExactly(new CounterChecker.Range(0, 6));
        assertThat(CounterChecker.withOptional(a, 0)).isSameAs(a);
        // pn-counter: negative deltas shift down.
        a = CounterChecker.withOptional(List.of(new CounterChecker.Range(5, 5)), -5);
        assertThat(a).containsExactly(new CounterChecker.Range(0, 0), new CounterChecker.Range(5, 5));
    }

    @Test
    void failedAndNonFinalReadsAreNotChecked() {
        add(0, 1, Op.Type.OK);
        read(0, 99, false);
        Op inv = h.invoke(clock++, 1, "read", null, true);
        h.complete(inv, clock++, Op.Type.INFO, null, "net-timeout");
        CheckResult result = CounterChecker.check(h);
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.details().get("final-reads")).isEmpty();
    }

    @Test
    void noFinalReadsIsValid() {
        add(0, 2, Op.Type.OK);
        add(0, 3, Op.Type.INFO);
        CheckResult result = CounterChecker.check(h);
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(ranges(result)).containsExactly(List.of(2L, 2L), List.of(5L, 5L));

        assertThat(CounterChecker.check(new History()).validity()).isEqualTo(Validity.VALID);
        assertThat(ranges(CounterChecker.check(new History()))).containsExactly(List.of(0L, 0L));
    }

    @Test
    void fiveThousandInfoAddsOfFourGiveEveryMultipleOfFour() {
        // The worst case for deltas 0–4: every subset sum of k fours is a multiple of 4, so the
        // set stays k+1 separate single-integer runs.
        add(0, 7, Op.Type.OK);          // D = 7
        for (int i = 0; i < 5_000; i++) {
            add(1 + i, 4, Op.Type.INFO);
        }
        read(0, 7 + 4 * 2_500, true);
        read(0, 7 + 4 * 5_000, true);
        CheckResult result = CounterChecker.check(h);
        List<List<Long>> r = ranges(result);
        assertThat(r).hasSize(5_001);
        for (int i = 0; i <= 5_000; i++) {
            assertThat(r.get(i)).containsExactly(7L + 4L * i, 7L + 4L * i);
        }
        assertThat(result.validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void fiveThousandRandomInfoAddsAgreeWithABruteForceSubsetSum() {
        Random random = new Random(42);
        int d = 0;
        List<Integer> info = new ArrayList<>();
        int process = 0;
        for (int i = 0; i < 6_000; i++) {
            int delta = random.nextInt(5);  // g-counter: 0..4
            if (i < 1_000) {
                add(process++, delta, Op.Type.OK);
                d += delta;
            } else {
                add(process++, delta, Op.Type.INFO);
                info.add(delta);
            }
        }
        read(process++, d, true);
        CheckResult result = CounterChecker.check(h);

        // Oracle: boolean DP over the reachable offsets above D.
        int max = info.stream().mapToInt(Integer::intValue).sum();
        boolean[] reach = new boolean[max + 1];
        reach[0] = true;
        for (int delta : info) {
            for (int s = max; s >= delta; s--) {
                reach[s] |= reach[s - delta];
            }
        }
        List<List<Long>> expected = new ArrayList<>();
        for (int s = 0; s <= max; s++) {
            if (reach[s] && (s == 0 || !reach[s - 1])) {
                int e = s;
                while (e + 1 <= max && reach[e + 1]) {
                    e++;
                }
                expected.add(List.of((long) d + s, (long) d + e));
            }
        }
        assertThat(ranges(result)).isEqualTo(expected);
        assertThat(result.validity()).isEqualTo(Validity.VALID);
    }
}
