package glomers.harness.cli;

import glomers.runtime.NamedStrategies;
import glomers.runtime.NodeProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import picocli.CommandLine;

/**
 * Finds a node program in a jar, to run it in-process: a challenge module's built jar, or a jar
 * of one's own ({@code glomers test … --jar PATH}). The program is the jar's {@code Main-Class}
 * (or the class given instead): it implements {@link NodeProgram} and has a public no-argument
 * constructor, and, if it takes command-line arguments, a public constructor taking them as a
 * {@code List<String>}. The bench loads only the jar's own classes from it; the runtime, Jackson
 * and Vert.x come from the bench, even when the jar has them shaded inside, so both sides agree
 * on {@code NodeProgram}.
 */
final class NodeJar {
    /**
     * The name of every loader of a jar's own classes. Stack frames of the node's code carry it
     * ({@link StackTraceElement#getClassLoaderName}), which is how {@link SimGuard} tells the node's
     * code from the bench's.
     */
    static final String LOADER_NAME = "node jar";

    private static final Map<String, String> MODULE_BY_WORKLOAD = Map.of(
            "echo", "echo", "unique-ids", "unique-ids", "broadcast", "broadcast", "g-counter", "g-counter",
            "kafka", "kafka-log", "txn-rw-register", "txn-rw-register");

    /**
     * A jar opened: its path, the loader of its own classes, and its node program's class.
     *
     * @param what the node, for messages: "the broadcast node", "my.pkg.EchoNode in target/x.jar"
     */
    record Opened(Path jar, ClassLoader loader, Class<?> program, String what) {
    }

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
        Opened opened = open(jar, null, "bin/glomers build", commandLine);
        return programs(new Opened(jar, opened.loader(), opened.program(), "the " + module + " node"), args, commandLine);
    }

    /**
     * Opens {@code jar} and finds its node program: {@code mainClass}, or if that is null the
     * manifest's {@code Main-Class}. A jar that names no node program is a usage error; when the jar
     * holds node programs, the "Try:" line names one with --main. One that cannot be read is an
     * UncheckedIOException.
     *
     * @param rebuild what to try when the manifest names no Main-Class and the jar has no node program
     */
    static Opened open(Path jar, String mainClass, String rebuild, CommandLine commandLine) {
        String named = mainClass;
        List<String> programs;
        try (JarFile file = new JarFile(jar.toFile())) {
            if (named == null && file.getManifest() != null) {
                named = file.getManifest().getMainAttributes().getValue("Main-Class");
            }
            programs = named == null ? nodePrograms(file, jar) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        if (named == null) {
            throw new UsageError(commandLine, jar + " names no Main-Class in its manifest, so which class is the node program?",
                    programs.isEmpty() ? rebuild : "--main " + programs.get(0));
        }
        String where = named + " in " + jar;
        Class<?> programClass;
        ClassLoader loader = loader(jar);
        try {
            programClass = Class.forName(named, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            String why = e instanceof ClassNotFoundException ? "there is no such class in it" : "it does not link: " + e.getMessage();
            throw new UsageError(commandLine, "cannot load " + where + ": " + why, mainClass != null
                    ? "--main with a class in the jar, such as " + String.join(", ", nodeProgramsIn(jar)) : rebuild);
        }
        if (!NodeProgram.class.isAssignableFrom(programClass)) {
            List<String> candidates = nodeProgramsIn(jar);
            throw new UsageError(commandLine, where + " is not a NodeProgram (glomers.runtime.NodeProgram)",
                    candidates.isEmpty() ? "a class that implements NodeProgram, with --main CLASS" : "--main " + candidates.get(0));
        }
        return new Opened(jar, loader, programClass, where);
    }

    /**
     * Makes the opened jar's node program, a new instance for each node (nodes must not share
     * state), given {@code args} as a process would get them on its command line.
     */
    static Supplier<NodeProgram> programs(Opened opened, List<String> args, CommandLine commandLine) {
        Class<?> programClass = opened.program();
        Constructor<?> constructor;
        try {
            constructor = args.isEmpty() ? programClass.getConstructor() : programClass.getConstructor(List.class);
        } catch (NoSuchMethodException e) {
            throw new UsageError(commandLine, args.isEmpty()
                    ? programClass.getName() + " has no public no-argument constructor"
                    : opened.what() + " takes no arguments; leave out " + String.join(" ", args));
        }
        Supplier<NodeProgram> factory = () -> {
            try {
                return (NodeProgram) (args.isEmpty() ? constructor.newInstance() : constructor.newInstance(List.copyOf(args)));
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw cause instanceof IllegalArgumentException bad
                        ? new UsageError(commandLine, opened.what() + " rejects its arguments: " + bad.getMessage())
                        : new IllegalStateException("cannot create " + programClass.getName() + ": " + cause, cause);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + programClass.getName() + ": " + e, e);
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

    /** A loader for the jar's own classes, named {@link #LOADER_NAME}; the bench's classes come first. */
    private static ClassLoader loader(Path jar) {
        try {
            return new URLClassLoader(LOADER_NAME, new URL[] {jar.toUri().toURL()}, NodeJar.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("cannot make a URL of " + jar, e);
        }
    }

    private static List<String> nodeProgramsIn(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return nodePrograms(file, jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /** The jar's own public classes (not the bench's) that implement NodeProgram, loaded without running any of their code. */
    private static List<String> nodePrograms(JarFile file, Path jar) {
        ClassLoader loader = loader(jar);
        ClassLoader bench = NodeJar.class.getClassLoader();
        return Collections.list(file.entries()).stream()
                .map(JarEntry::getName)
                .filter(name -> name.endsWith(".class") && !name.contains("-") && bench.getResource(name) == null)
                .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                .filter(name -> {
                    try {
                        Class<?> c = Class.forName(name, false, loader);
                        return NodeProgram.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers()) && !c.isInterface();
                    } catch (ClassNotFoundException | LinkageError e) {
                        return false;
                    }
                })
                .sorted()
                .toList();
    }
}
