package glomers.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.runtime.testing.ManualRuntime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol as a node sees it: init, handlers, replies, and every kind of bad input. */
class NodeProtocolTest {
    private ManualRuntime runtime;
    private Node node;

    @BeforeEach
    void setUp() {
        runtime = new ManualRuntime();
        node = runtime.node();
        node.on("echo", req -> req.reply(Body.of("echo_ok").put("echo", req.body().get("echo"))));
    }

    private List<String> deliver(String line) {
        runtime.deliver(line);
        return runtime.takeSent();
    }

    private static void assertJson(String actualLine, String expectedJson) {
        assertThat(Json.parse(actualLine)).isEqualTo(Json.parse(expectedJson));
    }

    @Test
    void answersInitWithInitOkAndLearnsItsIds() {
        List<String> out = deliver("{\"id\":7,\"src\":\"c3\",\"dest\":\"n1\",\"body\":"
                + "{\"type\":\"init\",\"msg_id\":4,\"node_id\":\"n1\",\"node_ids\":[\"n0\",\"n1\",\"n2\"]}}");

        assertThat(out).hasSize(1);
        assertJson(out.get(0), "{\"src\":\"n1\",\"dest\":\"c3\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":4}}");
        assertThat(node.id()).isEqualTo("n1");
        assertThat(node.nodeIds()).containsExactly("n0", "n1", "n2");
        assertThat(node.peers()).containsExactly("n0", "n2");
    }

    @Test
    void runsInitHooksAfterInitOkAndBeforeAnyOtherMessage() {
        ManualRuntime rt = new ManualRuntime();
        Node n = rt.node();
        StringBuilder events = new StringBuilder();
        n.onInit(() -> events.append("hook(").append(n.id()).append(") "));
        n.on("ping", req -> events.append("ping "));

        rt.deliver(new Message("c0", "n0", Body.of("init").put("msg_id", 1).put("node_id", "n0")
                .put("node_ids", List.of("n0"))).toLine());

        assertThat(rt.takeSent()).hasSize(1);
        rt.deliver("c1", Body.of("ping"));
        assertThat(events.toString()).isEqualTo("hook(n0) ping ");
    }

    @Test
    void holdsMessagesThatArriveBeforeInitAndHandlesThemAfterIt() {
        deliver("{\"src\":\"n1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":9,\"echo\":\"early\"}}");
        assertThat(runtime.takeSent()).isEmpty();

        List<String> out = deliver(new Message("c0", "n0", Body.of("init").put("msg_id", 1).put("node_id", "n0")
                .put("node_ids", List.of("n0", "n1"))).toLine());

        assertThat(out).hasSize(2);
        assertJson(out.get(0), "{\"src\":\"n0\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1}}");
        assertJson(out.get(1), "{\"src\":\"n0\",\"dest\":\"n1\",\"body\":{\"type\":\"echo_ok\",\"echo\":\"early\",\"in_reply_to\":9}}");
    }

    @Test
    void rejectsAnInitWhoseNodeIdIsNotInNodeIdsAndStaysUninitialised() {
        List<String> out = deliver("{\"src\":\"c0\",\"dest\":\"n5\",\"body\":"
                + "{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n5\",\"node_ids\":[\"n0\"]}}");

        assertThat(out).hasSize(1);
        Message reply = Message.parse(out.get(0));
        assertThat(reply.body().type()).isEqualTo("error");
        assertThat(reply.body().getLong("code")).isEqualTo(12);
        assertThat(reply.body().getLong("in_reply_to")).isEqualTo(1);
        assertThat(node.initialised()).isFalse();
    }

    @Test
    void answersASecondInitWithAnErrorAndKeepsItsId() {
        runtime.init("n0", "n0");
        runtime.deliver("c9", Body.of("init").put("msg_id", 2).put("node_id", "n3").put("node_ids", List.of("n3")));

        Message reply = runtime.takeSentMessages().get(0);
        assertThat(reply.body().getLong("code")).isEqualTo(ErrorCode.PRECONDITION_FAILED.code());
        assertThat(node.id()).isEqualTo("n0");
    }

    @Test
    void repliesToEchoKeepingThePayloadsJsonTypes() {
        runtime.init("n0", "n0");
        String payload = "{\"s\":\"x\",\"i\":5,\"f\":5.0,\"n\":null,\"b\":true,\"a\":[1,\"1\",1.5]}";
        List<String> out = deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":3,\"echo\":" + payload + "}}");

        assertJson(out.get(0), "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"echo_ok\",\"echo\":" + payload + ",\"in_reply_to\":3}}");
        assertThat(out.get(0)).contains("\"f\":5.0").contains("\"i\":5,");
    }

    @Test
    void unknownTypeGetsNotSupported() {
        runtime.init("n0", "n0");
        List<String> out = deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"frobnicate\",\"msg_id\":2}}");

        Message reply = Message.parse(out.get(0));
        assertThat(reply.dest()).isEqualTo("c1");
        assertThat(reply.body().getString("type")).isEqualTo("error");
        assertThat(reply.body().getLong("code")).isEqualTo(10);
        assertThat(reply.body().getLong("in_reply_to")).isEqualTo(2);
        assertThat(reply.body().getString("text")).contains("frobnicate");
    }

    @Test
    void missingFieldGetsMalformedRequest() {
        runtime.init("n0", "n0");
        List<String> out = deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":2}}");

        assertJson(out.get(0), "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"error\",\"code\":12,"
                + "\"text\":\"missing field \\\"echo\\\"\",\"in_reply_to\":2}}");
    }

    @Test
    void fieldOfTheWrongTypeGetsMalformedRequest() {
        runtime.init("n0", "n0");
        node.on("add", req -> req.reply(Body.of("add_ok").put("got", req.body().getLong("delta"))));

        for (String delta : List.of("\"5\"", "5.0", "null", "[5]", "99999999999999999999")) {
            List<String> out = deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"add\",\"msg_id\":2,\"delta\":" + delta + "}}");
            Message reply = Message.parse(out.get(0));
            assertThat(reply.body().getLong("code")).as("delta " + delta).isEqualTo(12);
            assertThat(reply.body().getString("text")).contains("delta");
        }
        List<String> ok = deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"add\",\"msg_id\":3,\"delta\":5}}");
        assertThat(Message.parse(ok.get(0)).body().getLong("got")).isEqualTo(5);
    }

    @Test
    void bodyWithoutTypeGetsMalformedRequest() {
        runtime.init("n0", "n0");
        List<String> out = deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"msg_id\":2}}");

        assertThat(Message.parse(out.get(0)).body().getLong("code")).isEqualTo(12);
    }

    @Test
    void handlerExceptionGetsCrashAndIsLoggedWithItsStackTrace() {
        runtime.init("n0", "n0");
        node.on("boom", req -> {
            throw new IllegalStateException("kaboom");
        });
        List<String> out = deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"boom\",\"msg_id\":2}}");

        Message reply = Message.parse(out.get(0));
        assertThat(reply.body().getLong("code")).isEqualTo(13);
        assertThat(reply.body().getString("text")).contains("kaboom");
        assertThat(runtime.logs()).anySatisfy(l -> assertThat(l).contains("kaboom").contains("at glomers.runtime"));
    }

    @Test
    void aBrokenInvariantInAHandlerStillGetsACrashReply() {
        runtime.init("n0", "n0");
        node.on("check", req -> {
            throw new AssertionError("invariant violated");
        });
        List<String> out = deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"check\",\"msg_id\":2}}");

        assertThat(Message.parse(out.get(0)).body().getLong("code")).isEqualTo(13);
    }

    @Test
    void maelstromExceptionFromAHandlerIsRepliedWithItsCode() {
        runtime.init("n0", "n0");
        node.on("txn", req -> {
            throw MaelstromException.txnConflict("lost the race");
        });
        List<String> out = deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"txn\",\"msg_id\":8}}");

        assertJson(out.get(0), "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"error\",\"code\":30,"
                + "\"text\":\"lost the race\",\"in_reply_to\":8}}");
    }

    @Test
    void linesThatAreNotMessagesAreLoggedSkippedAndTheNodeKeepsServing() {
        runtime.init("n0", "n0");
        List<String> bad = List.of(
                "this is not json",
                "{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\"",
                "[1,2,3]",
                "42",
                "{\"src\":\"c1\",\"dest\":\"n0\"}",
                "{\"src\":\"c1\",\"dest\":\"n0\",\"body\":[1]}",
                "{\"src\":1,\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":1,\"echo\":1}}",
                "{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":1,\"echo\":1}} trailing",
                "");
        for (String line : bad) {
            assertThat(deliver(line)).as(line).isEmpty();
        }
        assertThat(runtime.logs()).filteredOn(l -> l.contains("skipping a line")).hasSize(bad.size());

        List<String> out = deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":5,\"echo\":\"still here\"}}");
        assertJson(out.get(0), "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":{\"type\":\"echo_ok\",\"echo\":\"still here\",\"in_reply_to\":5}}");
    }

    @Test
    void aMessageWithoutMsgIdIsHandledButItsFailureIsOnlyLogged() {
        runtime.init("n0", "n0");
        List<String> out = deliver("{\"src\":\"n1\",\"dest\":\"n0\",\"body\":{\"type\":\"gossip\"}}");

        assertThat(out).isEmpty();
        assertThat(runtime.logs()).anySatisfy(l -> assertThat(l).contains("gossip").contains("not-supported"));
    }

    @Test
    void aSecondReplyToTheSameRequestIsDroppedAndLogged() {
        runtime.init("n0", "n0");
        node.on("twice", req -> {
            req.reply(Body.of("twice_ok"));
            req.reply(Body.of("twice_ok"));
        });
        List<String> out = deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"twice\",\"msg_id\":2}}");

        assertThat(out).hasSize(1);
        assertThat(runtime.logs()).anySatisfy(l -> assertThat(l).contains("second reply"));
    }

    @Test
    void handlerRegistrationRejectsInitAndDuplicates() {
        assertThatThrownBy(() -> node.on("init", req -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node.on("echo", req -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sendingBeforeInitIsAProgrammingErrorWithAClearMessage() {
        assertThatThrownBy(() -> node.send("n1", Body.of("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before init");
    }

    /**
     * The bench's in-process network hands a node the message it has already read instead of its
     * line: the node must do exactly what it does with the line, and read the line only to log.
     */
    @Test
    void answersAMessageAlreadyReadExactlyAsItAnswersItsLine() {
        List<String> lines = List.of(
                "{\"src\":\"n1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":9,\"echo\":\"early\"}}", // held until init
                "{\"id\":3,\"src\":\"c0\",\"dest\":\"n0\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n0\",\"node_ids\":[\"n0\",\"n1\"]}}",
                "{\"id\":4,\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":2,\"echo\":[1,2.5,\"x\"]}}",
                "{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"nope\",\"msg_id\":3}}", // not supported: error 10
                "{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":4}}", // malformed: error 12
                "{\"src\":\"n1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo_ok\",\"in_reply_to\":77}}", // a reply nobody awaits: logged
                "{\"src\":\"n1\",\"dest\":\"n0\",\"body\":{\"type\":\"boom\"}}"); // throws, no msg_id: logged
        ManualRuntime byLine = new ManualRuntime();
        ManualRuntime byMessage = new ManualRuntime();
        for (ManualRuntime rt : List.of(byLine, byMessage)) {
            rt.node().on("echo", req -> req.reply(Body.of("echo_ok").put("echo", req.body().get("echo"))));
            rt.node().on("boom", req -> {
                throw new IllegalStateException("boom");
            });
        }
        int[] linesRead = new int[1];
        for (String line : lines) {
            byLine.deliver(line);
            byMessage.node().receive(Message.parse(line), () -> {
                linesRead[0]++;
                return line;
            });
            byMessage.advance(java.time.Duration.ZERO); // runs what the message queued, as deliver does

            assertThat(byMessage.takeSent()).as(line).isEqualTo(byLine.takeSent());
        }
        // A logged stack trace names the method that took the message; the first lines are the same.
        assertThat(byMessage.logs().stream().map(l -> l.lines().findFirst().orElseThrow()))
                .containsExactlyElementsOf(byLine.logs().stream().map(l -> l.lines().findFirst().orElseThrow()).toList())
                .hasSize(2);
        assertThat(linesRead[0]).as("read before init (2) and not otherwise").isEqualTo(2);
    }
}
