package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import glomers.harness.check.Validity;
import glomers.harness.net.Latency;
import glomers.harness.reference.ReferenceBroadcast;
import glomers.harness.workload.BroadcastWorkload;
import glomers.harness.workload.CounterWorkload;
import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import glomers.runtime.Request;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Whole in-process runs of broadcast and g-counter: the checkers pass simple correct nodes and
 * catch deliberately broken ones.
 */
class BroadcastAndCounterBenchTest {

    /** Correct under partitions: every value to every peer, every 200 ms. */
    static final NodeProgram ANTI_ENTROPY_BROADCAST = new ReferenceBroadcast();

    /**
     * Keeps what it was sent and never tells anyone. {@code topology} answers the topology;
     * {@code messages} makes read_ok's field from the values.
     */
    static NodeProgram keepsToItself(BiConsumer<Node, Request> topology, Function<Set<Long>, Object> messages) {
        return node -> {
            Set<Long> values = new TreeSet<>();
            node.on("topology", req -> topology.accept(node, req));
            node.on("broadcast", req -> {
                values.add(req.body().getLong("message"));
                req.reply(Body.of("broadcast_ok"));
            });
            node.on("read", req -> req.reply(Body.of("read_ok").put("messages", messages.apply(values))));
        };
    }

    static final NodeProgram NEVER_GOSSIPS = keepsToItself((node, req) -> req.reply(Body.of("topology_ok")), values -> values);

    /** Forwards each new value once to every peer, fire and forget: a partition loses it for good. */
    static final NodeProgram SENDS_ONCE = node -> {
        Set<Long> values = new TreeSet<>();
        node.on("topology", req -> req.reply(Body.of("topology_ok")));
        node.on("broadcast", req -> {
            long value = req.body().getLong("message");
            if (values.add(value)) {
                node.peers().forEach(peer -> node.send(peer, Body.of("forward").put("value", value)));
            }
            req.reply(Body.of("broadcast_ok"));
        });
        node.on("forward", req -> values.add(req.body().getLong("value")));
        node.on("read", req -> req.reply(Body.of("read_ok").put("messages", values)));
    };

    /** A state-based G-counter: each node's own total, gossiped; the value is the sum of the maxima. */
    static final NodeProgram GOSSIP_COUNTER = node -> {
        Map<String, Long> totals = new HashMap<>();
        node.onInit(() -> node.every(Duration.ofMillis(200), () -> node.peers().forEach(peer ->
                node.send(peer, Body.of("totals").put("totals", totals)))));
        node.on("add", req -> {
            totals.merge(node.id(), req.body().getLong("delta"), Long::sum);
            req.reply(Body.of("add_ok"));
        });
        node.on("totals", req -> req.body().get("totals", new TypeReference<Map<String, Long>>() { })
                .forEach((id, total) -> totals.merge(id, total, Math::max)));
        node.on("read", req -> req.reply(Body.of("read_ok")
                .put("value", totals.values().stream().mapToLong(Long::longValue).sum())));
    };

    /** Counts only the adds it was sent itself. */
    static final NodeProgram OWN_ADDS_ONLY = node -> {
        long[] total = {0};
        node.on("add", req -> {
            total[0] += req.body().getLong("delta");
            req.reply(Body.of("add_ok"));
        });
        node.on("read", req -> req.reply(Body.of("read_ok").put("value", total[0])));
    };

    static RunOptions broadcast(int nodes, boolean partitions, long seed) {
        return new RunOptions("broadcast", nodes, 20, 10, nodes, 0, Latency.CONSTANT, partitions, 10, null, "grid", seed);
    }

    static RunOptions counter(boolean partitions, long seed) {
        return new RunOptions("g-counter", 3, 20, 100, 3, 0, Latency.CONSTANT, partitions, 10, null, "grid", seed);
    }

    @Test
    void anAntiEntropyBroadcastPassesChallenge3cOverManySeeds() {
        for (long seed = 1; seed <= 10; seed++) {
            RunResult result = Runs.inProcess(broadcast(5, true, seed), new BroadcastWorkload(), () -> ANTI_ENTROPY_BROADCAST);
            assertThat(result.validity()).as("seed " + seed + ": " + result.results().get("workload")).isEqualTo(Validity.VALID);
            assertThat(result.results().at("/workload/lost-count").asLong()).isZero();
        }
    }

