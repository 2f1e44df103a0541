package glomers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.testing.ManualRuntime;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RPCs with futures and timeouts, and timers, on a manual clock. */
class RpcAndTimerTest {
    private ManualRuntime runtime;
    private Node node;

    @BeforeEach
    void setUp() {
        runtime = new ManualRuntime();
        node = runtime.node();
        runtime.init("n0", "n0", "n1");
    }

    private Message onlySent() {
        List<Message> sent = runtime.takeSentMessages();
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }

    private void replyFrom(String src, long inReplyTo, Body body) {
        runtime.deliver(src, body.put("in_reply_to", inReplyTo));
    }

    @Test
    void routesTheReplyToTheFutureOfItsRequest() {
        Future<Body> first = node.rpc("n1", Body.of("ping").put("n", 1));
        Future<Body> second = node.rpc("n1", Body.of("ping").put("n", 2));
        List<Message> sent = runtime.takeSentMessages();
        long firstId = sent.get(0).body().getLong("msg_id");
        long secondId = sent.get(1).body().getLong("msg_id");

        replyFrom("n1", secondId, Body.of("pong").put("n", 2));
        replyFrom("n1", firstId, Body.of("pong").put("n", 1));

        assertThat(first.result().getLong("n")).isEqualTo(1);
        assertThat(second.result().getLong("n")).isEqualTo(2);
        assertThat(node.pendingRpcCount()).isZero();
        assertThat(runtime.pendingTimers()).as("timeout timers cancelled").isZero();
    }

