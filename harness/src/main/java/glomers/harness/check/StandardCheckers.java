package glomers.harness.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.harness.net.Journal;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checkers every Maelstrom run has besides its workload's (spec §2.7 and §2.8): exceptions,
 * stats, availability and net.
 */
public final class StandardCheckers {
    /**
     * How the run loop's error for a reply that breaks its workload's schema starts (the rest is
     * ": <problem>: <reply>"); Maelstrom's client throws on such a reply, and Jepsen records the
     * operation as {@code :info} with the exception.
     */
    public static final String MALFORMED_RPC_RESPONSE = "malformed RPC response";
    /** The exceptions checker's class for those completions. */
    public static final String MALFORMED_RPC_RESPONSE_CLASS = "malformed-rpc-response";

    private StandardCheckers() {
    }

    /**
     * Operations that may never complete ok without making the stats invalid: kafka's {@code :crash}
     * is always {@code :info}. Maelstrom wraps every workload's stats checker in Jepsen's
     * {@code kafka/stats-checker}, which leaves these out.
     */
    static final Set<String> NEVER_OK_ALLOWED = Set.of("crash", "debug-topic-partitions");

    /**
     * Jepsen's {@code unhandled-exceptions} (checker.clj): the {@code :info} client completions
     * that stand for an exception in the client, grouped by class, as a list of
     * {@code {class, count, example}} (the example is the first such completion), most frequent
     * first, ties by class. The bench's one class is {@value #MALFORMED_RPC_RESPONSE_CLASS}:
     * completions whose error starts with {@value #MALFORMED_RPC_RESPONSE}. Always valid; the
     * {@code exceptions} key is there only when there were some, as in results.edn.
     */
    public static CheckResult exceptions(History history) {
        Map<String, List<Op>> byClass = new TreeMap<>();
        for (Op op : history.clientCompletions()) {
            if (op.type() == Op.Type.INFO && op.error() != null && op.error().startsWith(MALFORMED_RPC_RESPONSE)) {
                byClass.computeIfAbsent(MALFORMED_RPC_RESPONSE_CLASS, c -> new ArrayList<>()).add(op);
            }
        }
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("valid?", true);
        if (!byClass.isEmpty()) {
            ArrayNode list = details.putArray("exceptions");
            byClass.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, List<Op>> e) -> e.getValue().size()).reversed()
                            .thenComparing(Map.Entry::getKey))
                    .forEach(e -> list.addObject()
                            .put("class", e.getKey())
                            .put("count", e.getValue().size())
                            .set("example", e.getValue().get(0).toJson()));
        }
        return new CheckResult(Validity.VALID, details);
    }

    /**
     * Counts of client completions, in total and by {@code f}. Valid only if every {@code f}
     * that was attempted has at least one ok, {@link #NEVER_OK_ALLOWED} aside.
     */
    public static CheckResult stats(History history) {
        Map<String, long[]> byF = new TreeMap<>(); // f -> count, ok, fail, info
        long[] total = new long[4];
        for (Op op : history.clientCompletions()) {
            long[] counts = byF.computeIfAbsent(op.f(), f -> new long[4]);
            int column = switch (op.type()) {
                case OK -> 1;
                case FAIL -> 2;
                default -> 3;
            };
            counts[0]++;
            counts[column]++;
            total[0]++;
            total[column]++;
        }
        boolean valid = byF.entrySet().stream().allMatch(e -> e.getValue()[1] > 0 || NEVER_OK_ALLOWED.contains(e.getKey()));
        ObjectNode details = counts(total);
        details.put("valid?", valid);
        ObjectNode byFNode = details.putObject("by-f");
        byF.forEach((f, c) -> byFNode.set(f, counts(c).put("valid?", c[1] > 0)));
        return new CheckResult(Validity.of(valid), details);
    }

    private static ObjectNode counts(long[] c) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("count", c[0]);
        node.put("ok-count", c[1]);
        node.put("fail-count", c[2]);
        node.put("info-count", c[3]);
        return node;
    }

    /**
     * The fraction of client invocations that completed ok (1 when there were none). With
     * {@code required} null it is only reported; otherwise it must be at least that.
     */
    public static CheckResult availability(History history, Double required) {
        long invocations = history.clientInvocations().size();
        long ok = history.clientCompletions().stream().filter(Op::isOk).count();
        double fraction = invocations == 0 ? 1.0 : (double) ok / invocations;
        boolean valid = required == null || fraction >= required;
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("valid?", valid);
        details.put("ok-fraction", fraction);
        return new CheckResult(Validity.of(valid), details);
    }

    /**
     * Message counts over the whole run, split into clients (either end a client) and servers
     * (everything else, services included); msgs-per-op divides by every client invocation of
     * the run, the final phase included. Always valid.
     */
    public static CheckResult net(Journal journal, History history) {
        long ops = history.clientInvocations().size();
        Journal.Stats stats = journal.stats();
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("valid?", true);
        details.set("all", group(stats.all(), ops, true));
        details.set("clients", group(stats.clients(), ops, false));
        details.set("servers", group(stats.servers(), ops, true));
        return new CheckResult(Validity.VALID, details);
    }

    private static ObjectNode group(Journal.Counts counts, long ops, boolean withMsgsPerOp) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("send-count", counts.sendCount());
        node.put("recv-count", counts.recvCount());
        node.put("msg-count", counts.msgCount());
        Double perOp = counts.msgsPerOp(ops);
        if (withMsgsPerOp && perOp != null) {
            node.put("msgs-per-op", perOp);
        }
        return node;
    }
}