    @Test
    void aBroadcastNodeThatNeverGossipsIsCaughtLosingValues() {
        RunResult result = Runs.inProcess(broadcast(5, false, 1), new BroadcastWorkload(), () -> NEVER_GOSSIPS);

        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.results().at("/workload/lost-count").asLong()).isPositive();
    }

    @Test
    void aBroadcastNodeThatSendsOnceWithoutRetryIsCaughtUnderPartitionsButPassesWithout() {
        RunResult healthy = Runs.inProcess(broadcast(5, false, 3), new BroadcastWorkload(), () -> SENDS_ONCE);
        assertThat(healthy.validity()).isEqualTo(Validity.VALID);

        boolean caught = LongStream.rangeClosed(1, 10).anyMatch(seed ->
                Runs.inProcess(broadcast(5, true, seed), new BroadcastWorkload(), () -> SENDS_ONCE).validity() == Validity.INVALID);
        assertThat(caught).as("lost values caught on some seed of 1..10").isTrue();
    }

    @Test
    void aReadThatAnswersValuesAsStringsIsAnOkReadMissingThemAsUnderMaelstrom() {
        NodeProgram stringly = keepsToItself((node, req) -> req.reply(Body.of("topology_ok")),
                values -> values.stream().map(String::valueOf).toList());
        RunResult result = Runs.inProcess(broadcast(1, false, 1), new BroadcastWorkload(), () -> stringly);

        assertThat(result.results().at("/stats/info-count").asLong()).as("reads are ok, not malformed").isZero();
        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.results().at("/workload/lost-count").asLong()).isPositive();
    }

    @Test
    void aSecondTopologyOkGoesToAClientStillOpenAndIsIgnored() {
        NodeProgram answersTwice = keepsToItself((node, req) -> {
            req.reply(Body.of("topology_ok"));
            long msgId = req.body().getLong(Body.MSG_ID);
            node.after(Duration.ofMillis(100), () -> node.send(req.src(), Body.of("topology_ok").put(Body.IN_REPLY_TO, msgId)));
        }, values -> values);
        RunResult result = Runs.inProcess(broadcast(1, false, 1), new BroadcastWorkload(), () -> answersTwice);

        assertThat(result.abortReason()).isNull();
        assertThat(result.validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void everyNodeHasItsTopologyBeforeTheFirstOperation() {
        NodeProgram strict = node -> {
            boolean[] hasTopology = {false};
            Set<Long> values = new TreeSet<>();
            node.on("topology", req -> {
                assertThat(req.body().get("topology").get(node.id())).as("the topology names this node").isNotNull();
                hasTopology[0] = true;
                req.reply(Body.of("topology_ok"));
            });
            node.on("broadcast", req -> {
                if (!hasTopology[0]) {
                    throw glomers.runtime.MaelstromException.abort("no topology yet");
                }
                values.add(req.body().getLong("message"));
                req.reply(Body.of("broadcast_ok"));
            });
            node.on("read", req -> {
                if (!hasTopology[0]) {
                    throw glomers.runtime.MaelstromException.abort("no topology yet");
                }
                req.reply(Body.of("read_ok").put("messages", values));
            });
        };
        RunResult result = Runs.inProcess(broadcast(5, false, 1), new BroadcastWorkload(), () -> strict);

        assertThat(result.results().at("/stats/count").asLong()).isPositive();
        assertThat(result.results().at("/stats/fail-count").asLong()).isZero();
        assertThat(result.results().at("/stats/info-count").asLong()).isZero();
    }

    @Test
    void aGossipingCounterPassesChallenge4WithPartitions() {
        for (long seed = 1; seed <= 5; seed++) {
            RunResult result = Runs.inProcess(counter(true, seed), new CounterWorkload(), () -> GOSSIP_COUNTER);
            assertThat(result.validity()).as("seed " + seed + ": " + result.results().get("workload")).isEqualTo(Validity.VALID);
        }
    }

    @Test
    void aCounterThatCountsOnlyItsOwnAddsIsCaught() {
        RunResult result = Runs.inProcess(counter(false, 1), new CounterWorkload(), () -> OWN_ADDS_ONLY);

        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.results().at("/workload/errors")).isNotEmpty();
    }
}
