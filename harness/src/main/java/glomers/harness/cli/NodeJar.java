package glomers.harness.cli;

import glomers.runtime.NamedStrategies;
import glomers.runtime.NodeProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import picocli.CommandLine;

/**
 * Finds a challenge's node program in its built jar, to run it in-process. The jar's
 * {@code Main-Class} is the program: it implements {@link NodeProgram} and has a public no-argument
 * constructor, and, if it takes command-line arguments, a public constructor taking them as a
 * {@code List<String>}. The bench loads only the challenge's own classes from the jar; the
 * runtime, Jackson and Vert.x come from the bench, so both sides agree on {@code NodeProgram}.
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

    /** The module's jar; a module that is missing or not built yet is a usage error that says how to build it. */
    static Path requireBuilt(Path root, String module, CommandLine commandLine) {
        Path jar = path(root, module);
        if (!Files.isDirectory(root.resolve(module))) {
            throw new UsageError(commandLine, "glomers has no " + module + " module yet", "glomers list (it shows what is built)");
        }
        if (!Files.exists(jar)) {
            throw new UsageError(commandLine, module + " is not built (" + jar + " is missing)", "bin/glomers build");
        }
        return jar;
    }

    /**
     * Makes the module's node program, a new instance for each node (nodes must not share state),
     * given {@code args} as a process would get them on its command line.
     */
    static Supplier<NodeProgram> load(Path root, String module, List<String> args, CommandLine commandLine) {
        Path jar = requireBuilt(root, module, commandLine);
        String mainClass;
        try (JarFile file = new JarFile(jar.toFile())) {
            mainClass = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Main-Class");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        if (mainClass == null) {
            throw new UsageError(commandLine, jar + " names no Main-Class in its manifest", "bin/glomers build");
        }
        Class<?> programClass;
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, NodeJar.class.getClassLoader());
            programClass = loader.loadClass(mainClass);
        } catch (MalformedURLException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + mainClass + " from " + jar + ": " + e, e);
        }
        if (!NodeProgram.class.isAssignableFrom(programClass)) {
            throw new UsageError(commandLine, mainClass + " in " + jar + " is not a NodeProgram");
        }
        Constructor<?> constructor;
        try {
            constructor = args.isEmpty() ? programClass.getConstructor() : programClass.getConstructor(List.class);
        } catch (NoSuchMethodException e) {
            throw new UsageError(commandLine, args.isEmpty()
                    ? mainClass + " has no public no-argument constructor"
                    : "the " + module + " node takes no arguments; leave out " + String.join(" ", args));
        }
        Supplier<NodeProgram> factory = () -> {
            try {
                return (NodeProgram) (args.isEmpty() ? constructor.newInstance() : constructor.newInstance(List.copyOf(args)));
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw cause instanceof IllegalArgumentException bad
                        ? new UsageError(commandLine, "the " + module + " node rejects its arguments: " + bad.getMessage())
                        : new IllegalStateException("cannot create " + mainClass + ": " + cause, cause);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + mainClass + ": " + e, e);
            }
        };
        factory.get(); // bad arguments fail here, before the run starts
        return factory;
    }

    /**
     * The strategy a node program runs, when it has named strategies: the {@code id()} of what its
     * public {@code strategy()} method returns, if that is a {@link NamedStrategies.Named} (as
     * broadcast's, kafka-log's and txn-rw-register's programs have); null otherwise. The program
     * chose it from its arguments, else its environment variable, else its default, as
     * {@link NamedStrategies#choose} does.
     */
    static String strategyOf(NodeProgram program) {
        try {
            Object strategy = program.getClass().getMethod("strategy").invoke(program);
            return strategy instanceof NamedStrategies.Named named ? named.id() : null;
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot ask " + program.getClass().getName() + " for its strategy: " + e, e);
        }
    }

    /**
     * The strategy the module's node runs with these arguments, as {@link #strategyOf}, for a run
     * of its launcher as child processes (which inherit this environment, and so choose alike);
     * null when the module is not built or does not take the arguments: the run itself says so.
     */
    static String strategyOf(Path root, String module, List<String> args, CommandLine commandLine) {
        try {
            return strategyOf(load(root, module, args, commandLine).get());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
