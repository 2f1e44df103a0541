package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import glomers.harness.check.CheckResult;
import glomers.harness.history.History;
import glomers.harness.run.RunOptions;
import glomers.harness.workload.counter.CounterChecker;
import glomers.runtime.Body;
import java.util.Map;
import java.util.Random;

/**
 * Challenge 4, g-counter (spec §3.4). Maelstrom draws from pn-counter's mix (half reads, half
 * adds with a delta uniform in −5…4) and drops the negative adds, so about a third of the
 * operations are adds with a delta in 0…4 (0 included) and two thirds are reads. These clients
 * do not use the error wrapper: every error or timeout is an info, never a fail. After the
 * heal and 10 s of quiet each worker reads once; every final read must be the acknowledged
 * total plus some subset of the adds whose outcome is unknown.
 */
public final class CounterWorkload implements Workload {
    private static final ReplySchema ADD_OK = new ReplySchema("add_ok", Map.of());
    private static final ReplySchema READ_OK = new ReplySchema("read_ok", Map.of("value", ReplySchema.INTEGER));

    @Override
    public String name() {
        return "g-counter";
    }

    @Override
    public boolean reusableClients() {
        return false;
    }

    @Override
    public boolean usesErrorWrapper() {
        return false;
    }

    @Override
    public Invocation next(Random random) {
        while (true) {
            if (random.nextBoolean()) {
                return Invocation.read();
            }
            int delta = random.nextInt(10) - 5;
            if (delta >= 0) {
                return new Invocation("add", IntNode.valueOf(delta));
            }
        }
    }

    @Override
    public boolean hasFinalPhase() {
        return true;
    }

    @Override
    public Body request(Invocation invocation) {
        return invocation.f().equals("add")
                ? Body.of("add").put("delta", invocation.value())
                : Body.of("read");
    }

    @Override
    public ReplySchema replySchema(String f) {
        return f.equals("add") ? ADD_OK : READ_OK;
    }

    @Override
    public JsonNode okValue(Invocation invocation, Body reply) {
        return invocation.f().equals("add") ? invocation.value() : reply.get("value");
    }

    @Override
    public CheckResult check(History history, RunOptions options) {
        return CounterChecker.check(history);
    }
}
