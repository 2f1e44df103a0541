package glomers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.service.LinKv;
import glomers.runtime.Body;
import glomers.runtime.Message;
import glomers.runtime.testing.ManualRuntime;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A tiny simulation for tests: kafka-log nodes, each on its own {@link ManualRuntime}, their clocks
 * moved together one millisecond at a time, messages delivered at once (Maelstrom's
 * {@code --latency 0}), and the bench's lin-kv service. Not the bench: no workload, no checker;
 * a test plays the clients and checks what they are told.
 */
final class Cluster {
    private final Map<String, ManualRuntime> nodes = new LinkedHashMap<>();
    private final LinKv linKv = new LinKv();
    /** Replies to clients, by client and the msg_id they answer. */
    private final Map<String, Body> toClients = new HashMap<>();
    /** Messages for which this is true are dropped on their way (a partition, a lost reply). */
    private Predicate<Message> drop = m -> false;
    private long serverMessages;
    private long nextMsgId = 1_000;

    Cluster(Strategy strategy, int nodeCount) {
        String[] ids = new String[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            ids[i] = "n" + i;
        }
        for (String id : ids) {
            ManualRuntime runtime = new ManualRuntime(id.hashCode(), ManualRuntime.DEFAULT_START_MILLIS);
            new KafkaLogNode(strategy).install(runtime.node());
            runtime.init(id, ids);
            nodes.put(id, runtime);
        }
    }

    ManualRuntime node(String id) {
        return nodes.get(id);
    }

    /** From now on, messages matching {@code rule} are lost (pass {@code m -> false} to heal). */
    void drop(Predicate<Message> rule) {
        this.drop = rule;
    }

    /** A rule that cuts node {@code a} off from node {@code b}, both ways. */
    static Predicate<Message> between(String a, String b) {
        return m -> m.src().equals(a) && m.dest().equals(b) || m.src().equals(b) && m.dest().equals(a);
    }

    /**
     * Messages sent so far between nodes, and between nodes and lin-kv, lost ones included:
     * what Maelstrom's {@code :net :servers :msg-count} counts.
     */
    long serverMessages() {
        return serverMessages;
    }

    LinKv linKv() {
        return linKv;
    }

    /** Sends a client request (a fresh msg_id is put in) and returns that msg_id. */
    long request(String client, String node, Body body) {
        long msgId = nextMsgId++;
        nodes.get(node).deliver(client, body.put("msg_id", msgId));
        route();
        return msgId;
    }

    /** The reply to a client request, if it has come. */
    Optional<Body> reply(String client, long msgId) {
        return Optional.ofNullable(toClients.get(client + " " + msgId));
    }

    /** Sends a request and moves the clocks until its reply comes, at most {@code within}. */
    Body call(String client, String node, Body body, Duration within) {
        long msgId = request(client, node, body);
        for (long waited = 0; reply(client, msgId).isEmpty() && waited < within.toMillis(); waited++) {
            advance(Duration.ofMillis(1));
        }
        Optional<Body> reply = reply(client, msgId);
        assertThat(reply).as("a reply to %s from %s within %s", body, node, within).isPresent();
        return reply.get();
    }

    /** {@link #call(String, String, Body, Duration)} with a wait far above any forward or lin-kv retry. */
    Body call(String client, String node, Body body) {
        return call(client, node, body, Duration.ofSeconds(5));
    }

    /** Moves every node's clock on by {@code duration}, a millisecond at a time, delivering what they send. */
    void advance(Duration duration) {
        for (long ms = 0; ms < duration.toMillis(); ms++) {
            for (ManualRuntime runtime : nodes.values()) {
                runtime.advance(Duration.ofMillis(1));
            }
            route();
        }
    }

    /** Delivers everything the nodes have sent, and what that makes them send, until they are quiet. */
    private void route() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (ManualRuntime runtime : nodes.values()) {
                for (Message message : runtime.takeSentMessages()) {
                    moved = true;
                    deliver(message);
                }
            }
        }
    }

    private void deliver(Message message) {
        String dest = message.dest();
        if (dest.startsWith("c")) {
            toClients.put(dest + " " + message.body().inReplyTo().orElse(-1), message.body());
            return;
        }
        serverMessages++;
        if (drop.test(message)) {
            return;
        }
        if (dest.equals(LinKv.ID)) {
            Body reply = linKv.handle(message.src(), message.body());
            reply.put("in_reply_to", message.body().msgId().orElseThrow());
            Message answer = new Message(LinKv.ID, message.src(), reply);
            serverMessages++;
            if (!drop.test(answer)) {
                nodes.get(message.src()).deliver(answer.toLine());
            }
            return;
        }
        nodes.get(dest).deliver(message.toLine());
    }

    // ---- client requests ----

    static Body send(String key, Object msg) {
        return Body.of("send").put("key", key).put("msg", msg);
    }

    static Body poll(Map<String, Long> offsets) {
        return Body.of("poll").put("offsets", offsets);
    }

    static Body commit(Map<String, Long> offsets) {
        return Body.of("commit_offsets").put("offsets", offsets);
    }

    static Body listCommitted(List<String> keys) {
        return Body.of("list_committed_offsets").put("keys", keys);
    }
}
