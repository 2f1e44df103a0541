package glomers.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyTest {

    @Test
    void theArgumentWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        assertThat(Strategy.choose(List.of("batch"), "flood")).isEqualTo(Strategy.BATCH);
        assertThat(Strategy.choose(List.of(), "flood-ack")).isEqualTo(Strategy.FLOOD_ACK);
        assertThat(Strategy.choose(List.of(), " FLOOD ")).isEqualTo(Strategy.FLOOD);
        assertThat(Strategy.choose(List.of(), null)).isEqualTo(Strategy.FANOUT).isEqualTo(Strategy.DEFAULT);
        assertThat(Strategy.choose(List.of(), "")).isEqualTo(Strategy.DEFAULT);
    }

    @Test
    void anUnknownNameListsTheChoicesAndHowToGiveOne() {
        assertThatThrownBy(() -> Strategy.choose(List.of("gossip"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown broadcast strategy \"gossip\"")
                .hasMessageContaining("flood, flood-ack, fanout, batch (default fanout)")
                .hasMessageContaining("bin/broadcast batch")
                .hasMessageContaining(Strategy.ENVIRONMENT_VARIABLE + "=batch");
        assertThatThrownBy(() -> Strategy.choose(List.of(), "nope")).hasMessageContaining("\"nope\"");
        assertThatThrownBy(() -> Strategy.choose(List.of("batch", "fanout"), null))
                .hasMessageContaining("at most one argument");
    }

    @Test
    void everyStrategyNamesItsStage() {
        assertThat(List.of(Strategy.values())).extracting(Strategy::stage).containsExactly("3b", "3c", "3d", "3e");
        assertThat(new BroadcastNode(List.of("flood-ack")).strategy()).isEqualTo(Strategy.FLOOD_ACK);
    }
}
