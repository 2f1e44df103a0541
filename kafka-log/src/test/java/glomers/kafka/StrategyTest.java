package glomers.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyTest {

    @Test
    void theArgumentWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        assertThat(Strategy.choose(List.of("lin-kv"), "single")).isEqualTo(Strategy.LIN_KV);
        assertThat(Strategy.choose(List.of(), "single")).isEqualTo(Strategy.SINGLE);
        assertThat(Strategy.choose(List.of(), " LIN-KV ")).isEqualTo(Strategy.LIN_KV);
        assertThat(Strategy.choose(List.of(), null)).isEqualTo(Strategy.OWNER).isEqualTo(Strategy.DEFAULT);
        assertThat(Strategy.choose(List.of(), "")).isEqualTo(Strategy.DEFAULT);
    }

    @Test
    void anUnknownNameListsTheChoicesAndHowToGiveOne() {
        assertThatThrownBy(() -> Strategy.choose(List.of("raft"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown kafka-log strategy \"raft\"")
                .hasMessageContaining("single, lin-kv, owner (default owner)")
                .hasMessageContaining("bin/kafka-log lin-kv")
                .hasMessageContaining(Strategy.ENVIRONMENT_VARIABLE + "=lin-kv");
        assertThatThrownBy(() -> Strategy.choose(List.of(), "nope")).hasMessageContaining("\"nope\"");
        assertThatThrownBy(() -> Strategy.choose(List.of("single", "owner"), null)).hasMessageContaining("at most one argument");
    }

    @Test
    void everyStrategyNamesItsStage() {
        assertThat(List.of(Strategy.values())).extracting(Strategy::stage).containsExactly("5a", "5b", "5c");
        assertThat(new KafkaLogNode(List.of("single")).strategy()).isEqualTo(Strategy.SINGLE);
    }
}
