package glomers.learner;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.Challenge;
import glomers.harness.cli.GlomersCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learner's path end to end (issue 14): {@code glomers new} writes a project for every
 * challenge; each builds offline against node-runtime and the bench as {@code bin/glomers build}
 * installs them, with nothing but what this reactor build has downloaded; every stub fails its
 * challenge on the bench; and the echo stub filled in passes, with the same verdicts in sim mode
 * ({@code --jar}) as in process mode (the project's {@code bin/node}).
 *
 * <p>The local repository. Maven 3.8 reads one, so the projects get a fresh one under the test's
 * folder, holding what {@code bin/glomers build} installs (the parent pom, node-runtime and the
 * harness, copied from this build into the repository's layout as {@code mvn install} would).
 * Everything else comes from the reactor's own local repository, as a file:// mirror, which Maven
 * reads offline when told {@code aether.offline.protocols=file}. That repository is only read: a
 * project's build never writes into it, and nothing of glomers is taken from it.
 *
 * <p>Two Maven runs, one over an aggregator pom each: two projects built fully (shaded jar,
 * start-up archive, their bench test: the echo stub and the echo filled in), and every other
 * one compiled, main and test. The time of each step is printed.
 */
class NewProjectsIT {
    private static final String VERSION = required("glomers.version");
    private static final Path ROOT = Path.of(required("glomers.root")).toAbsolutePath().normalize();
    private static final Path REACTOR_REPOSITORY = Path.of(required("glomers.reactor.repository"));
    private static final Path MAVEN = Path.of(required("glomers.maven.home"), "bin", "mvn");
    private static final long MAVEN_TIMEOUT_MINUTES = 5;
    /** The two projects built fully, and the line the filled-in one gets instead of its stub's. */
    private static final String STUB = "glomers-1";
    private static final String FILLED = "glomers-1-filled";
    private static final String STUB_LINE = "request.reply(Body.of(\"echo_ok\").put(\"echo\", \"TODO\"));";
    /** Each stub runs its challenge this long, not the published 10 to 30 s: a stub fails from the first seconds. */
    private static final int STUB_SECONDS = 3;
    private static final String FILLED_LINE = "request.reply(Body.of(\"echo_ok\").put(\"echo\", request.body().get(\"echo\")));";

    @TempDir
    static Path work;
    private static Path projects;
    private static Path runs;

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run this test through Maven (failsafe)");
        }
        return value;
    }

    private static Path project(String name) {
        return projects.resolve(name);
    }

    @BeforeAll
    static void writeAndBuildTheProjects() throws Exception {
        projects = Files.createDirectories(work.resolve("projects"));
        runs = work.resolve("runs");
        long started = System.nanoTime();
        List<String> names = new ArrayList<>();
        for (Challenge challenge : Challenge.ALL) {
            String name = "glomers-" + challenge.id();
            assertThat(GlomersCommand.execute("new", challenge.id(), project(name).toString())).as("glomers new " + challenge.id()).isZero();
            names.add(name);
        }
        assertThat(GlomersCommand.execute("new", "1", project(FILLED).toString())).isZero();
        Path node = project(FILLED).resolve("src/main/java/my/glomers/echo/EchoNode.java");
        String stub = Files.readString(node);
        assertThat(stub).contains(STUB_LINE);
        Files.writeString(node, stub.replace(STUB_LINE, FILLED_LINE));
        names.add(FILLED);
        lap("glomers new, " + names.size() + " projects", started);

        Path repository = seedRepository(work.resolve("repository"));
        Path settings = Files.writeString(work.resolve("settings.xml"), "<settings><mirrors><mirror><id>reactor-repository</id>"
                + "<mirrorOf>*</mirrorOf><url>" + REACTOR_REPOSITORY.toUri() + "</url></mirror></mirrors></settings>\n");
        List<String> full = List.of(STUB, FILLED);
        maven(settings, repository, aggregator("all.xml", names.stream().filter(name -> !full.contains(name)).toList()), "test-compile");
        maven(settings, repository, aggregator("full.xml", full), "verify", "-Dmaven.test.failure.ignore=true");
    }

    @Test
    void everyChallengeGetsAProjectThatCompilesAndWhoseStubFailsTheChecker() throws IOException {
        long started = System.nanoTime();
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        for (Challenge challenge : Challenge.ALL) {
            Path project = project("glomers-" + challenge.id());
            assertThat(project.resolve("README.md")).content().contains("bin/glomers test " + challenge.id() + " --jar target/");
            assertThat(project.resolve("bin/node")).isExecutable();
            Path classes = project.resolve("target/classes");
            try (Stream<Path> compiled = Files.walk(classes)) {
                assertThat(compiled.filter(f -> f.toString().endsWith("Node.class")).count()).as(project + " compiled").isOne();
            }
            Path jar = jarOf(classes, work.resolve(challenge.id() + ".jar"));
            verdicts.put(challenge.id(), GlomersCommand.execute("test", challenge.id(), "--jar", jar.toString(), "--main",
                    mainClassOf(project), "--time-limit", String.valueOf(STUB_SECONDS), "--results", runs.toString()));
        }
        lap("every stub on the bench", started);

        // 1: invalid, as Maelstrom's exit status says; no stub passes, none breaks the run.
        assertThat(verdicts).as("each stub's exit status").allSatisfy((id, status) -> assertThat(status).as(id).isEqualTo(1));
    }

    @Test
    void theStubsProjectBuildsARunnableJarAndItsBenchTestFailsAsItShould() throws IOException {
        Path project = project(STUB);

        assertThat(project.resolve("target/" + STUB + ".jar")).isRegularFile();
        assertThat(project.resolve("target/" + STUB + ".jsa")).as("the start-up archive").isRegularFile();
        String report = Files.readString(project.resolve("target/failsafe-reports/TEST-my.glomers.echo.EchoNodeIT.xml"));
        assertThat(report).contains("<failure").contains("glomers test 1 on seeds 1 to 10").contains("exit status 1");
    }

    @Test
    void theFilledInNodePassesItsTestAndGetsTheSameVerdictsInSimAndAsProcesses() throws IOException {
        String report = Files.readString(project(FILLED).resolve("target/failsafe-reports/TEST-my.glomers.echo.EchoNodeIT.xml"));
        assertThat(report).contains("tests=\"1\"").contains("failures=\"0\"").contains("errors=\"0\"");

        long started = System.nanoTime();
        Map<String, Integer> sim = new LinkedHashMap<>();
        Map<String, Integer> processes = new LinkedHashMap<>();
        for (String name : List.of(FILLED, STUB)) {
            Path project = project(name);
            sim.put(name, GlomersCommand.execute("test", "1", "--jar", project.resolve("target/" + name + ".jar").toString(),
                    "--runs", "5", "--time-limit", "3", "--results", runs.toString()));
            processes.put(name, GlomersCommand.execute("test", "1", "--bin", project.resolve("bin/node").toString(),
                    "--time-limit", "3", "--results", runs.toString()));
        }
        lap("echo filled in and stub, in sim mode over 5 seeds and as processes", started);

        assertThat(sim).isEqualTo(Map.of(FILLED, 0, STUB, 1));
        assertThat(processes).isEqualTo(sim);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** The local repository with what {@code bin/glomers build} installs: the parent pom, node-runtime and the harness. */
    private static Path seedRepository(Path repository) throws IOException {
        install(repository, "glomers", ROOT.resolve("pom.xml"), null);
        for (String module : List.of("node-runtime", "harness")) {
            Path jar = ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
            assertThat(jar).as(module + "'s jar, which the reactor builds before this module").isRegularFile();
            install(repository, module, ROOT.resolve(module).resolve("pom.xml"), jar);
        }
        return repository;
    }

    /** Copies a pom (and its jar) to where {@code mvn install} puts them: dev/glomers/ARTIFACT/VERSION/ARTIFACT-VERSION.pom. */
    private static void install(Path repository, String artifact, Path pom, Path jar) throws IOException {
        Path folder = Files.createDirectories(repository.resolve("dev/glomers").resolve(artifact).resolve(VERSION));
        Files.copy(pom, folder.resolve(artifact + "-" + VERSION + ".pom"));
        if (jar != null) {
            Files.copy(jar, folder.resolve(artifact + "-" + VERSION + ".jar"));
        }
    }

    private static Path aggregator(String file, List<String> modules) throws IOException {
        String moduleList = modules.stream().map(m -> "<module>" + m + "</module>").collect(Collectors.joining());
        return Files.writeString(projects.resolve(file), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0"
                + "</modelVersion><groupId>test</groupId><artifactId>" + file.replace(".xml", "") + "</artifactId><version>1</version>"
                + "<packaging>pom</packaging><modules>" + moduleList + "</modules></project>\n");
    }

    /** Runs the reactor's Maven offline on {@code pom}, with only {@code repository} and the reactor's as a mirror. */
    private static void maven(Path settings, Path repository, Path pom, String... goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(MAVEN.toString(), "-B", "-q", "-o", "-Daether.offline.protocols=file",
                "-s", settings.toString(), "-Dmaven.repo.local=" + repository, "-f", pom.toString()));
        command.addAll(List.of(goals));
        Path log = work.resolve(pom.getFileName() + ".log");
        long started = System.nanoTime();
        Process maven = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = maven.waitFor(MAVEN_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            maven.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished && maven.exitValue() == 0).as("%s ended well; its output:%n%s", String.join(" ", command),
                output.substring(Math.max(0, output.length() - 8_000))).isTrue();
        lap("mvn " + String.join(" ", goals) + " on " + pom.getFileName(), started);
    }

    /** The node class a project's pom names. */
    private static String mainClassOf(Path project) throws IOException {
        String pom = Files.readString(project.resolve("pom.xml"));
        return pom.substring(pom.indexOf("<main.class>") + "<main.class>".length(), pom.indexOf("</main.class>"));
    }

    /** A jar of compiled classes: the node's own only, the bench provides the runtime. */
    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void lap(String what, long startedNanos) {
        System.out.printf("NewProjectsIT: %s took %.1f s%n", what, (System.nanoTime() - startedNanos) / 1e9);
    }
}
