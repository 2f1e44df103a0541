package glomers.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glomers new <challenge> [DIR]}: writes a standalone Maven project for a node of one's own
 * for a challenge, on node-runtime: a pom (Java 17, one runnable jar, a start-up archive), the
 * node class with the challenge's handlers stubbed and its rules in the class comment, a test
 * that runs the challenge on the bench, the launcher for Maelstrom's {@code --bin}, and a README.
 *
 * <p>The files are templates in the harness's resources, {@code glomers/harness/new/}, with
 * {@code {{name}}} placeholders: the node class per workload ({@code nodes/<workload>.java}), the
 * rules per challenge ({@code rules/<id>.txt}, from the spec's workload facts and Fly.io's
 * pages), the training input per workload, and the rest shared. The versions of node-runtime,
 * JUnit and Vert.x's annotations come from this build ({@code versions.properties}).
 */
@Command(name = "new", sortOptions = false,
        description = {
                "Writes a Maven project for your own node of a challenge, on glomers' node-runtime: a pom (Java 17, one runnable "
                        + "jar), the node class with the challenge's handlers stubbed and its rules in a comment, a test that runs the "
                        + "challenge on the bench, bin/node for Maelstrom's --bin, and a README with the commands.",
                "",
                "The project builds against node-runtime in your local Maven repository: run bin/glomers build once to put it there.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  glomers new 3b",
                "      a project for challenge 3b in ./glomers-3b",
                "  glomers new 1 ~/echo --group-id com.example --package com.example.echo",
                "      challenge 1 in ~/echo, with Maven and Java names of your choosing"})
