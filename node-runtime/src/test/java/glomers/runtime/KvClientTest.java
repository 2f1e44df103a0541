package glomers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.testing.ManualRuntime;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The KV clients against a scripted service: the test plays seq-kv / lin-kv / lww-kv. */
class KvClientTest {
    private ManualRuntime runtime;
    private Node node;

    @BeforeEach
    void setUp() {
        runtime = new ManualRuntime();
        node = runtime.node();
        runtime.init("n0", "n0");
    }

    /** Takes the one request the node sent, checks it went to {@code service}, answers with {@code reply}. */
    private Body answer(String service, Body reply) {
        List<Message> sent = runtime.takeSentMessages();
        assertThat(sent).hasSize(1);
        Message request = sent.get(0);
        assertThat(request.dest()).isEqualTo(service);
        runtime.deliver(service, reply.put("in_reply_to", request.body().getLong("msg_id")));
        return request.body();
    }

    @Test
    void readReturnsTheValueWithItsJsonTypeIntact() {
        Future<Optional<JsonNode>> read = node.seqKv().read("counter");
        Body request = answer("seq-kv", Body.of("read_ok").put("value", Json.parse("5.0")));

        assertThat(request.getString("type")).isEqualTo("read");
        assertThat(request.getString("key")).isEqualTo("counter");
        JsonNode value = read.result().orElseThrow();
        assertThat(value.isDouble()).isTrue();
        assertThat(value).isNotEqualTo(Json.parse("5"));
    }

    @Test
    void aMissingKeyIsAnEmptyValueNotAFailure() {
        Future<Optional<JsonNode>> read = node.linKv().read(7);
        Body request = answer("lin-kv", Body.of("error").put("code", 20).put("text", "key does not exist"));

        assertThat(request.get("key").isInt()).isTrue();
        assertThat(read.succeeded()).isTrue();
        assertThat(read.result()).isEmpty();
    }

    @Test
    void otherReadFailuresFailTheFuture() {
        Future<Optional<JsonNode>> read = node.lwwKv().read("k");
        answer("lww-kv", Body.of("error").put("code", 11).put("text", "busy"));

        assertThat(read.failed()).isTrue();
        assertThat(MaelstromException.hasCode(read.cause(), ErrorCode.TEMPORARILY_UNAVAILABLE)).isTrue();
    }

    @Test
    void aReadOkWithoutValueIsAMalformedReply() {
        Future<Optional<JsonNode>> read = node.linKv().read("k");
        answer("lin-kv", Body.of("read_ok"));

        assertThat(MaelstromException.hasCode(read.cause(), ErrorCode.MALFORMED_REQUEST)).isTrue();
    }

    @Test
    void writeSendsKeyAndValueAsJson() {
        Future<Void> write = node.linKv().write("k", Map.of("a", List.of(1, 2)));
        Body request = answer("lin-kv", Body.of("write_ok"));

        assertThat(request.get("value")).isEqualTo(Json.parse("{\"a\":[1,2]}"));
        assertThat(write.succeeded()).isTrue();
    }

    @Test
    void casSendsFromToAndTheCreateFlagOnlyWhenAsked() {
        Future<Void> plain = node.seqKv().cas("k", 1, 2);
        Body plainRequest = answer("seq-kv", Body.of("cas_ok"));
        Future<Void> creating = node.seqKv().cas("k", 0, 3, true);
        Body creatingRequest = answer("seq-kv", Body.of("cas_ok"));

        assertThat(plainRequest.getLong("from")).isEqualTo(1);
        assertThat(plainRequest.getLong("to")).isEqualTo(2);
        assertThat(plainRequest.has("create_if_not_exists")).isFalse();
        assertThat(creatingRequest.getBoolean("create_if_not_exists")).isTrue();
        assertThat(plain.succeeded()).isTrue();
        assertThat(creating.succeeded()).isTrue();
    }

    @Test
    void casPreconditionFailureCarriesCode22() {
        Future<Void> cas = node.linKv().cas("k", 1, 2);
        answer("lin-kv", Body.of("error").put("code", 22).put("text", "current value 5 is not 1"));

        assertThat(MaelstromException.hasCode(cas.cause(), ErrorCode.PRECONDITION_FAILED)).isTrue();
    }

    @Test
    void anUnansweredKvRequestTimesOut() {
        Future<Void> write = node.seqKv().withTimeout(Duration.ofMillis(300)).write("k", 1);
        runtime.takeSent();
        runtime.advance(Duration.ofMillis(300));

        assertThat(MaelstromException.hasCode(write.cause(), ErrorCode.TIMEOUT)).isTrue();
        assertThat(node.pendingRpcCount()).isZero();
    }
}
