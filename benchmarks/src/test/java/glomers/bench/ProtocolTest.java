package glomers.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    @Test
    void theSingleNodeInitIsExactlyTheDocumentedLine() {
        assertThat(Protocol.initRequest("n0", List.of("n0"))).isEqualTo(
                "{\"id\":0,\"src\":\"c0\",\"dest\":\"n0\",\"body\":{\"type\":\"init\",\"msg_id\":1,"
                        + "\"node_id\":\"n0\",\"node_ids\":[\"n0\"]}}");
    }

    @Test
    void aClusterInitListsEveryNode() {
        assertThat(Protocol.nodeIds(3)).containsExactly("n0", "n1", "n2");
        assertThat(Protocol.initRequest("n2", Protocol.nodeIds(3)))
                .contains("\"dest\":\"n2\"", "\"node_id\":\"n2\"", "\"node_ids\":[\"n0\",\"n1\",\"n2\"]");
    }

    @Test
    void anEchoRequestCarriesItsNumberTwice() {
        assertThat(Protocol.echoRequest(7)).isEqualTo(
                "{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":7,"
                        + "\"echo\":\"Please echo 7\"}}");
    }

    @Test
    void initOkMustReplyToMessageOne() {
        assertThat(Protocol.isInitOk(
                "{\"src\":\"n0\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1}}")).isTrue();
        assertThat(Protocol.isInitOk("{\"body\": {\"in_reply_to\": 1, \"type\": \"init_ok\"}}")).isTrue();
        assertThat(Protocol.isInitOk("{\"body\":{\"type\":\"init_ok\",\"in_reply_to\":12}}")).isFalse();
        assertThat(Protocol.isInitOk("{\"body\":{\"type\":\"init_ok\"}}")).isFalse();
        assertThat(Protocol.isInitOk("{\"body\":{\"type\":\"error\",\"in_reply_to\":1}}")).isFalse();
        assertThat(Protocol.isInitOk(null)).isFalse();
    }

    @Test
    void inReplyToIsParsedOrMinusOne() {
        assertThat(Protocol.inReplyTo("{\"body\":{\"type\":\"echo_ok\",\"in_reply_to\":99999}}")).isEqualTo(99999);
        assertThat(Protocol.inReplyTo("{\"body\":{\"type\":\"echo_ok\"}}")).isEqualTo(-1);
        assertThat(Protocol.inReplyTo("{\"in_reply_to\":99999999999999999999999}")).isEqualTo(-1);
    }

    @Test
    void anEchoOkMustCarryTheTextOfItsRequest() {
        String reply = "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"echo_ok\",\"echo\":\"Please echo 12\","
                + "\"in_reply_to\":12}}";
        assertThat(Protocol.isEchoOkFor(reply, 12)).isTrue();
        assertThat(Protocol.isEchoOkFor(reply, 1)).isFalse();
        assertThat(Protocol.isEchoOkFor(reply.replace("echo_ok", "error"), 12)).isFalse();
    }

    @Test
    void aWrongInitReplyFailsTheBenchmark() {
        assertThatThrownBy(() -> Protocol.requireInitOk("node n0", "{\"body\":{\"type\":\"error\"}}"))
                .isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("node n0");
    }
}
