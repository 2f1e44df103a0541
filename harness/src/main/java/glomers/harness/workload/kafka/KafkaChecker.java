package glomers.harness.workload.kafka;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The kafka workload's checker: Jepsen's kafka checker as Maelstrom runs it (spec §3.5; jepsen
 * {@code jepsen/src/jepsen/tests/kafka.clj} at v0.3.7, {@code analysis}, {@code checker},
 * {@code condense-error}, {@code allowed-error-types}; v0.3.1 applies the same rules to
 * send/poll histories but allows fewer error types). A pure function of the history.
 *
 * <p><b>Input</b>: client ops with f {@code send}, {@code poll}, {@code assign}, {@code crash}
 * (see {@link KafkaOp} for their values); nemesis entries are ignored.
 *
 * <p><b>Analyses</b>, each in its own class:
 * <ul>
 *   <li>{@link VersionOrders}: each key's log, {@code inconsistent-offsets}, {@code duplicate};</li>
 *   <li>{@link LostWrites}: {@code G1a}, {@code precommitted-read} (txns only), {@code lost-write},
 *       {@code unseen};</li>
 *   <li>{@link OrderChecks}: {@code poll-skip}, {@code nonmonotonic-poll},
 *       {@code nonmonotonic-send}, {@code int-poll-skip}, {@code int-nonmonotonic-poll},
 *       {@code int-send-skip}, {@code int-nonmonotonic-send};</li>
 *   <li>{@link KafkaCycles}: {@code G1c}, {@code G1c-realtime}, {@code PL-2-cycle-exists},
 *       {@code strong-PL-2-cycle-exists}, {@code empty-transaction-graph};</li>
 *   <li>{@link RealtimeLag}: {@code worst-realtime-lag} (informational).</li>
 * </ul>
 *
 * <p><b>Output</b> (the {@code :workload} entry of results.edn, keys as there):
 * {@code valid?}; {@code worst-realtime-lag} ({@code time}, {@code process}, {@code key},
 * {@code lag}; seconds); {@code bad-error-types} and {@code error-types} (sorted names);
 * {@code info-txn-causes} (the distinct errors of info sends and polls, in history order); then one
 * entry per error type found, sorted by name: {@code {"count": n, "errs": [...], "explanation":
 * "..."}}, except {@code unseen}, which is Jepsen's own map ({@code time}, {@code unseen},
 * {@code messages}) plus an {@code explanation}. Which errors {@code errs} shows follows Jepsen's
 * {@code condense-error} (e.g. the 8 largest {@code poll-skip} deltas); where Jepsen shows them all,
 * the first {@value #ERRS_SHOWN} are shown. {@code explanation} is ours, for learners.
 *
 * <p><b>Verdict</b>: valid unless an error type outside {@link #ALLOWED} was found. A history the
 * checker cannot judge (a malformed op; a polled message no send wrote, where Jepsen throws) gives
 * {@code :unknown} with the reason under {@code error}, as Maelstrom's crashed checker would.
 *
 * <p><b>Where this differs from Maelstrom</b> (the verdict and the error types do not):
 * <ul>
 *   <li>memory follows the messages observed, not the highest offset (maelstrom issue #51);</li>
 *   <li>lists are capped: {@code errs} at {@value #ERRS_SHOWN} where Jepsen shows all,
 *       {@code skipped} at {@value OrderChecks#SKIPPED_SHOWN}, a cycle-exists {@code scc} at
 *       {@value KafkaCycles#SCC_SHOWN} indices (each with its full count beside it);</li>
 *   <li>where Jepsen's order is a Clojure hash order (the message kept at an offset holding
 *       several, errors across keys or processes), this uses smallest message, sorted keys,
 *       processes in order of appearance;</li>
 *   <li>the cycle shown may be another cycle of the same type than Elle's, and there is no
 *       cycle-search timeout (Elle gives up on an SCC after 1 s and reports
 *       {@code cycle-search-timeout});</li>
 *   <li>messages must be integers, as Maelstrom's generator sends them;</li>
 *   <li>no files: Jepsen's {@code orders/*.svg}, {@code unseen.png}, {@code realtime-lag*.png},
 *       {@code consume-counts.edn} and {@code elle/} are not written.</li>
 * </ul>
 */
public final class KafkaChecker {
    /**
     * Jepsen 0.3.7's {@code allowed-error-types} for Maelstrom's test (assign, no {@code :ww-deps}):
     * write-write anomalies and skips inside one op's sends are normal in Kafka's model; the two
     * cycle-exists types are the imprecise forms of G0 and G0-realtime (new in 0.3.7).
     */
    public static final Set<String> ALLOWED = Set.of(
            "int-send-skip", "G0", "G0-process", "G0-realtime", "PL-1-cycle-exists", "strong-PL-1-cycle-exists");

    /** How many errors an entry shows where Jepsen shows all of them. */
    static final int ERRS_SHOWN = 32;

    private static final Map<String, String> EXPLANATIONS = Map.ofEntries(
            Map.entry("inconsistent-offsets", "Two different messages were seen at the same offset of a key (by ok sends"
                    + " and polls): the nodes do not agree on the log."),
            Map.entry("duplicate", "One message sits at more than one offset of a key."),
            Map.entry("lost-write", "An ok poll reached index max-read-index of the key's log, but this acknowledged"
                    + " message, at a lower index, was never returned by any ok poll."),
            Map.entry("unseen", "Acknowledged messages that no ok poll ever returned, by the end of the history:"
                    + " count per key, and up to " + LostWrites.UNSEEN_SHOWN + " of them."),
            Map.entry("poll-skip", "A process's poll of a key did not start right after the last message its"
                    + " previous poll of that key returned: it jumped over messages known to exist (skipped)."
                    + " Indices count only offsets seen, so gaps between offsets are fine."),
            Map.entry("nonmonotonic-poll", "A process's poll of a key started at or before the last message its"
                    + " previous poll of that key returned (delta 0: the same message again)."),
            Map.entry("int-poll-skip", "Within one poll, two consecutive messages of a key jumped over messages"
                    + " known to exist: a poll must return a contiguous run of the log."),
            Map.entry("int-nonmonotonic-poll", "Within one poll, a key's messages went backwards or repeated."),
            Map.entry("nonmonotonic-send", "A process's send to a key landed at or before its previous send to that"
                    + " key in the log: offsets must grow."),
            Map.entry("int-send-skip", "Within one op, two sends to a key have other messages between them (allowed)."),
            Map.entry("int-nonmonotonic-send", "Within one op, a later send to a key landed at or before an earlier one."),
            Map.entry("G1a", "Aborted read: an ok poll returned a message whose send failed (a definite error, so it"
                    + " must not have happened)."),
            Map.entry("precommitted-read", "A transaction polled a message it sent itself, before committing."),
            Map.entry("G1c", "A cycle of write-read dependencies: each op polled a message the previous one sent."),
            Map.entry("G1c-realtime", "A cycle of write-read (a poll returned a send's message) and real-time (one op"
                    + " completed before the next was invoked) dependencies: typically a poll returned a message"
                    + " whose send began only after the poll had completed."),
            Map.entry("PL-2-cycle-exists", "Elle's cycle-exists check: these ops form a strongly connected component"
                    + " of write-read edges alone, so the history is not read committed."),
            Map.entry("strong-PL-2-cycle-exists", "Elle's cycle-exists check: these ops form a strongly connected"
                    + " component of write-read and real-time edges, so the history is not strong read committed;"
                    + " the G1c-realtime entry shows one cycle in it."),
            Map.entry("empty-transaction-graph", "Not one write-read or real-time dependency between any two sends"
                    + " or polls (e.g. no ok operation at all): Elle's cycle check had nothing to look at, and"
                    + " Jepsen counts that as an error."));

    private KafkaChecker() {
    }

    /**
     * Checks a kafka history. Never throws for a bad history: the verdict is then {@code UNKNOWN}
     * with the reason in {@code details.error}.
     */
    public static CheckResult check(History history) {
        try {
            return analyse(history);
        } catch (MalformedHistory e) {
            ObjectNode details = Errors.object();
            details.set("valid?", Validity.UNKNOWN.json());
            details.put("error", e.getMessage());
            return new CheckResult(Validity.UNKNOWN, details);
        }
    }

    private static CheckResult analyse(History history) {
        KafkaHistory kafka = new KafkaHistory(history);
        VersionOrders orders = new VersionOrders(kafka);
        Errors errors = new Errors();
        orders.inconsistentOffsets(errors);
        orders.duplicates(errors);
        LostWrites lost = new LostWrites(kafka, orders, errors);
        lost.g1a();
        lost.precommittedReads();
        lost.lostWrites();
        new OrderChecks(kafka, orders, errors).run();
        boolean emptyGraph = false;
        if (!kafka.ops.isEmpty()) { // Jepsen skips the cycle search for a history with no client op
            KafkaCycles cycles = new KafkaCycles(kafka);
            cycles.findCycles(errors);
            emptyGraph = cycles.isEmpty();
        }
        ObjectNode unseen = lost.unseen();

        List<String> types = new ArrayList<>(errors.byType().keySet());
        if (emptyGraph) {
            types.add("empty-transaction-graph");
        }
        if (unseen != null) {
            types.add("unseen");
        }
        types.sort(Comparator.naturalOrder());
        List<String> bad = types.stream().filter(t -> !ALLOWED.contains(t)).toList();

        ObjectNode details = Errors.object();
        details.put("valid?", bad.isEmpty());
        details.set("worst-realtime-lag", RealtimeLag.worst(kafka));
        details.set("bad-error-types", strings(bad));
        details.set("error-types", strings(types));
        details.set("info-txn-causes", infoTxnCauses(history));
        for (String type : types) {
            ObjectNode entry;
            if (type.equals("unseen")) {
                entry = unseen;
            } else if (type.equals("empty-transaction-graph")) {
                entry = Errors.object();
                entry.put("count", 1);
                entry.put("errs", true); // Elle's anomaly value is just `true`
            } else {
                entry = condense(type, errors.byType().get(type));
            }
            entry.put("explanation", EXPLANATIONS.getOrDefault(type, ""));
            details.set(type, entry);
        }
        return new CheckResult(Validity.of(bad.isEmpty()), details);
    }

    /**
     * Jepsen's {@code condense-error}: {@code count}, and the errors worth showing. Sorts are stable,
     * ascending; "last" keeps the tail of the sorted list.
     */
    static ObjectNode condense(String type, List<ObjectNode> errs) {
        List<ObjectNode> sorted = new ArrayList<>(errs);
        List<ObjectNode> shown = switch (type) {
            case "duplicate" -> first(sortBy(sorted, e -> e.get("count").asLong()), 32);
            case "G0", "G0-process", "G0-realtime", "G1c", "G1c-process", "G1c-realtime" ->
                    first(sortBy(sorted, e -> e.get("steps").size()), 8);
            case "inconsistent-offsets" -> first(sortBy(sorted, e -> e.get("values").size()), 32);
            case "int-nonmonotonic-poll", "int-nonmonotonic-send", "nonmonotonic-poll", "nonmonotonic-send" ->
                    first(sortBy(sorted, e -> e.get("delta").asLong()), 8);
            case "int-poll-skip", "int-send-skip", "poll-skip" -> last(sortBy(sorted, e -> e.get("delta").asLong()), 8);
            default -> first(sorted, ERRS_SHOWN);
        };
        ObjectNode out = Errors.object();
        out.put("count", errs.size());
        ArrayNode shownJson = out.putArray("errs");
        shown.forEach(shownJson::add);
        return out;
    }

    private static List<ObjectNode> sortBy(List<ObjectNode> errs, ToLongFunction<ObjectNode> key) {
        errs.sort(Comparator.comparingLong(key));
        return errs;
    }

    private static List<ObjectNode> first(List<ObjectNode> errs, int n) {
        return errs.subList(0, Math.min(n, errs.size()));
    }

    private static List<ObjectNode> last(List<ObjectNode> errs, int n) {
        return errs.subList(Math.max(0, errs.size() - n), errs.size());
    }

    /** Jepsen's {@code info-txn-causes}: the distinct {@code error}s of info send / poll / txn completions. */
    private static ArrayNode infoTxnCauses(History history) {
        Set<String> causes = new LinkedHashSet<>();
        for (Op op : history.ops()) {
            if (op.type() == Op.Type.INFO && op.isClientOp() && Set.of("send", "poll", "txn").contains(op.f())) {
                causes.add(op.error());
            }
        }
        ArrayNode out = Errors.object().arrayNode();
        causes.forEach(c -> {
            if (c == null) {
                out.addNull();
            } else {
                out.add(c);
            }
        });
        return out;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode out = Errors.object().arrayNode();
        values.forEach(out::add);
        return out;
    }
}
