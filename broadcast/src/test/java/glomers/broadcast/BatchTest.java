package glomers.broadcast;

import static glomers.broadcast.Nodes.broadcast;
import static glomers.broadcast.Nodes.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import glomers.runtime.Message;
import glomers.runtime.testing.ManualRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch: rounds on the wall clock, one batch per node per round to the hub, one from the hub to each node. */
class BatchTest {
    private static final List<String> IDS = List.of("n0", "n1", "n2");

    private static ManualRuntime node(String id) {
        return Nodes.started(Strategy.BATCH, id, IDS, Map.of());
    }

    private static Duration untilNextRound(ManualRuntime runtime) {
        return Duration.ofMillis(Batch.ROUND_MILLIS - Math.floorMod(runtime.nowMillis(), Batch.ROUND_MILLIS));
    }

    @Test
    void aNodeSendsItsClientsValuesToTheHubInOneMessageAtTheRoundBoundary() {
        ManualRuntime n1 = node("n1");
        Duration boundary = untilNextRound(n1);
        broadcast(n1, 1, 10);
        broadcast(n1, 2, 11);
        assertThat(ofType(n1.takeSentMessages(), "values")).isEmpty();

        n1.advance(boundary.minusMillis(1));
        assertThat(n1.takeSentMessages()).isEmpty();
        n1.advance(Duration.ofMillis(1));

        assertThat(n1.takeSentMessages()).containsExactly(new Message("n1", "n0", Body.of("values")
                .put("runs", List.of(new Run("n1", 1, List.of(10L, 11L)))).put("digest", Map.of("n1", 2))));
        assertThat(Math.floorMod(n1.nowMillis(), Batch.ROUND_MILLIS)).isZero();
    }

    @Test
    void theHubGathersARoundThenSendsEachNodeWhatItLacksInOneMessage() {
        ManualRuntime hub = node("n0");
        broadcast(hub, 1, 99); // the hub's own client's value rides with the next flush
        hub.takeSentMessages();

        hub.deliver("n1", Body.of("values").put("runs", List.of(new Run("n1", 1, List.of(10L, 11L)))).put("digest", Map.of("n1", 2)));
        hub.advance(Duration.ofMillis(Batch.HUB_GATHER_MILLIS - 1));
        hub.deliver("n2", Body.of("values").put("runs", List.of(new Run("n2", 1, List.of(20L)))).put("digest", Map.of("n2", 1)));
        assertThat(hub.takeSentMessages()).isEmpty();

        hub.advance(Duration.ofMillis(1));

        List<Message> sent = hub.takeSentMessages();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).dest()).isEqualTo("n1");
        assertThat(sent.get(0).body().get("runs", new com.fasterxml.jackson.core.type.TypeReference<List<Run>>() { }))
                .as("not n1's own values back").containsExactly(new Run("n0", 1, List.of(99L)), new Run("n2", 1, List.of(20L)));
        assertThat(sent.get(1).dest()).isEqualTo("n2");
        assertThat(sent.get(1).body().get("runs", new com.fasterxml.jackson.core.type.TypeReference<List<Run>>() { }))
                .containsExactly(new Run("n0", 1, List.of(99L)), new Run("n1", 1, List.of(10L, 11L)));

        hub.advance(Duration.ofMillis(Batch.ROUND_MILLIS * 2));
        assertThat(ofType(hub.takeSentMessages(), "values")).as("nothing new: nothing sent again").isEmpty();
    }

    @Test
    void theHubsOwnValuesGoOutWithinTwoRoundsEvenWithNoBatchArriving() {
        ManualRuntime hub = node("n0");
        broadcast(hub, 1, 99);
        hub.takeSentMessages();

        hub.advance(Duration.ofMillis(2 * Batch.ROUND_MILLIS + Batch.HUB_GATHER_MILLIS));

        assertThat(ofType(hub.takeSentMessages(), "values")).extracting(Message::dest).containsExactly("n1", "n2");
    }

    @Test
    void aQuietNodeSendsTheHubItsDigestAboutOnceASecond() {
        ManualRuntime n2 = node("n2");

        n2.advance(Duration.ofSeconds(10));

        List<Message> sent = n2.takeSentMessages();
        assertThat(sent).extracting(Message::dest).containsOnly("n0");
        assertThat(sent).hasSizeBetween(6, 10); // a digest at the first round boundary at least DIGEST_PERIOD after the last
    }
}