final class NewCommand implements Callable<Integer> {
    /** Where the templates are, on the class path. */
    private static final String TEMPLATES = "/glomers/harness/new/";
    /** Maven's characters for a groupId or artifactId. */
    private static final Pattern MAVEN_ID = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z.]+)}}");
    private static final String DEFAULT_GROUP = "my.glomers";

    /** A workload's node class name and the last part of its default package. */
    private record Kind(String className, String packagePart) {
    }

    private static final Map<String, Kind> BY_WORKLOAD = Map.of(
            "echo", new Kind("EchoNode", "echo"),
            "unique-ids", new Kind("UniqueIdsNode", "uniqueids"),
            "broadcast", new Kind("BroadcastNode", "broadcast"),
            "g-counter", new Kind("CounterNode", "gcounter"),
            "kafka", new Kind("KafkaNode", "kafka"),
            "txn-rw-register", new Kind("TxnNode", "txn"));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHALLENGE", description = "The challenge, as glomers list shows it: 1, 2, 3a … 6c.")
    String challengeId;
    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR",
            description = "The project's folder: new, or empty. Default: glomers-<challenge> in the current folder.")
    Path dir;
    @Option(names = "--group-id", paramLabel = "GROUP", description = "The project's Maven groupId. Default: " + DEFAULT_GROUP + ".")
    String groupId = DEFAULT_GROUP;
    @Option(names = "--artifact-id", paramLabel = "NAME",
            description = "The project's Maven artifactId, and its jar's name. Default: DIR's name.")
    String artifactId;
    @Option(names = "--package", paramLabel = "PACKAGE",
            description = "The node class's Java package. Default: the groupId and the workload, such as my.glomers.broadcast.")
    String javaPackage;

    @Override
    public Integer call() {
        Challenge challenge = Challenge.find(challengeId).orElseThrow(() -> usage("unknown challenge \"" + challengeId
                + "\"; glomers new takes a challenge id: " + Challenge.ids(), "glomers list (it shows the challenges)"));
        Path folder = (dir != null ? dir : Path.of("glomers-" + challenge.id())).toAbsolutePath().normalize();
        requireNewOrEmpty(folder, challenge);
        String workload = challenge.options().workload();
        Kind kind = BY_WORKLOAD.get(workload);
        if (kind == null) {
            throw new IllegalStateException("glomers new has no node template for workload " + workload);
        }
        String artifact = artifactId != null ? artifactId
                : MAVEN_ID.matcher(folder.getFileName().toString()).matches() ? folder.getFileName().toString() : "glomers-" + challenge.id();
        String packageName = javaPackage != null ? javaPackage : groupId + "." + kind.packagePart();
        requireName(MAVEN_ID.matcher(groupId).matches(), "--group-id " + groupId + " is not a Maven groupId (letters, digits, . _ -)");
        requireName(MAVEN_ID.matcher(artifact).matches(), "--artifact-id " + artifact + " is not a Maven artifactId (letters, digits, . _ -)");
        requireName(SourceVersion.isName(packageName), (javaPackage != null ? "--package " : "the package ") + packageName
                + " is not a Java package name" + (javaPackage != null ? "" : " (it comes from --group-id); give --package"));

        Map<String, String> values = new LinkedHashMap<>(versions());
        values.put("challenge.id", challenge.id());
        values.put("challenge.title", challenge.title());
        values.put("challenge.flags", challenge.flags());
        values.put("challenge.page", challenge.id().toLowerCase(Locale.ROOT));
        String rules = resource("rules/" + challenge.id() + ".txt") + "\n"
                + "Fly.io's command: ./maelstrom test " + challenge.flags() + " --bin bin/node\n"
                + "It passes when: " + challenge.targets() + ".";
        values.put("rules", rules.lines().map(line -> line.isEmpty() ? " *" : " * " + line).collect(Collectors.joining("\n")));
        values.put("groupId", groupId);
        values.put("artifactId", artifact);
        values.put("package", packageName);
        values.put("package.path", packageName.replace('.', '/'));
        values.put("className", kind.className());
        values.put("glomers.root", GlomersCommand.root().toString());
        values.put("dir", folder.toString());

        String sources = packageName.replace('.', '/') + "/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", "pom.xml");
        files.put("README.md", "README.md");
        files.put(".gitignore", "gitignore");
        files.put("bin/node", "node");
        files.put("src/main/java/" + sources + kind.className() + ".java", "nodes/" + workload + ".java");
        files.put("src/test/java/" + sources + kind.className() + "IT.java", "NodeIT.java");
        files.put("src/cds/training.jsonl", "training/" + workload + ".jsonl");
        files.forEach((file, template) -> write(folder.resolve(file), render(template, values), file.startsWith("bin/")));

        PrintWriter out = spec.commandLine().getOut();
        out.printf("Wrote a project for challenge %s (%s) in %s:%n", challenge.id(), challenge.title(), folder);
        files.keySet().forEach(file -> out.println("  " + file));
        out.println("Next:");
        Path bin = GlomersCommand.root().resolve("bin").resolve("glomers");
        if (!nodeRuntimeInstalled(values.get("glomers.version"))) {
            out.println("  " + bin + " build    (once: installs node-runtime into your local Maven repository)");
        }
        out.println("  cd " + TestCommand.shellWord(folder.toString()));
        out.println("  mvn -q package");
        out.println("  " + bin + " test " + challenge.id() + " --jar target/" + artifact + ".jar");
        out.println("The node's handlers are stubs, so the first run fails: fill them in (" + kind.className() + ".java).");
        return 0;
    }

    private void requireNewOrEmpty(Path folder, Challenge challenge) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw usage(folder + " is a file; glomers new writes a project into a new or empty folder",
                    "glomers new " + challenge.id() + " <another folder>");
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw usage(folder + " is not empty; glomers new writes a project into a new or empty folder, never over files",
                            "glomers new " + challenge.id() + " <another folder>");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
    }

    private void requireName(boolean valid, String message) {
        if (!valid) {
            throw usage(message, null);
        }
    }

    private UsageError usage(String message, String tryInstead) {
        return new UsageError(spec.commandLine(), message, tryInstead);
    }

    /** The template {@code name} with each {@code {{key}}} replaced by its value; a key without one is a bug in the template. */
    static String render(String name, Map<String, String> values) {
        String template = resource(name);
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + name + " has {{" + placeholder.group(1) + "}}, which has no value");
            }
            placeholder.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(rendered);
        return rendered.toString();
    }

    /** The versions this build writes into a project: glomers.version, junit.version, vertx.codegen.version. */
    static Map<String, String> versions() {
        Properties properties = new Properties();
        try (InputStream in = NewCommand.class.getResourceAsStream(TEMPLATES + "versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties is missing from the harness's resources");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> versions = new LinkedHashMap<>();
        for (String key : List.of("glomers.version", "junit.version", "vertx.codegen.version")) {
            String value = properties.getProperty(key);
            if (value == null || value.contains("${")) {
                throw new IllegalStateException("versions.properties has no " + key + ": the harness's resources were not filtered");
            }
            versions.put(key, value);
        }
        return versions;
    }

    private static String resource(String name) {
        try (InputStream in = NewCommand.class.getResourceAsStream(TEMPLATES + name)) {
            if (in == null) {
                throw new IllegalStateException("the template " + TEMPLATES + name + " is missing from the harness's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text, boolean executable) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            if (executable) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to mark executable
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Whether node-runtime {@code version} is in the default local Maven repository (best effort: settings may move it). */
    private static boolean nodeRuntimeInstalled(String version) {
        Path repository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        return Files.exists(repository.resolve("dev/glomers/node-runtime/" + version + "/node-runtime-" + version + ".pom"));
    }
}
