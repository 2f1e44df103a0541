package glomers.harness.workload.counter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The g-counter / pn-counter checker (spec §3.4; Maelstrom
 * {@code src/maelstrom/workload/pn_counter.clj}, {@code checker}; g-counter reuses it).
 *
 * <p>D is the sum of the deltas of the {@code ok} adds. Every {@code info} add may or may not
 * have happened, so the acceptable final values are D plus the sum of any subset of the info
 * adds' deltas. Every {@code ok} read marked final must be one of them; other reads are not
 * checked, and with no final ok read the result is valid.
 *
 * <p>Output, as Maelstrom's: {@code valid?}, {@code errors} (the offending final read ops, or
 * null when there are none: Maelstrom prints {@code (seq errors)}, which is nil), {@code
 * final-reads} (their values) and {@code acceptable} ({@code [[lo, hi], …]}, inclusive, sorted).
 *
 * <p><b>The range representation.</b> Maelstrom keeps the set in a Guava TreeRangeSet of
 * <em>open</em> ranges (lo−1, hi+1). Two such ranges coalesce exactly when they overlap as real
 * intervals, which for integer ranges means "overlapping or adjacent" ([0,1] and [2,3] become
 * [0,3]); ranges with a missing integer between them ((−1,2) and (2,5)) only touch and stay
 * apart. So Maelstrom's ranges are exactly the maximal runs of consecutive integers in the set,
 * and that is what is kept here: a sorted list of disjoint closed ranges with at least one
 * missing integer between neighbours.
 *
 * <p>Why merging is exact: write A_0 = {D} and A_k = A_{k−1} ∪ (A_{k−1} + δ_k), one step per
 * info add (it happened, or it did not). By induction A_k is D plus the subset sums of the first
 * k deltas, whatever the order of the adds. A set of integers is the disjoint union of its
 * maximal runs; shifting every run by δ gives the runs of the shifted set; and the union of two
 * sorted run lists, coalescing whenever a run starts at most one past the current end
 * ({@code lo ≤ hi + 1}), yields the maximal runs of the union — no integer is added (each output
 * run is covered by input runs that overlap or abut) and none is lost. Each step is one linear
 * merge of two sorted lists, O(r) for r runs, and δ = 0 changes nothing.
 *
 * <p>Cost: with g-counter deltas 0–4 the runs merge into a few once the deltas are mixed (a
 * random mix of 5,000 ends as the single run [D, D+Σ]); the worst case is
 * every delta equal (all 4s gives the multiples of 4: r = k+1 runs), O(k²) over k info adds:
 * about 25 million run visits for 5,000, measured at roughly 80 ms warm on a 2-core machine.
 * Widely spread deltas could double r at each step; Maelstrom's TreeRangeSet has the same growth.
 */
public final class CounterChecker {
    private CounterChecker() {
    }

    /** An inclusive integer range. */
    record Range(long lo, long hi) {
    }

    public static CheckResult check(History history) {
        long definite = 0;
        List<Long> indefinite = new ArrayList<>();
        // Maelstrom looks at every add op (not only client ops; no nemesis op is an add) and
        // counts the deltas of ok and info completions. An add with no completion at all counts
        // for neither; in Maelstrom every invocation gets a completion before the checker runs.
        for (Op op : history.ops()) {
            if (!"add".equals(op.f())) {
                continue;
            }
            if (op.type() == Op.Type.OK) {
                definite += delta(op);
            } else if (op.type() == Op.Type.INFO) {
                indefinite.add(delta(op));
            }
        }
        Runs runs = new Runs(definite);
        for (long delta : indefinite) {
            runs.addOptional(delta);
        }
        List<Range> acceptable = runs.toList();

        // Maelstrom takes every op that is final and ok; only reads are final, and we say so.
        ArrayNode finalReads = Json.mapper().createArrayNode();
        ArrayNode errors = Json.mapper().createArrayNode();
        for (Op op : history.ops()) {
            if (!op.isFinal() || !op.isOk() || !"read".equals(op.f())) {
                continue;
            }
            finalReads.add(op.value() == null ? Json.mapper().nullNode() : op.value());
            // Maelstrom asserts the value is an integer (its client coerces reads with `long`
            // after a schema that only admits integers). A read that is not an integer cannot be
            // a sum of deltas, so it is reported as an error here.
            JsonNode v = op.value();
            boolean inside = v != null && v.isIntegralNumber() && v.canConvertToLong()
                    && contains(acceptable, v.longValue());
            if (!inside) {
                errors.add(op.toJson());
            }
        }

        boolean valid = errors.isEmpty();
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("valid?", valid);
        if (valid) {
            details.putNull("errors");
        } else {
            details.set("errors", errors);
        }
        details.set("final-reads", finalReads);
        ArrayNode ranges = details.putArray("acceptable");
        for (Range r : acceptable) {
            ranges.addArray().add(r.lo()).add(r.hi());
        }
        return new CheckResult(Validity.of(valid), details);
    }

