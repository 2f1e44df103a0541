package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.check.Validity;
import glomers.harness.history.Op;
import glomers.harness.net.Latency;
import glomers.harness.workload.EchoWorkload;
import glomers.harness.workload.UniqueIdsWorkload;
import glomers.runtime.Body;
import glomers.runtime.NodeProgram;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole in-process runs of echo and unique-ids, with correct and deliberately broken nodes. */
class EchoAndUniqueIdsBenchTest {

    static final NodeProgram ECHO = node -> node.on("echo",
            req -> req.reply(Body.of("echo_ok").put("echo", req.body().get("echo"))));

    /** Echoes every payload but the 5th one back altered. */
    static final NodeProgram ALTERING_ECHO = node -> {
        int[] seen = {0};
        node.on("echo", req -> req.reply(Body.of("echo_ok")
                .put("echo", ++seen[0] == 5 ? "something else" : req.body().get("echo").asText())));
    };

    /** Ids from a per-node counter prefixed with the node id: unique without coordination. */
    static final NodeProgram UNIQUE_IDS = node -> {
        long[] next = {0};
        node.on("generate", req -> req.reply(Body.of("generate_ok").put("id", node.id() + "-" + next[0]++)));
    };

    /** A per-node counter without the node id: every node hands out 0, 1, 2... */
    static final NodeProgram REPEATING_IDS = node -> {
        long[] next = {0};
        node.on("generate", req -> req.reply(Body.of("generate_ok").put("id", next[0]++)));
    };

    static RunOptions challenge1(long seed) {
        return new RunOptions("echo", 1, 10, 5, 1, 0, Latency.CONSTANT, false, 10, null, "grid", seed);
    }

    static RunOptions challenge2(long seed) {
        return new RunOptions("unique-ids", 3, 30, 1000, 3, 0, Latency.CONSTANT, true, 10, 1.0, "grid", seed);
    }

    /**
     * Jepsen's shared thread index counts the nemesis thread too, and moves on by one per
     * operation. With every worker always free (instant replies), the picks run 0, 1, 2, then 0
     * again where the index stands on the nemesis: worker 0 gets two operations in four.
     */
    @Test
    void workersAreChosenAsJepsenDoesWithTheNemesisThreadInTheRotation() {
        RunOptions threeWorkers = new RunOptions("echo", 3, 10, 100, 3, 0, Latency.CONSTANT, false, 10, null, "grid", 1);
        RunResult result = Runs.inProcess(threeWorkers, new EchoWorkload(), () -> ECHO);

        List<Integer> processes = result.history().clientInvocations().stream().map(Op::process).toList();
        assertThat(processes).hasSizeGreaterThan(400);
        for (int i = 0; i < processes.size(); i++) {
            assertThat(processes.get(i)).as("operation %d", i).isEqualTo(List.of(0, 1, 2, 0).get(i % 4));
        }
    }

