package glomers.uniqueids;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import glomers.runtime.Message;
import glomers.runtime.testing.ManualRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Three nodes on manual clocks, one of them restarted: every id distinct. */
class UniqueIdsNodeTest {
    private static final String[] NODES = {"n0", "n1", "n2"};

    private static ManualRuntime startNode(String id, long startMillis) {
        ManualRuntime runtime = new ManualRuntime(0, startMillis);
        new UniqueIdsNode().install(runtime.node());
        runtime.init(id, NODES);
        return runtime;
    }

    private static List<Long> generate(ManualRuntime runtime, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            runtime.deliver("c1", Body.of("generate").put("msg_id", i));
            if (i % 50 == 0) {
                runtime.advance(Duration.ofMillis(1));
            }
        }
        for (Message reply : runtime.takeSentMessages()) {
            assertThat(reply.body().type()).isEqualTo("generate_ok");
            assertThat(reply.body().get("id").isIntegralNumber()).as("ids are JSON integers").isTrue();
            ids.add(reply.body().getLong("id"));
        }
        assertThat(ids).hasSize(count);
        return ids;
    }

    @Test
    void idsFromSeveralNodesAndARestartedNodeAreAllDistinct() {
        long start = ManualRuntime.DEFAULT_START_MILLIS;
        List<Long> all = new ArrayList<>();
        for (String node : NODES) {
            all.addAll(generate(startNode(node, start), 5_000)); // same clock readings on every node
        }
        // n0 restarts: a new process with the same node id, the clock a little later
        ManualRuntime restarted = startNode("n0", start + 200);
        all.addAll(generate(restarted, 5_000));

        assertThat(all).hasSize(20_000).doesNotHaveDuplicates();
    }

    @Test
    void answersEveryRequestAtOnceWithoutTalkingToOtherNodes() {
        ManualRuntime runtime = startNode("n1", ManualRuntime.DEFAULT_START_MILLIS);
        runtime.deliver("c4", Body.of("generate").put("msg_id", 1));

        List<Message> sent = runtime.takeSentMessages();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).dest()).isEqualTo("c4");
        assertThat(runtime.pendingTimers()).isZero();
    }
}
