package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.harness.run.RunOptions;
import glomers.runtime.Body;
import glomers.runtime.Json;
import java.util.Map;
import java.util.Random;

/**
 * Challenge 1 (spec §3.1). Every operation sends {@code "Please echo <k>"}, k uniform in 0–127,
 * and expects it back in {@code echo_ok}. No final phase; nothing is idempotent.
 *
 * <p>Checker: each invocation is paired with its ok or fail completion (an info one leaves it
 * unchecked); any pair whose completion does not carry exactly the payload sent is an error.
 * A fail counts as an error too, since its value is not an echo: Maelstrom's checker does the
 * same.
 */
public final class EchoWorkload implements Workload {
    private static final ReplySchema ECHO_OK = new ReplySchema("echo_ok", Map.of("echo", ReplySchema.ANY));

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public boolean reusableClients() {
        return false;
    }

    @Override
    public Invocation next(Random random) {
        return new Invocation("echo", TextNode.valueOf("Please echo " + random.nextInt(128)));
    }

    @Override
    public Body request(Invocation invocation) {
        return Body.of("echo").put("echo", invocation.value());
    }

    @Override
    public ReplySchema replySchema(String f) {
        return ECHO_OK;
    }

    @Override
    public JsonNode okValue(Invocation invocation, Body reply) {
        return reply.get("echo");
    }

    @Override
    public CheckResult check(History history, RunOptions options) {
        ArrayNode errors = Json.mapper().createArrayNode();
        for (Op invoke : history.clientInvocations()) {
            Op completion = history.completionOf(invoke);
            if (completion == null || completion.type() == Op.Type.INFO) {
                continue;
            }
            boolean echoed = completion.isOk() && completion.value() != null
                    && Json.sameValue(completion.value(), invoke.value());
            if (!echoed) {
                ObjectNode error = errors.addObject();
                error.set("expected", invoke.value());
                error.put("type", completion.type().jepsenName());
                error.set("received", completion.value());
            }
        }
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("valid?", errors.isEmpty());
        details.set("errors", errors);
        return new CheckResult(Validity.of(errors.isEmpty()), details);
    }
}
