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

/** Fanout: one message per peer per value, and the digest exchange that repairs what was lost. */
class FanoutTest {
    private static final List<String> IDS = List.of("n0", "n1", "n2", "n3", "n4");
    private static final Duration SETTLE = Duration.ofMillis(AntiEntropy.SETTLE_MILLIS);

    private static ManualRuntime node(String id) {
        return Nodes.started(Strategy.FANOUT, id, IDS, Map.of());
    }

    private static Body values(List<Run> runs, Map<String, Integer> digest) {
        Body body = Body.of("values").put("runs", runs);
        return digest == null ? body.put("repair", true) : body.put("digest", digest);
    }

    @Test
    void theOriginSendsANewValueStraightToEveryPeerWithItsDigest() {
        ManualRuntime n0 = node("n0");

        broadcast(n0, 1, 42);

        List<Message> sent = ofType(n0.takeSentMessages(), "values");
        assertThat(sent).extracting(Message::dest).containsExactly("n1", "n2", "n3", "n4");
        assertThat(sent).allSatisfy(m -> assertThat(m.body()).isEqualTo(values(List.of(new Run("n0", 1, List.of(42L))), Map.of("n0", 1))));
    }

    @Test
    void aValueFromAPeerIsKeptAndNotPassedOn() {
        ManualRuntime n1 = node("n1");

        n1.deliver("n0", values(List.of(new Run("n0", 1, List.of(42L))), Map.of("n0", 1)));

        assertThat(n1.takeSentMessages()).isEmpty();
        assertThat(read(n1)).containsExactly(42L);
    }

    @Test
    void whatAPeerHasAndThisNodeLacksIsPulledOnlyIfItHasNotComeBySettleTime() {
        ManualRuntime n1 = node("n1");
        // n0's digest says it holds 3 of n2's values; n1 has none.
        n1.deliver("n0", values(List.of(new Run("n0", 1, List.of(42L))), Map.of("n0", 1, "n2", 3)));
        n1.advance(SETTLE.minusMillis(1));
        assertThat(n1.takeSentMessages()).isEmpty();
        // Two of them arrive from n2 itself, late.
        n1.deliver("n2", values(List.of(new Run("n2", 1, List.of(7L, 8L))), Map.of("n2", 2)));

        n1.advance(Duration.ofMillis(1));

        assertThat(ofType(n1.takeSentMessages(), "pull")).containsExactly(
                new Message("n1", "n0", Body.of("pull").put("from", Map.of("n2", 3))));
    }

    @Test
    void nothingIsPulledWhenEverythingArrives() {
        ManualRuntime n1 = node("n1");
        n1.deliver("n0", values(List.of(), Map.of("n2", 1)));
        n1.deliver("n2", values(List.of(new Run("n2", 1, List.of(7L))), Map.of("n2", 1)));

        n1.advance(SETTLE);

        assertThat(ofType(n1.takeSentMessages(), "pull")).isEmpty();
    }

    @Test
    void aPullIsAnsweredWithTheValuesAsARepair() {
        ManualRuntime n0 = node("n0");
        broadcast(n0, 1, 10);
        broadcast(n0, 2, 11);
        broadcast(n0, 3, 12);
        n0.takeSentMessages();

        n0.deliver("n3", Body.of("pull").put("from", Map.of("n0", 2, "n4", 1)));

        assertThat(n0.takeSentMessages()).containsExactly(
                new Message("n0", "n3", values(List.of(new Run("n0", 2, List.of(11L, 12L))), null)));
    }

    @Test
    void whatAPeerLacksIsPushedOnceItHasSettledHere() {
        ManualRuntime n0 = node("n0");
        broadcast(n0, 1, 10);
        n0.takeSentMessages();

        n0.deliver("n3", values(List.of(), Map.of()));
        assertThat(n0.takeSentMessages()).as("10 may still be on its way to n3").isEmpty();

        n0.advance(SETTLE);
        n0.takeSentMessages(); // periodic digests
        n0.deliver("n3", values(List.of(), Map.of()));
        assertThat(n0.takeSentMessages()).containsExactly(
                new Message("n0", "n3", values(List.of(new Run("n0", 1, List.of(10L))), null)));
    }

    @Test
    void aRepairSetsOffNoFurtherExchange() {
        ManualRuntime n1 = node("n1");

        n1.deliver("n0", values(List.of(new Run("n2", 1, List.of(7L))), null));
        n1.advance(SETTLE);

        assertThat(ofType(n1.takeSentMessages(), "pull")).isEmpty();
        assertThat(read(n1)).containsExactly(7L);
    }

    @Test
    void whenQuietANodeSendsOneDigestASecondToAPeerThatHadNoneLately() {
        ManualRuntime n0 = node("n0");

        n0.advance(Duration.ofSeconds(10));

        List<Message> sent = n0.takeSentMessages();
        assertThat(sent).hasSize(10).allSatisfy(m -> assertThat(m.body()).isEqualTo(values(List.of(), Map.of())));
        assertThat(sent).extracting(Message::dest).hasSizeGreaterThan(1).doesNotContain("n0");
    }

    @Test
    void whileBroadcastingNoSeparateDigestIsNeeded() {
        ManualRuntime n0 = node("n0");
        for (int i = 0; i < 20; i++) {
            broadcast(n0, i + 1, i);
            n0.advance(Duration.ofMillis(500));
        }
        List<Message> sent = ofType(n0.takeSentMessages(), "values");
        assertThat(sent).hasSize(20 * 4).allSatisfy(m -> assertThat(m.body().get("runs")).hasSize(1));
    }

    @Test
    void aRepairHoldsAtMostTheLimit() {
        ManualRuntime n0 = node("n0");
        int count = AntiEntropy.MAX_VALUES_PER_MESSAGE + 10;
        for (int v = 0; v < count; v++) {
            broadcast(n0, v + 1, v);
        }
        n0.takeSentMessages();

        n0.deliver("n1", Body.of("pull").put("from", Map.of("n0", 1)));

        Message repair = n0.takeSentMessages().get(0);
        assertThat(repair.body().get("runs").get(0).get("values")).hasSize(AntiEntropy.MAX_VALUES_PER_MESSAGE);
    }
}