    @Test
    void messageIdsAreUniqueAndIncreasing() {
        for (int i = 0; i < 5; i++) {
            node.rpc("n1", Body.of("ping"));
        }
        List<Long> ids = runtime.takeSentMessages().stream().map(m -> m.body().getLong("msg_id")).toList();
        assertThat(ids).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void anErrorReplyFailsTheFutureWithItsCode() {
        Future<Body> reply = node.rpc("n1", Body.of("read"));
        long msgId = onlySent().body().getLong("msg_id");

        replyFrom("n1", msgId, Body.of("error").put("code", 20).put("text", "no such key"));

        assertThat(reply.failed()).isTrue();
        MaelstromException error = (MaelstromException) reply.cause();
        assertThat(error.code()).isEqualTo(20);
        assertThat(error.is(ErrorCode.KEY_DOES_NOT_EXIST)).isTrue();
        assertThat(error.definite()).isTrue();
        assertThat(error.text()).isEqualTo("no such key");
    }

    @Test
    void timesOutWithCodeZeroAndKeepsNothingForALateReply() {
        Future<Body> reply = node.rpc("n1", Body.of("ping"), Duration.ofMillis(500));
        long msgId = onlySent().body().getLong("msg_id");

        runtime.advance(Duration.ofMillis(499));
        assertThat(reply.isComplete()).isFalse();
        runtime.advance(Duration.ofMillis(1));

        assertThat(reply.failed()).isTrue();
        assertThat(((MaelstromException) reply.cause()).is(ErrorCode.TIMEOUT)).isTrue();
        assertThat(((MaelstromException) reply.cause()).definite()).isFalse();
        assertThat(node.pendingRpcCount()).isZero();
        assertThat(runtime.pendingTimers()).isZero();

        replyFrom("n1", msgId, Body.of("pong"));
        assertThat(runtime.takeSent()).isEmpty();
        assertThat(runtime.logs()).anySatisfy(l -> assertThat(l).contains("dropping a reply no RPC is waiting for"));
        assertThat(node.pendingRpcCount()).isZero();
    }

    @Test
    void aReplyFromTheWrongNodeIsDroppedAndTheRpcStillWaits() {
        Future<Body> reply = node.rpc("n1", Body.of("ping"));
        long msgId = onlySent().body().getLong("msg_id");

        replyFrom("n2", msgId, Body.of("pong"));
        assertThat(reply.isComplete()).isFalse();

        replyFrom("n1", msgId, Body.of("pong"));
        assertThat(reply.succeeded()).isTrue();
    }

    @Test
    void anRpcToANodeOutsideNodeIdsSendsNothingAndFailsWithNodeNotFound() {
        List<String> order = new ArrayList<>();
        Future<Body> reply = node.rpc("n3", Body.of("ping"));
        reply.onFailure(e -> order.add("failed"));
        order.add("rpc returned");
        assertThat(order).as("the failure comes on the node's next turn, not inside rpc()").containsExactly("rpc returned");

        runtime.advance(Duration.ZERO); // the node's next turn

        assertThat(order).containsExactly("rpc returned", "failed");
        MaelstromException error = (MaelstromException) reply.cause();
        assertThat(error.is(ErrorCode.NODE_NOT_FOUND)).isTrue();
        assertThat(error.definite()).isTrue();
        assertThat(error.text()).contains("n3");
        assertThat(runtime.takeSent()).isEmpty();
        assertThat(node.pendingRpcCount()).isZero();
        assertThat(runtime.pendingTimers()).as("no timeout timer left behind").isZero();
    }

    @Test
    void sendDropsMessagesToANodeOutsideNodeIdsAndLogsTheNameOnce() {
        node.send("n3", Body.of("gossip"));
        node.send("n3", Body.of("gossip"));
        node.send("n1", Body.of("gossip"));

        assertThat(runtime.takeSentMessages()).extracting(Message::dest).containsExactly("n1");
        assertThat(runtime.logs()).filteredOn(l -> l.contains("n3")).singleElement()
                .satisfies(l -> assertThat(l).contains("not sending \"gossip\" to n3").contains("[n0, n1]"));
    }

    @Test
    void servicesClientsAndEveryNodeOfNodeIdsAreValidDestinations() {
        for (String dest : List.of("n0", "n1", "lin-kv", "seq-kv", "lww-kv", "lin-tso", "c7")) {
            assertThat(node.isValidDestination(dest)).as(dest).isTrue();
            node.send(dest, Body.of("x"));
        }
        assertThat(runtime.takeSentMessages()).hasSize(7);
        for (String dest : List.of("n2", "N1", "kv", "", "n1 ")) {
            assertThat(node.isValidDestination(dest)).as(dest).isFalse();
        }
        assertThat(runtime.logs()).isEmpty();
    }

    @Test
    void callbacksRunInOrderAndAFailingCallbackDoesNotStopTheNode() {
        List<String> events = new ArrayList<>();
        node.rpc("n1", Body.of("ping"))
                .onSuccess(b -> events.add("first"))
                .onSuccess(b -> {
                    throw new IllegalStateException("callback bug");
                });
        long msgId = onlySent().body().getLong("msg_id");
        replyFrom("n1", msgId, Body.of("pong"));
        events.add("after");

        node.on("echo", req -> req.reply(Body.of("echo_ok").put("echo", req.body().get("echo"))));
        runtime.deliver("c1", Body.of("echo").put("msg_id", 1).put("echo", "x"));
        assertThat(events).containsExactly("first", "after");
        assertThat(runtime.takeSentMessages()).hasSize(1);
    }

    @Test
    void afterRunsOnceAtItsTimeAndCanBeCancelled() {
        List<Long> fired = new ArrayList<>();
        long start = runtime.nowMillis();
        node.after(Duration.ofMillis(100), () -> fired.add(node.now() - start));
        Timer cancelled = node.after(Duration.ofMillis(50), () -> fired.add(-1L));
        cancelled.cancel();

        runtime.advance(Duration.ofMillis(99));
        assertThat(fired).isEmpty();
        runtime.advance(Duration.ofSeconds(10));
        assertThat(fired).containsExactly(100L);
        assertThat(runtime.pendingTimers()).isZero();
    }

    @Test
    void everyRepeatsAtItsPeriodUntilCancelledAndSurvivesAFailingRun() {
        List<Long> fired = new ArrayList<>();
        long start = runtime.nowMillis();
        Timer[] timer = new Timer[1];
        timer[0] = node.every(Duration.ofMillis(200), () -> {
            fired.add(node.now() - start);
            if (fired.size() == 2) {
                throw new IllegalStateException("one bad run");
            }
            if (fired.size() == 4) {
                timer[0].cancel();
            }
        });

        runtime.advance(Duration.ofSeconds(5));

        assertThat(fired).containsExactly(200L, 400L, 600L, 800L);
        assertThat(runtime.pendingTimers()).isZero();
        assertThat(runtime.logs()).anySatisfy(l -> assertThat(l).contains("one bad run"));
    }

    @Test
    void timersDueAtTheSameTimeFireInTheOrderTheyWereSet() {
        List<String> fired = new ArrayList<>();
        node.after(Duration.ofMillis(10), () -> fired.add("a"));
        node.after(Duration.ofMillis(10), () -> fired.add("b"));
        node.after(Duration.ofMillis(5), () -> fired.add("c"));

        runtime.advance(Duration.ofMillis(10));
        assertThat(fired).containsExactly("c", "a", "b");
    }

    @Test
    void randomnessAndTimeComeFromTheRuntimeSoASeedReplays() {
        ManualRuntime a = new ManualRuntime(42, 1_000);
        ManualRuntime b = new ManualRuntime(42, 1_000);
        assertThat(a.node().random().nextLong()).isEqualTo(b.node().random().nextLong());
        assertThat(a.node().now()).isEqualTo(1_000);
    }
}
