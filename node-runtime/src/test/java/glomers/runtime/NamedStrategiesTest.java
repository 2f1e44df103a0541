package glomers.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedStrategiesTest {
    enum Way implements NamedStrategies.Named {
        SLOW("slow"), FAST("fast"), FASTER("even-faster");

        private final String id;

        Way(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    private static final NamedStrategies<Way> WAYS = new NamedStrategies<>(Way.class, Way.FASTER, "demo", "DEMO_WAY");

    @Test
    void theArgumentWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        assertThat(WAYS.choose(List.of("FAST"), "slow")).isEqualTo(Way.FAST);
        assertThat(WAYS.choose(List.of(), " slow ")).isEqualTo(Way.SLOW);
        assertThat(WAYS.choose(List.of(), "")).isEqualTo(Way.FASTER);
        assertThat(WAYS.choose(List.of(), null)).isEqualTo(Way.FASTER);
        assertThat(WAYS.isName("even-faster")).isTrue();
        assertThat(WAYS.isName("partition")).isFalse();
    }

    @Test
    void aBadChoiceSaysWhatTheChoicesAreWithANonDefaultExample() {
        assertThatThrownBy(() -> WAYS.named("quick"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown demo strategy \"quick\". Choose one of slow, fast, even-faster (default even-faster),"
                        + " e.g. bin/demo fast, or DEMO_WAY=fast");
        assertThatThrownBy(() -> WAYS.choose(List.of("slow", "fast"), null))
                .hasMessageStartingWith("the demo node takes at most one argument, a strategy name; got [slow, fast].");
    }
}
