package glomers.harness.cli;

import glomers.runtime.Body;
import glomers.runtime.NamedStrategies;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Module folders with a built jar, as the bench finds them under the repository root, and small nodes to put in them. */
final class TestModules {
    private TestModules() {
    }

    /**
     * Writes {@code <root>/<module>/target/<module>.jar} naming {@code mainClass}; the class itself
     * comes from the test classpath, which is the bench's, so the jar needs only its manifest.
     */
    static void jar(Path root, String module, Class<?> mainClass) throws IOException {
        Path jar = NodeJar.path(root, module);
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        try (OutputStream out = Files.newOutputStream(jar)) {
            new JarOutputStream(out, manifest).close(); // a manifest is all it needs
        }
    }

    /** A correct echo node; it takes any node arguments and ignores them. */
    public static final class Echo implements NodeProgram {
        public Echo() {
        }

        public Echo(List<String> args) {
        }

        @Override
        public void install(Node node) {
            node.on("echo", request -> request.reply(Body.of("echo_ok").put("echo", request.body().get("echo"))));
        }

        /** The node as a process: {@code java -cp <the test class path> 'glomers.harness.cli.TestModules$Echo'}. */
        public static void main(String[] args) {
            Node.runOnStdio(new Echo());
        }
    }

    /** An echo node whose replies carry a field echo_ok does not have: every reply is malformed. It ignores node arguments. */
    public static final class ChattyEcho implements NodeProgram {
        public ChattyEcho() {
        }

        public ChattyEcho(List<String> args) {
        }

        @Override
        public void install(Node node) {
            node.on("echo", request -> request.reply(
                    Body.of("echo_ok").put("echo", request.body().get("echo")).put("mood", "chatty")));
        }
    }

    /** A correct echo node with named strategies, as broadcast's node has: each strategy echoes alike. */
    public static final class StrategyEcho implements NodeProgram {
        /** The strategies: the default, calm, and loud. */
        public enum Mood implements NamedStrategies.Named {
            CALM, LOUD;

            @Override
            public String id() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        private static final NamedStrategies<Mood> MOODS = new NamedStrategies<>(Mood.class, Mood.CALM, "echo", "GLOMERS_TEST_MOOD");
        private final Mood mood;

        public StrategyEcho() {
            this(List.of());
        }

        public StrategyEcho(List<String> args) {
            mood = MOODS.choose(args, null);
        }

        public Mood strategy() {
            return mood;
        }

        @Override
        public void install(Node node) {
            node.on("echo", request -> request.reply(Body.of("echo_ok").put("echo", request.body().get("echo"))));
        }
    }
}
