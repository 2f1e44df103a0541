package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import glomers.harness.check.CheckResult;
import glomers.harness.history.History;
import glomers.harness.run.RunOptions;
import glomers.harness.workload.broadcast.SetFullChecker;
import glomers.harness.workload.broadcast.Topologies;
import glomers.runtime.Body;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Challenge 3 (spec §3.3). Setup sends each node the topology once. The main phase mixes
 * {@code broadcast} (values 0, 1, 2, … in the order handed out) and {@code read} half and half;
 * the final phase, after the heal and 10 s of quiet, has each worker read once. The checker is
 * Jepsen's set-full: every acknowledged or observed value must end up in every later read.
 */
public final class BroadcastWorkload implements Workload {
    private static final ReplySchema BROADCAST_OK = new ReplySchema("broadcast_ok", Map.of());
    // Maelstrom's schema is [s/Any]: any array passes, and an entry that is not the integer sent
    // (5.0, "5") simply matches no value, so the read counts as ok but missing it.
    private static final ReplySchema READ_OK = new ReplySchema("read_ok",
            Map.of("messages", ReplySchema.arrayOf(ReplySchema.ANY)));

    private int nextValue;

    @Override
    public String name() {
        return "broadcast";
    }

    @Override
    public boolean reusableClients() {
        return false;
    }

    @Override
    public boolean idempotent(String f) {
        return f.equals("read");
    }

    @Override
    public Map<String, Body> setupRequests(List<String> nodes, RunOptions options) {
        Map<String, List<String>> topology = Topologies.build(options.topology(), nodes);
        Map<String, Body> requests = new LinkedHashMap<>();
        for (String node : nodes) {
            requests.put(node, Body.of("topology").put("topology", topology));
        }
        return requests;
    }

    @Override
    public Invocation next(Random random) {
        return random.nextBoolean()
                ? new Invocation("broadcast", IntNode.valueOf(nextValue++))
                : Invocation.read();
    }

    @Override
    public boolean hasFinalPhase() {
        return true;
    }

    @Override
    public Body request(Invocation invocation) {
        return invocation.f().equals("broadcast")
                ? Body.of("broadcast").put("message", invocation.value())
                : Body.of("read");
    }

    @Override
    public ReplySchema replySchema(String f) {
        return f.equals("broadcast") ? BROADCAST_OK : READ_OK;
    }

    @Override
    public JsonNode okValue(Invocation invocation, Body reply) {
        return invocation.f().equals("broadcast") ? invocation.value() : reply.get("messages");
    }

    @Override
    public CheckResult check(History history, RunOptions options) {
        return SetFullChecker.check(history);
    }
}
