package glomers.harness.workload.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The broadcast workload's checker: Jepsen's {@code set-full} (non-linearizable mode), with
 * {@code broadcast} in the part of {@code add} (spec §3.3; jepsen {@code checker.clj}:
 * {@code set-full}, {@code SetFullElement}, {@code set-full-element-results},
 * {@code set-full-results}, {@code frequency-distribution}).
 *
 * <p>What the source does, and this class follows:
 * <ul>
 *   <li>Only client operations are looked at. A {@code broadcast} invocation starts tracking its
 *       value (a second invocation of the same value starts it afresh, as Jepsen's {@code assoc}
 *       does). Only an {@code ok} broadcast completion matters.</li>
 *   <li>Only {@code ok} reads count, final or not. An ok read updates every element whose
 *       broadcast was invoked <em>earlier in the history than the read's completion</em>; elements
 *       invoked later are not touched by it. Values in a read that were never broadcast are
 *       ignored.</li>
 *   <li><b>known</b> is the first, in history order, of: the ok completion of the broadcast, or
 *       the <em>completion</em> of the first ok read that contained the value (Jepsen passes the
 *       read's completion op, not its invocation, as the "known" op). Its time is that
 *       completion's time.</li>
 *   <li><b>last-present</b> / <b>last-absent</b> are the read <em>invocations</em> with the
 *       highest history index that did / did not contain the value.</li>
 *   <li>stable: present somewhere, and last-absent (index, or −1) &lt; last-present.
 *       lost: known, has a last-absent, last-present (index, or −1) &lt; last-absent, and the
 *       known op's index &lt; last-absent's index. Otherwise never-read.</li>
 *   <li>stable-latency = max(0, (last-absent invoke time + 1 ns, or 0) − known time);
 *       lost-latency = max(0, (last-present invoke time + 1 ns, or 0) − known time). Both are
 *       reported as <b>integer milliseconds, truncated</b>: the source does
 *       {@code (-> t (max 0) util/nanos->ms long)} where {@code nanos->ms} is the exact ratio
 *       {@code (/ nanos 1000000)}, so {@code long} floors the non-negative value. 0.9 ms is 0.</li>
 *   <li>stale: stable with that <em>truncated</em> latency &gt; 0. worst-stale: stale sorted by
 *       latency ascending (stable sort, elements ascending), reversed, first 8 — so ties come out
 *       highest element first.</li>
 * </ul>
 *
 * <p>Elements are integers (the generator hands out 0, 1, 2, …). A read entry is matched by
 * integer value whatever its Java width; a non-integer entry can never equal an element (Clojure's
 * {@code contains?} on a set does not find the long 5 when 5.0 was read). A broadcast whose value
 * is not an integer throws IllegalArgumentException, which a caller should report as unknown,
 * as Jepsen's {@code check-safe} does with a checker that throws.
 */
public final class SetFullChecker {
    /** Jepsen's {@code points}: the quantiles reported for stable and lost latencies. */
    static final double[] QUANTILES = {0, 0.5, 0.95, 0.99, 1};
    /** Their keys as Jepsen prints them ({@code 0} and {@code 1} are integers there). */
    static final String[] QUANTILE_KEYS = {"0", "0.5", "0.95", "0.99", "1"};
    /** How many stale elements {@code :worst-stale} shows. */
    static final int WORST_STALE = 8;

    private static final long NANOS_PER_MS = 1_000_000L;

    private SetFullChecker() {
    }

    /** Jepsen's per-element state: the value, the op it became known by, the last reads that saw / missed it. */
    private static final class Element {
        final long value;
        Op known;
        Op lastPresent; // a read invocation
        Op lastAbsent; // a read invocation
        long inRead = -1; // the index of the last ok read (its completion) that contained it

        Element(long value) {
            this.value = value;
        }
    }

    private enum Outcome {
        STABLE, LOST, NEVER_READ;

        String ednName() {
            return ":" + name().toLowerCase().replace('_', '-');
        }
    }

    /** {@code set-full-element-results}: the outcome and latencies (ms) of one element. */
    private record Result(Element element, Outcome outcome, Long stableLatency, Long lostLatency) {
    }

    public static CheckResult check(History history) {
        Map<Long, Element> elements = new HashMap<>();
        Map<Integer, Op> inFlight = new HashMap<>(); // process -> its open invocation
        for (Op op : history.ops()) {
            if (!op.isClientOp()) {
                continue;
            }
            if (op.isInvoke()) {
                inFlight.put(op.process(), op);
                if ("broadcast".equals(op.f())) {
                    long value = elementValue(op);
                    elements.put(value, new Element(value));
                }
                continue;
            }
            Op invoke = inFlight.remove(op.process());
            if ("broadcast".equals(op.f())) {
                if (op.isOk() && invoke != null) {
                    Element e = elements.get(elementValue(invoke));
                    if (e != null && e.known == null) {
                        e.known = op;
                    }
                }
            } else if ("read".equals(op.f()) && op.isOk() && invoke != null) {
                markRead(op, elements);
                for (Element e : elements.values()) {
                    if (e.inRead == op.index()) {
                        if (e.known == null) {
                            e.known = op; // the read's completion, as in Jepsen
                        }
                        if (e.lastPresent == null || e.lastPresent.index() < invoke.index()) {
                            e.lastPresent = invoke;
                        }
                    } else if (e.lastAbsent == null || e.lastAbsent.index() < invoke.index()) {
                        e.lastAbsent = invoke;
                    }
                }
            }
        }

        List<Element> sorted = new ArrayList<>(elements.values());
        sorted.sort(Comparator.comparingLong(e -> e.value));
        List<Result> results = sorted.stream().map(SetFullChecker::result).toList();
        return summarize(results);
    }

    private static Result result(Element e) {
        long lastAbsentIndex = e.lastAbsent == null ? -1 : e.lastAbsent.index();
        long lastPresentIndex = e.lastPresent == null ? -1 : e.lastPresent.index();
        boolean stable = e.lastPresent != null && lastAbsentIndex < lastPresentIndex;
        // Lost only if it was known, and the last read that missed it began after it was known
        // and after the last read that saw it. A miss by a read concurrent with the broadcast
        // leaves it never-read.
        boolean lost = e.known != null && e.lastAbsent != null
                && lastPresentIndex < lastAbsentIndex
                && e.known.index() < lastAbsentIndex;
        Long stableLatency = null;
        Long lostLatency = null;
        if (stable) { // stable implies present somewhere, hence known
            long stableTime = e.lastAbsent == null ? 0 : e.lastAbsent.timeNanos() + 1;
            stableLatency = toMillis(stableTime - e.known.timeNanos());
        }
        if (lost) {
            long lostTime = e.lastPresent == null ? 0 : e.lastPresent.timeNanos() + 1;
            lostLatency = toMillis(lostTime - e.known.timeNanos());
        }
        Outcome outcome = stable ? Outcome.STABLE : lost ? Outcome.LOST : Outcome.NEVER_READ;
        return new Result(e, outcome, stableLatency, lostLatency);
    }

    /** Jepsen: {@code (-> nanos (max 0) util/nanos->ms long)}, i.e. whole milliseconds, floored. */
    private static long toMillis(long nanos) {
        return Math.max(0, nanos) / NANOS_PER_MS;
    }

    private static CheckResult summarize(List<Result> results) {
        List<Result> stable = results.stream().filter(r -> r.outcome == Outcome.STABLE).toList();
        List<Result> lost = results.stream().filter(r -> r.outcome == Outcome.LOST).toList();
        List<Result> neverRead = results.stream().filter(r -> r.outcome == Outcome.NEVER_READ).toList();
        List<Result> stale = stable.stream().filter(r -> r.stableLatency > 0).toList();

        // (->> stale (sort-by :stable-latency) reverse (take 8)): List.sort is stable, like sort-by.
        List<Result> worstStale = new ArrayList<>(stale);
        worstStale.sort(Comparator.comparingLong(Result::stableLatency));
        Collections.reverse(worstStale);
        worstStale = worstStale.subList(0, Math.min(WORST_STALE, worstStale.size()));

        List<Long> stableLatencies = results.stream().map(Result::stableLatency).filter(l -> l != null).toList();
        List<Long> lostLatencies = results.stream().map(Result::lostLatency).filter(l -> l != null).toList();

        // Non-linearizable set-full (Maelstrom's): lost -> false; nothing stable -> unknown; else true.
        // Stale elements do not affect the verdict.
        Validity validity = !lost.isEmpty() ? Validity.INVALID
                : stable.isEmpty() ? Validity.UNKNOWN
                : Validity.VALID;

        ObjectNode details = Json.mapper().createObjectNode();
        details.set("valid?", validity.json());
        details.put("attempt-count", results.size());
        details.put("stable-count", stable.size());
        details.put("lost-count", lost.size());
        details.set("lost", elementList(lost));
        details.put("never-read-count", neverRead.size());
        details.set("never-read", elementList(neverRead));
        details.put("stale-count", stale.size());
        details.set("stale", elementList(stale));
        ArrayNode worst = details.putArray("worst-stale");
        for (Result r : worstStale) {
            worst.add(resultJson(r));
        }
        if (!stableLatencies.isEmpty()) {
            details.set("stable-latencies", frequencyDistribution(stableLatencies));
        }
        if (!lostLatencies.isEmpty()) {
            details.set("lost-latencies", frequencyDistribution(lostLatencies));
        }
        // Jepsen keeps, per value, the highest multiplicity within one read, but only where that
        // multiplicity is (< v 1): a value that occurs in a read occurs at least once, so the
        // condition never holds and :duplicated is always empty (in Jepsen 0.3.1 and 0.3.7 alike).
        // Duplicates inside a read are therefore accepted; we keep the keys for the same output.
        details.put("duplicated-count", 0);
        details.putObject("duplicated");
        return new CheckResult(validity, details);
    }

    /**
     * Jepsen's {@code frequency-distribution}: over the sorted values, quantile q is the element
     * at index {@code min(n−1, (int) floor(n·q))}. Same double arithmetic as Clojure's.
     */
    static ObjectNode frequencyDistribution(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        ObjectNode out = Json.mapper().createObjectNode();
        for (int i = 0; i < QUANTILES.length; i++) {
            int idx = Math.min(n - 1, (int) Math.floor(n * QUANTILES[i]));
            out.put(QUANTILE_KEYS[i], sorted.get(idx));
        }
        return out;
    }

    private static ArrayNode elementList(List<Result> results) {
        ArrayNode out = Json.mapper().createArrayNode();
        results.stream().mapToLong(r -> r.element.value).sorted().forEach(out::add);
        return out;
    }

    /** One {@code :worst-stale} entry: the map {@code set-full-element-results} returns. */
    private static ObjectNode resultJson(Result r) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("element", r.element.value);
        out.put("outcome", r.outcome.ednName());
        putNullable(out, "stable-latency", r.stableLatency);
        putNullable(out, "lost-latency", r.lostLatency);
        out.set("known", opJson(r.element.known));
        out.set("last-absent", opJson(r.element.lastAbsent));
        return out;
    }

    private static void putNullable(ObjectNode out, String key, Long value) {
        if (value == null) {
            out.putNull(key);
        } else {
            out.put(key, value.longValue());
        }
    }

    private static JsonNode opJson(Op op) {
        return op == null ? Json.mapper().nullNode() : op.toJson();
    }

    private static long elementValue(Op broadcast) {
        JsonNode v = broadcast.value();
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("broadcast value is not an integer: " + broadcast);
        }
        return v.longValue();
    }

    /**
     * Marks the elements an ok read returned with the read's index: the integers in its value
     * that were broadcast. A null or non-array value returns none. One look-up per value read,
     * rather than a set of the read's values to look each element up in.
     */
    private static void markRead(Op read, Map<Long, Element> elements) {
        JsonNode value = read.value();
        if (value != null && value.isArray()) {
            for (JsonNode item : value) {
                if (item.isIntegralNumber() && item.canConvertToLong()) {
                    Element e = elements.get(item.longValue());
                    if (e != null) {
                        e.inRead = read.index();
                    }
                }
            }
        }
    }
}
