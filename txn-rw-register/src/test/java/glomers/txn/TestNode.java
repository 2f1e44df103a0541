package glomers.txn;

import glomers.runtime.Body;
import glomers.runtime.Json;
import glomers.runtime.Message;
import glomers.runtime.NodeProgram;
import glomers.runtime.testing.ManualRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: one node on a manual runtime, initialised, that keeps what it sends to other
 * nodes apart from what it answers the test's client. Transactions are written with single
 * quotes for readability: {@code txn("[['r',3,null],['w',3,7]]")}.
 */
final class TestNode {
    static final String CLIENT = "c9";

    final ManualRuntime runtime;
    final String id;
    private final List<Message> toNodes = new ArrayList<>();
    private long nextMsgId = 1;

    private TestNode(ManualRuntime runtime, String id) {
        this.runtime = runtime;
        this.id = id;
    }

    /** Node {@code id} of {@code ids}, running {@code program}, initialised. */
    static TestNode start(NodeProgram program, String id, List<String> ids) {
        ManualRuntime runtime = new ManualRuntime();
        program.install(runtime.node());
        runtime.init(id, ids.toArray(String[]::new));
        return new TestNode(runtime, id);
    }

    static TestNode start(Strategy strategy, String id, List<String> ids) {
        return start(new TxnNode(strategy), id, ids);
    }

    /** JSON written with single quotes, as JSON. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** Runs a transaction from the client; returns the reply body ({@code txn_ok} or an error). */
    Body txn(String singleQuotedTxn) {
        return request(Body.of("txn").put("txn", Json.parse(json(singleQuotedTxn))));
    }

    /** The reply's {@code txn} as compact JSON with single quotes, e.g. {@code [['r',3,7]]}. */
    String txnOk(String singleQuotedTxn) {
        Body reply = txn(singleQuotedTxn);
        if (!"txn_ok".equals(reply.type())) {
            throw new AssertionError("expected txn_ok, got " + reply);
        }
        return reply.get("txn").toString().replace('"', '\'');
    }

    /** The value a read-only transaction of {@code key} sees now, or null. */
    Long read(long key) {
        Body reply = txn("[['r'," + key + ",null]]");
        var value = reply.get("txn").get(0).get(2);
        return value.isNull() ? null : value.longValue();
    }

    /** Sends {@code body} from the client with the next msg_id and returns the reply to it. */
    Body request(Body body) {
        long msgId = nextMsgId++;
        runtime.deliver(CLIENT, body.put("msg_id", msgId));
        Body reply = null;
        for (Message message : runtime.takeSentMessages()) {
            if (message.dest().equals(CLIENT) && message.body().inReplyTo().orElse(-1) == msgId) {
                reply = message.body();
            } else {
                toNodes.add(message);
            }
        }
        if (reply == null) {
            throw new AssertionError("no reply to " + body);
        }
        return reply;
    }

    /** Hands this node a message from another node. */
    void receive(Message message) {
        runtime.deliver(message.toLine());
        toNodes.addAll(runtime.takeSentMessages());
    }

    void advance(Duration duration) {
        runtime.advance(duration);
        toNodes.addAll(runtime.takeSentMessages());
    }

    /** What this node has sent to other nodes since the last call, oldest first. */
    List<Message> takeToNodes() {
        List<Message> taken = List.copyOf(toNodes);
        toNodes.clear();
        return taken;
    }

    static List<Message> ofType(List<Message> messages, String type) {
        return messages.stream().filter(m -> type.equals(m.body().type())).toList();
    }
}
