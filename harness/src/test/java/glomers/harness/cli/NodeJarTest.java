package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Loading a module's node program from its jar, with and without node arguments. */
class NodeJarTest {
    @TempDir
    Path root;

    /** Takes no arguments. */
    public static final class Plain implements NodeProgram {
        @Override
        public void install(Node node) {
        }
    }

    /** Takes arguments, and refuses "bad". */
    public static final class WithArgs implements NodeProgram {
        final List<String> args;

        public WithArgs() {
            this(List.of());
        }

        public WithArgs(List<String> args) {
            if (args.contains("bad")) {
                throw new IllegalArgumentException("\"bad\" is not a choice; try good");
            }
            this.args = args;
        }

        @Override
        public void install(Node node) {
        }
    }

    private void module(String module, Class<?> mainClass) throws IOException {
        TestModules.jar(root, module, mainClass);
    }

    private static CommandLine cli() {
        return GlomersCommand.commandLine(Map.of());
    }

    @Test
    void eachNodeGetsItsOwnInstanceWithTheArguments() throws IOException {
        module("strategies", WithArgs.class);

        Supplier<NodeProgram> programs = NodeJar.load(root, "strategies", List.of("good"), cli());

        NodeProgram first = programs.get();
        assertThat(first).isInstanceOf(WithArgs.class).isNotSameAs(programs.get());
        assertThat(((WithArgs) first).args).containsExactly("good");
    }

    @Test
    void argumentsTheProgramRejectsFailBeforeTheRunWithItsOwnMessage() throws IOException {
        module("strategies", WithArgs.class);

        assertThatThrownBy(() -> NodeJar.load(root, "strategies", List.of("bad"), cli()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("the strategies node rejects its arguments").hasMessageContaining("try good");
    }

    @Test
    void aProgramThatTakesNoArgumentsSaysSo() throws IOException {
        module("plain", Plain.class);

        assertThat(NodeJar.load(root, "plain", List.of(), cli()).get()).isInstanceOf(Plain.class);
        assertThatThrownBy(() -> NodeJar.load(root, "plain", List.of("fast"), cli()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("the plain node takes no arguments; leave out fast");
    }
}
