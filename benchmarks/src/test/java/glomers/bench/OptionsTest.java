package glomers.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static final Path ECHO = Path.of("/repo/bin/echo");

    @Test
    void noArgumentsGiveTheDefaults() throws Exception {
        assertThat(Options.parse(List.of(), ECHO)).isEqualTo(new Options(ECHO, 9, 25, 100_000, 3));
    }

    @Test
    void everyOptionCanBeSet() throws Exception {
        Options options = Options.parse(List.of("--bin", "/x/node", "--starts", "5", "--nodes", "10",
                "--messages", "2000", "--rounds", "1"), ECHO);

        assertThat(options).isEqualTo(new Options(Path.of("/x/node"), 5, 10, 2000, 1));
    }

    @Test
    void anEqualsSignWorksToo() throws Exception {
        assertThat(Options.parse(List.of("--nodes=3", "--bin=/x/node"), ECHO))
                .isEqualTo(new Options(Path.of("/x/node"), 9, 3, 100_000, 3));
    }

    @Test
    void theLastOfARepeatedOptionWins() throws Exception {
        assertThat(Options.parse(List.of("--rounds", "2", "--rounds", "4"), ECHO).rounds()).isEqualTo(4);
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertThatThrownBy(() -> Options.parse(List.of("--node", "3"), ECHO))
                .isInstanceOf(Options.UsageException.class)
                .hasMessageContaining("'--node'");
    }

    @Test
    void aMissingValueIsRefused() {
        assertThatThrownBy(() -> Options.parse(List.of("--starts"), ECHO))
                .isInstanceOf(Options.UsageException.class)
                .hasMessageContaining("--starts needs a value");
    }

    @Test
    void countsMustBePositiveWholeNumbers() {
        assertThatThrownBy(() -> Options.parse(List.of("--messages", "lots"), ECHO))
                .isInstanceOf(Options.UsageException.class)
                .hasMessageContaining("'lots'");
        assertThatThrownBy(() -> Options.parse(List.of("--rounds", "0"), ECHO))
                .isInstanceOf(Options.UsageException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Options.parse(List.of("--nodes", "-2"), ECHO))
                .isInstanceOf(Options.UsageException.class);
    }

    @Test
    void theValidOptionsMessageNamesThemAll() {
        assertThat(Options.VALID_OPTIONS).contains("--bin", "--starts", "--nodes", "--messages", "--rounds");
    }

    @Test
    void helpIsRecognised() {
        assertThat(Options.wantsHelp(List.of("--nodes", "3", "--help"))).isTrue();
        assertThat(Options.wantsHelp(List.of("-h"))).isTrue();
        assertThat(Options.wantsHelp(List.of("--nodes", "3"))).isFalse();
    }
}
