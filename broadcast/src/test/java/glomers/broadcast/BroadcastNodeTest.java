package glomers.broadcast;

import static glomers.broadcast.Nodes.broadcast;
import static glomers.broadcast.Nodes.read;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import glomers.runtime.Message;
import glomers.runtime.testing.ManualRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every strategy's node does for clients: answer at once, keep every value, refuse bad requests. */
class BroadcastNodeTest {
    private static final List<String> IDS = List.of("n0", "n1", "n2");
    private static final Map<String, List<String>> LINE = Map.of("n0", List.of("n1"), "n1", List.of("n0", "n2"), "n2", List.of("n1"));

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void answersTopologyBroadcastAndReadAtOnce(Strategy strategy) {
        ManualRuntime runtime = new ManualRuntime();
        new BroadcastNode(strategy).install(runtime.node());
        runtime.init("n1", IDS.toArray(String[]::new));

        runtime.deliver("c1", Body.of("topology").put("msg_id", 1).put("topology", LINE));
        assertThat(runtime.takeSentMessages()).containsExactly(
                new Message("n1", "c1", Body.of("topology_ok").put("in_reply_to", 1)));

        broadcast(runtime, 2, 42);
        broadcast(runtime, 3, 7);
        broadcast(runtime, 4, 42); // a value it knows already: acknowledged, kept once
        List<Message> replies = runtime.takeSentMessages().stream().filter(m -> m.dest().equals("c9")).toList();
        assertThat(replies).extracting(m -> m.body().type()).containsExactly("broadcast_ok", "broadcast_ok", "broadcast_ok");

        assertThat(read(runtime)).containsExactly(42L, 7L);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aMalformedBroadcastGetsError12AndChangesNothing(Strategy strategy) {
        ManualRuntime runtime = Nodes.started(strategy, "n0", IDS, LINE);

        runtime.deliver("c9", Body.of("broadcast").put("msg_id", 5).put("message", "seven"));
        runtime.deliver("c9", Body.of("broadcast").put("msg_id", 6).put("message", 7.5));
        runtime.deliver("c9", Body.of("broadcast").put("msg_id", 7));
        runtime.deliver("c9", Body.of("gossip").put("msg_id", 8));

        List<Message> sent = runtime.takeSentMessages();
        assertThat(sent).extracting(m -> m.body().getLong("code")).containsExactly(12L, 12L, 12L, 10L);
        assertThat(sent).extracting(Message::dest).containsOnly("c9"); // nothing went to a peer
        assertThat(read(runtime)).isEmpty();
    }
}
