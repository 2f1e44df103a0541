package glomers.broadcast;

import static glomers.broadcast.Nodes.broadcast;
import static glomers.broadcast.Nodes.ofType;
import static glomers.broadcast.Nodes.read;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import glomers.runtime.Message;
import glomers.runtime.testing.ManualRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The two flood strategies: along the topology, one without and one with acknowledgements. */
class FloodTest {
    private static final List<String> IDS = List.of("n0", "n1", "n2", "n3");
    // n1 is the middle of a star: n0, n2 and n3 hang off it.
    private static final Map<String, List<String>> STAR = Map.of(
            "n0", List.of("n1"), "n1", List.of("n0", "n2", "n3"), "n2", List.of("n1"), "n3", List.of("n1"));

    @Test
    void floodPassesANewValueToEveryNeighbourButTheOneItCameFrom() {
        ManualRuntime n1 = Nodes.started(Strategy.FLOOD, "n1", IDS, STAR);

        n1.deliver("n0", Body.of("flood").put("value", 5));
        assertThat(n1.takeSentMessages()).extracting(Message::dest).containsExactly("n2", "n3");

        n1.deliver("n2", Body.of("flood").put("value", 5));
        assertThat(n1.takeSentMessages()).as("seen already: not passed on again").isEmpty();

        broadcast(n1, 1, 6);
        assertThat(ofType(n1.takeSentMessages(), "flood")).extracting(Message::dest).containsExactly("n0", "n2", "n3");
        assertThat(read(n1)).containsExactly(5L, 6L);
    }

    @Test
    void floodAckAcknowledgesWhatItGetsAndPassesOnWhatIsNew() {
        ManualRuntime n1 = Nodes.started(Strategy.FLOOD_ACK, "n1", IDS, STAR);

        n1.deliver("n0", Body.of("flood").put("values", List.of(5, 6)));

        List<Message> sent = n1.takeSentMessages();
        assertThat(ofType(sent, "flood_ack")).containsExactly(new Message("n1", "n0", Body.of("flood_ack").put("values", List.of(5, 6))));
        assertThat(ofType(sent, "flood")).extracting(Message::dest).containsExactly("n2", "n3", "n2", "n3");
    }

    @Test
    void floodAckSendsAgainWhatWasNotAcknowledgedUntilItIs() {
        ManualRuntime n1 = Nodes.started(Strategy.FLOOD_ACK, "n1", IDS, STAR);
        broadcast(n1, 1, 42);
        n1.takeSentMessages();
        n1.deliver("n0", Body.of("flood_ack").put("values", List.of(42)));
        n1.deliver("n2", Body.of("flood_ack").put("values", List.of(42)));

        n1.advance(Duration.ofMillis(FloodWithAcks.RETRY_AFTER_MILLIS - 1));
        assertThat(n1.takeSentMessages()).as("not yet: the ack may be on its way").isEmpty();

        n1.advance(Duration.ofMillis(FloodWithAcks.RETRY_PERIOD.toMillis()));
        assertThat(n1.takeSentMessages()).containsExactly(new Message("n1", "n3", Body.of("flood").put("values", List.of(42))));

        n1.deliver("n3", Body.of("flood_ack").put("values", List.of(42)));
        n1.advance(Duration.ofSeconds(5));
        assertThat(n1.takeSentMessages()).isEmpty();
        assertThat(List.of("n0", "n2", "n3")).allSatisfy(n -> assertThat(unacked(n1, n)).isZero());
    }

    @Test
    void aRetryMessageHoldsAtMostTheLimitAndTheRestFollow() {
        ManualRuntime n0 = Nodes.started(Strategy.FLOOD_ACK, "n0", IDS, STAR);
        int values = FloodWithAcks.MAX_VALUES_PER_MESSAGE + 5;
        for (int v = 0; v < values; v++) {
            broadcast(n0, v + 1, v);
        }
        n0.takeSentMessages();

        n0.advance(Duration.ofMillis(FloodWithAcks.RETRY_AFTER_MILLIS));
        List<Message> retries = ofType(n0.takeSentMessages(), "flood");
        assertThat(retries).hasSize(1);
        assertThat(retries.get(0).body().get("values")).hasSize(FloodWithAcks.MAX_VALUES_PER_MESSAGE);

        n0.advance(FloodWithAcks.RETRY_PERIOD);
        assertThat(ofType(n0.takeSentMessages(), "flood")).singleElement()
                .satisfies(m -> assertThat(m.body().get("values")).hasSize(5));
    }

    /** Fly.io's pages write topologies with n1…n3, where {@code --node-count 3} runs n0…n2. */
    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"FLOOD", "FLOOD_ACK"})
    void neverSendsToANeighbourOutsideNodeIdsAndSaysSoOnce(Strategy strategy) {
        Map<String, List<String>> flyPage = Map.of("n1", List.of("n2", "n3"), "n2", List.of("n1"), "n3", List.of("n1"));
        ManualRuntime n1 = Nodes.started(strategy, "n1", List.of("n0", "n1", "n2"), flyPage);

        broadcast(n1, 1, 42);
        assertThat(ofType(n1.takeSentMessages(), "flood")).extracting(Message::dest).containsExactly("n2");
        n1.deliver("n2", Body.of("flood_ack").put("values", List.of(42)));
        n1.advance(Duration.ofSeconds(10));

        assertThat(n1.takeSentMessages()).as("nothing left to retry: n3 was never a neighbour").isEmpty();
        assertThat(n1.logs()).filteredOn(l -> l.contains("n3")).singleElement()
                .satisfies(l -> assertThat(l).contains("ignoring [n3]"));
    }

    private static int unacked(ManualRuntime runtime, String neighbour) {
        // Through the protocol: an unacknowledged value would be retried within a retry period.
        runtime.advance(Duration.ofMillis(FloodWithAcks.RETRY_AFTER_MILLIS + FloodWithAcks.RETRY_PERIOD.toMillis()));
        return (int) runtime.takeSentMessages().stream().filter(m -> m.dest().equals(neighbour)).count();
    }
}
