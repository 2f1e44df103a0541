package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.harness.run.RunOptions;
import glomers.runtime.Body;
import glomers.runtime.Json;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Challenge 2 (spec §3.2): a stream of {@code generate}; every acknowledged id must be unique.
 * Ids are compared as JSON values ({@code 1}, {@code 1.0} and {@code "1"} differ). Clients are
 * reusable; nothing is idempotent; no final phase.
 */
public final class UniqueIdsWorkload implements Workload {
    /** Maelstrom reports at most this many duplicated ids. */
    static final int MAX_DUPLICATES_REPORTED = 48;
    private static final ReplySchema GENERATE_OK = new ReplySchema("generate_ok", Map.of("id", ReplySchema.ANY));

    @Override
    public String name() {
        return "unique-ids";
    }

    @Override
    public boolean reusableClients() {
        return true;
    }

    @Override
    public Invocation next(Random random) {
        return new Invocation("generate", NullNode.getInstance());
    }

    @Override
    public Body request(Invocation invocation) {
        return Body.of("generate");
    }

    @Override
    public ReplySchema replySchema(String f) {
        return GENERATE_OK;
    }

    @Override
    public JsonNode okValue(Invocation invocation, Body reply) {
        return reply.get("id");
    }

    @Override
    public CheckResult check(History history, RunOptions options) {
        Map<String, Integer> counts = new LinkedHashMap<>(); // canonical JSON text -> times acknowledged
        Map<String, JsonNode> values = new LinkedHashMap<>();
        long attempted = 0;
        long acknowledged = 0;
        for (Op op : history.ops()) {
            if (!op.isClientOp()) {
                continue;
            }
            if (op.isInvoke()) {
                attempted++;
            } else if (op.isOk()) {
                acknowledged++;
                String key = canonical(op.value());
                counts.merge(key, 1, Integer::sum);
                values.putIfAbsent(key, op.value());
            }
        }
        ObjectNode duplicated = Json.mapper().createObjectNode();
        List<Map.Entry<String, Integer>> repeats = counts.entrySet().stream().filter(e -> e.getValue() > 1).toList();
        repeats.stream().limit(MAX_DUPLICATES_REPORTED).forEach(e -> duplicated.put(e.getKey(), e.getValue()));

        ObjectNode details = Json.mapper().createObjectNode();
        details.put("valid?", repeats.isEmpty());
        details.put("attempted-count", attempted);
        details.put("acknowledged-count", acknowledged);
        details.put("duplicated-count", repeats.size());
        details.set("duplicated", duplicated);
        details.set("range", range(values.values()));
        return new CheckResult(Validity.of(repeats.isEmpty()), details);
    }

    /** Integers with the same value are the same id whatever their width; everything else by its JSON text. */
    private static String canonical(JsonNode id) {
        return id != null && id.isIntegralNumber() ? id.bigIntegerValue().toString() : String.valueOf(id);
    }

    /** The lowest and highest id, when all ids are integers (Maelstrom's range needs comparable ids). */
    private static ArrayNode range(Iterable<JsonNode> ids) {
        ArrayNode range = Json.mapper().createArrayNode();
        BigInteger lo = null;
        BigInteger hi = null;
        for (JsonNode id : ids) {
            if (id == null || !id.isIntegralNumber()) {
                return range;
            }
            BigInteger v = id.bigIntegerValue();
            lo = lo == null ? v : lo.min(v);
            hi = hi == null ? v : hi.max(v);
        }
        if (lo != null) {
            range.add(lo);
            range.add(hi);
        }
        return range;
    }
}