    /** {@link Runs#addOptional} over a list of ranges, for tests. */
    static List<Range> withOptional(List<Range> ranges, long delta) {
        if (delta == 0) {
            return ranges;
        }
        Runs runs = new Runs(ranges.get(0).lo());
        runs.count = 0;
        runs.ensure(ranges.size());
        for (Range r : ranges) {
            runs.cur[2 * runs.count] = r.lo();
            runs.cur[2 * runs.count + 1] = r.hi();
            runs.count++;
        }
        runs.addOptional(delta);
        return runs.toList();
    }

    /**
     * Sorted maximal runs, kept flat as {@code [lo0, hi0, lo1, hi1, …]} in two buffers that swap
     * at each step, so the worst case (every delta the same: k+1 runs, O(k²) steps) allocates
     * nothing per step.
     */
    static final class Runs {
        private long[] cur;
        private long[] next;
        private int count;

        Runs(long value) {
            cur = new long[] {value, value};
            next = new long[2];
            count = 1;
        }

        /** Room for {@code runs} runs in the current buffer. */
        private void ensure(int runs) {
            if (cur.length < 2 * runs) {
                cur = Arrays.copyOf(cur, 2 * runs);
            }
        }

        /**
         * A := A ∪ (A + delta): one merge of two sorted run lists (A, and A shifted, which is
         * still sorted), coalescing a run into the current one when it starts at most one past
         * its end. The union has at most 2·count runs.
         */
        void addOptional(long delta) {
            if (delta == 0) {
                return;
            }
            if (next.length < 4 * count) {
                next = new long[Math.max(4 * count, 2 * next.length)];
            }
            long[] a = cur;
            long[] out = next;
            int n = 0;
            int i = 0; // next run of A
            int j = 0; // next run of A + delta
            long curLo = 0;
            long curHi = 0;
            boolean open = false;
            while (i < count || j < count) {
                long lo;
                long hi;
                if (j >= count || (i < count && a[2 * i] <= a[2 * j] + delta)) {
                    lo = a[2 * i];
                    hi = a[2 * i + 1];
                    i++;
                } else {
                    lo = a[2 * j] + delta;
                    hi = a[2 * j + 1] + delta;
                    j++;
                }
                if (open && lo <= curHi + 1) { // overlapping or adjacent: one run
                    curHi = Math.max(curHi, hi);
                } else {
                    if (open) {
                        out[n++] = curLo;
                        out[n++] = curHi;
                    }
                    curLo = lo;
                    curHi = hi;
                    open = true;
                }
            }
            out[n++] = curLo;
            out[n++] = curHi;
            next = cur;
            cur = out;
            count = n / 2;
        }

        List<Range> toList() {
            List<Range> list = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                list.add(new Range(cur[2 * k], cur[2 * k + 1]));
            }
            return list;
        }
    }

    /** Binary search over the sorted runs. */
    static boolean contains(List<Range> runs, long value) {
        int lo = 0;
        int hi = runs.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Range r = runs.get(mid);
            if (value < r.lo()) {
                hi = mid - 1;
            } else if (value > r.hi()) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static long delta(Op add) {
        JsonNode v = add.value();
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("add delta is not an integer: " + add);
        }
        return v.longValue();
    }
}
