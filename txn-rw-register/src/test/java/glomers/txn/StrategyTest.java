package glomers.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyTest {

    @Test
    void theArgumentWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        assertThat(Strategy.choose(List.of("eager"), "local")).isEqualTo(Strategy.EAGER);
        assertThat(Strategy.choose(List.of(), "local")).isEqualTo(Strategy.LOCAL);
        assertThat(Strategy.choose(List.of(), " EAGER ")).isEqualTo(Strategy.EAGER);
        assertThat(Strategy.choose(List.of(), null)).isEqualTo(Strategy.BATCH).isEqualTo(Strategy.DEFAULT);
        assertThat(Strategy.choose(List.of(), "")).isEqualTo(Strategy.DEFAULT);
    }

    @Test
    void anUnknownNameListsTheChoicesAndHowToGiveOne() {
        assertThatThrownBy(() -> Strategy.choose(List.of("gossip"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown txn-rw-register strategy \"gossip\"")
                .hasMessageContaining("local, eager, batch (default batch)")
                .hasMessageContaining("bin/txn-rw-register eager")
                .hasMessageContaining(Strategy.ENVIRONMENT_VARIABLE + "=eager");
        assertThatThrownBy(() -> Strategy.choose(List.of(), "nope")).hasMessageContaining("\"nope\"");
        assertThatThrownBy(() -> Strategy.choose(List.of("eager", "batch"), null)).hasMessageContaining("at most one argument");
        assertThatThrownBy(() -> Strategy.choose(List.of("--nemesis", "partition"), null)).hasMessageContaining("at most one argument");
    }

    @Test
    void theWordsOfAnOptionTypedWithAnEnDashAreLeftOut() {
        // Fly.io's published 6c command ends in "–-nemesis partition": Maelstrom hands both words to the node.
        List<String> published6c = List.of("\u2013-nemesis", "partition");
        assertThat(Strategy.mistypedOptions(published6c)).isEqualTo(published6c);
        assertThat(Strategy.choose(published6c, null)).isEqualTo(Strategy.DEFAULT);
        assertThat(Strategy.choose(List.of("\u2013-nemesis", "partition", "eager"), null)).isEqualTo(Strategy.EAGER);
        assertThat(Strategy.choose(List.of("\u2014-log-stderr", "eager"), null)).as("a strategy name is never an option's value")
                .isEqualTo(Strategy.EAGER);
        assertThat(Strategy.mistypedOptions(List.of("eager"))).isEmpty();
        assertThat(new TxnNode(published6c).strategy()).isEqualTo(Strategy.DEFAULT);
    }

    @Test
    void everyStrategyNamesItsStage() {
        assertThat(List.of(Strategy.values())).extracting(Strategy::stage).containsExactly("6a", "6b", "6c");
        assertThat(new TxnNode(List.of("local")).strategy()).isEqualTo(Strategy.LOCAL);
    }
}
