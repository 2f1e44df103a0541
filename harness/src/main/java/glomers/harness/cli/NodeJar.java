package glomers.harness.cli;

import glomers.runtime.NodeProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import picocli.CommandLine;

/**
 * Finds a challenge's node program in its built jar, to run it in-process. The jar's
 * {@code Main-Class} is the program: it implements {@link NodeProgram} and has a public no-argument
 * constructor. The bench loads only the challenge's own classes from the jar; the runtime,
 * Jackson and Vert.x come from the bench, so both sides agree on {@code NodeProgram}.
 */
final class NodeJar {
    private static final Map<String, String> MODULE_BY_WORKLOAD = Map.of(
            "echo", "echo", "unique-ids", "unique-ids", "broadcast", "broadcast", "g-counter", "g-counter",
            "kafka", "kafka-log", "txn-rw-register", "txn-rw-register");

    private NodeJar() {
    }

    static String moduleFor(String workload) {
        return MODULE_BY_WORKLOAD.getOrDefault(workload, workload);
    }

    static Path path(Path root, String module) {
        return root.resolve(module).resolve("target").resolve(module + ".jar");
    }

    /** One instance of the module's node program; each node gets its own through {@link #fresh}. */
    static NodeProgram load(Path root, String module, CommandLine commandLine) {
        Path jar = path(root, module);
        if (!Files.isDirectory(root.resolve(module))) {
            throw new CommandLine.ParameterException(commandLine, "glomers has no " + module + " module yet");
        }
        if (!Files.exists(jar)) {
            throw new CommandLine.ParameterException(commandLine, module + " is not built (" + jar + " is missing); build it with: bin/glomers build");
        }
        String mainClass;
        try (JarFile file = new JarFile(jar.toFile())) {
            mainClass = file.getManifest().getMainAttributes().getValue("Main-Class");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, NodeJar.class.getClassLoader());
            Object program = loader.loadClass(mainClass).getDeclaredConstructor().newInstance();
            if (!(program instanceof NodeProgram nodeProgram)) {
                throw new CommandLine.ParameterException(commandLine, mainClass + " in " + jar + " is not a NodeProgram");
            }
            return nodeProgram;
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load " + mainClass + " from " + jar + ": " + e, e);
        }
    }

    /** A new instance of the same program class: nodes must not share state. */
    static NodeProgram fresh(NodeProgram template) {
        try {
            return template.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + template.getClass().getName(), e);
        }
    }
}
