package glomers.harness.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import org.junit.jupiter.api.Test;

/** Jepsen's unhandled-exceptions over the bench's malformed replies. */
class ExceptionsCheckerTest {
    private static final String MALFORMED = "malformed RPC response: unexpected field \"mood\": {\"type\":\"echo_ok\"}";

    /** One client operation on process {@code process}, completed as given. */
    private static void op(History history, int process, Op.Type type, String error) {
        Op invoke = history.invoke(history.ops().size(), process, "echo", TextNode.valueOf("Please echo 1"), false);
        history.complete(invoke, history.ops().size(), type, invoke.value(), error);
    }

    @Test
    void malformedRepliesAreCountedUnderOneClassWithTheFirstAsExample() {
        History history = new History();
        op(history, 0, Op.Type.OK, null);
        op(history, 0, Op.Type.INFO, "net-timeout");
        op(history, 1, Op.Type.INFO, MALFORMED);
        op(history, 1, Op.Type.FAIL, "[temporarily-unavailable ]");
        op(history, 2, Op.Type.INFO, MALFORMED + " again");
        history.nemesis(history.ops().size(), "start-partition", TextNode.valueOf(MALFORMED));

        CheckResult result = StandardCheckers.exceptions(history);

        assertThat(result.validity()).as("always valid").isEqualTo(Validity.VALID);
        assertThat(result.details().get("valid?").asBoolean()).isTrue();
        JsonNode exceptions = result.details().get("exceptions");
        assertThat(exceptions).hasSize(1);
        assertThat(exceptions.at("/0/class").asText()).isEqualTo("malformed-rpc-response");
        assertThat(exceptions.at("/0/count").asInt()).isEqualTo(2);
        assertThat(exceptions.at("/0/example/error").asText()).isEqualTo(MALFORMED);
        assertThat(exceptions.at("/0/example/type").asText()).isEqualTo(":info");
    }

    @Test
    void aHistoryWithoutExceptionsHasNoExceptionsKey() {
        History history = new History();
        op(history, 0, Op.Type.OK, null);
        op(history, 0, Op.Type.INFO, "net-timeout");
        op(history, 1, Op.Type.FAIL, MALFORMED); // only an :info completion stands for an exception

        CheckResult result = StandardCheckers.exceptions(history);

        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.details().has("exceptions")).isFalse();
    }
}