    @Test
    void aCorrectEchoNodePassesChallenge1() {
        RunResult result = Runs.inProcess(challenge1(1), new EchoWorkload(), () -> ECHO);

        assertThat(result.abortReason()).isNull();
        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.exitStatus()).isZero();
        long ops = result.history().clientInvocations().size();
        assertThat(ops).as("about rate 5 for 10 s").isBetween(30L, 80L);
        assertThat(result.results().at("/stats/ok-count").asLong()).isEqualTo(ops);
    }

    @Test
    void theEchoCheckerCatchesAnAlteredPayload() {
        RunResult result = Runs.inProcess(challenge1(1), new EchoWorkload(), () -> ALTERING_ECHO);

        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.results().at("/workload/errors")).hasSize(1);
        assertThat(result.results().at("/workload/errors/0/received").asText()).isEqualTo("something else");
    }

    @Test
    void uniqueIdsPassesChallenge2WithTotalAvailabilityUnderPartitions() {
        RunResult result = Runs.inProcess(challenge2(7), new UniqueIdsWorkload(), () -> UNIQUE_IDS);

        assertThat(result.validity()).isEqualTo(Validity.VALID);
        assertThat(result.results().at("/availability/ok-fraction").asDouble()).isEqualTo(1.0);
        assertThat(result.results().at("/workload/acknowledged-count").asLong()).isGreaterThan(20_000);
        assertThat(result.history().ops()).anySatisfy(op -> assertThat(op.f()).isEqualTo("start-partition"));
    }

    @Test
    void theUniqueIdsCheckerCatchesRepeatedIds() {
        RunResult result = Runs.inProcess(challenge2(7), new UniqueIdsWorkload(), () -> REPEATING_IDS);

        assertThat(result.validity()).isEqualTo(Validity.INVALID);
        assertThat(result.results().at("/workload/duplicated-count").asLong()).isGreaterThan(0);
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherOne() {
        RunResult a = Runs.inProcess(challenge1(42), new EchoWorkload(), () -> ECHO);
        RunResult b = Runs.inProcess(challenge1(42), new EchoWorkload(), () -> ECHO);
        RunResult c = Runs.inProcess(challenge1(43), new EchoWorkload(), () -> ECHO);

        assertThat(b.history().ops()).isEqualTo(a.history().ops());
        assertThat(b.results()).isEqualTo(a.results());
        assertThat(c.history().ops()).isNotEqualTo(a.history().ops());
    }

    @Test
    void netStatisticsCountClientAndServerMessagesAsMaelstromDoes() {
        // Every echo also costs one fire-and-forget message to a peer: 1 server message per op.
        NodeProgram gossipingEcho = node -> node.on("echo", req -> {
            node.send(node.peers().get(0), Body.of("gossip"));
            req.reply(Body.of("echo_ok").put("echo", req.body().get("echo")));
        });
        RunOptions options = new RunOptions("echo", 2, 10, 5, 2, 10, Latency.CONSTANT, false, 10, null, "grid", 3);

        RunResult result = Runs.inProcess(options, new EchoWorkload(), () -> node2Handles(gossipingEcho));

        long ops = result.history().clientInvocations().size();
        // clients: init and init_ok for 2 nodes (4), then a request and a reply per op
        assertThat(result.results().at("/net/clients/msg-count").asLong()).isEqualTo(4 + 2 * ops);
        assertThat(result.results().at("/net/servers/msg-count").asLong()).isEqualTo(ops);
        assertThat(result.results().at("/net/servers/msgs-per-op").asDouble()).isEqualTo(1.0);
        assertThat(result.results().at("/net/all/msgs-per-op").asDouble()).isEqualTo((4.0 + 3 * ops) / ops);
        assertThat(result.results().at("/net/clients/msgs-per-op").isMissingNode()).isTrue();
    }

    /** The gossiping echo's peers ignore gossip (no reply, no error). */
    private static NodeProgram node2Handles(NodeProgram program) {
        return node -> {
            program.install(node);
            node.on("gossip", req -> { });
        };
    }

    @Test
    void workersMapToNodesAndProcessesMoveOnAfterAnInfo() {
        // n0 never answers echo: its worker's ops time out (info), so its process id moves on by the concurrency.
        NodeProgram n0Silent = node -> node.on("echo", req -> {
            if (!node.id().equals("n0")) {
                req.reply(Body.of("echo_ok").put("echo", req.body().get("echo")));
            }
        });
        RunOptions options = new RunOptions("echo", 2, 20, 5, 2, 0, Latency.CONSTANT, false, 10, null, "grid", 5);

        RunResult result = Runs.inProcess(options, new EchoWorkload(), () -> n0Silent);

        List<Op> infos = result.history().clientCompletions().stream().filter(o -> o.type() == Op.Type.INFO).toList();
        assertThat(infos).isNotEmpty().allSatisfy(o -> assertThat(o.process() % 2).isZero());
        assertThat(infos).allSatisfy(o -> assertThat(o.error()).isEqualTo("net-timeout"));
        assertThat(infos.stream().map(Op::process).distinct().count()).isEqualTo(infos.size());
    }
}
