package glomers.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StrategyChoiceTest {
    private enum Colour { RED, DARK_BLUE }

    private static final StrategyChoice<Colour> CHOICE = new StrategyChoice<>("paint", Colour.values(),
            c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'), Colour.DARK_BLUE, "PAINT_COLOUR", "red");

    @Test
    void theArgumentWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        assertThat(CHOICE.choose(List.of("red"), "dark-blue")).isEqualTo(Colour.RED);
        assertThat(CHOICE.choose(List.of(), " RED ")).isEqualTo(Colour.RED);
        assertThat(CHOICE.choose(List.of(), null)).isEqualTo(Colour.DARK_BLUE);
        assertThat(CHOICE.choose(List.of(), "  ")).isEqualTo(Colour.DARK_BLUE);
        assertThat(CHOICE.named("Dark-Blue")).isEqualTo(Colour.DARK_BLUE);
    }

    @Test
    void anUnknownNameOrTwoArgumentsAreRefusedWithTheChoices() {
        String choices = "Choose one of red, dark-blue (default dark-blue), e.g. bin/paint red, or PAINT_COLOUR=red";
        assertThatThrownBy(() -> CHOICE.choose(List.of("green"), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown paint strategy \"green\". " + choices);
        assertThatThrownBy(() -> CHOICE.choose(List.of(), "green")).hasMessageContaining("\"green\"");
        assertThatThrownBy(() -> CHOICE.choose(List.of("red", "red"), null))
                .hasMessage("the paint node takes at most one argument, a strategy name; got [red, red]. " + choices);
    }
}
