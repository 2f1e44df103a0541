package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.TestCli.Ran;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glomers test … --jar}: a node jar of one's own, compiled here and so not on the bench's
 * class path, in sim mode; and what breaks a simulation, found in its classes or while it runs.
 */
class OwnJarTest {
    @TempDir
    static Path compiled;
    private static Path classes;

    @TempDir
    Path root;

    /** An echo node as a learner writes it, named {@code className}; {@code echoOk} and {@code beforeReply} make its variants. */
    private static String echo(String className, String echoOk, String beforeReply) {
        return """
                package own;
                import glomers.runtime.Body;
                import glomers.runtime.Node;
                import glomers.runtime.NodeProgram;
                public final class CLASS implements NodeProgram {
                    @Override
                    public void install(Node node) {
                        node.on("echo", request -> {
                            BEFORE_REPLY
                            request.reply(Body.of(ECHO_OK).put("echo", request.body().get("echo")));
                        });
                    }
                    static Runnable helper(String name) {
                        try {
                            return (Runnable) Class.forName(name).getConstructor().newInstance();
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    public static void main(String[] args) {
                        Node.runOnStdio(new CLASS());
                    }
                }
                """.replace("CLASS", className).replace("ECHO_OK", echoOk).replace("BEFORE_REPLY", beforeReply);
    }

    /** Starts one idle pool thread, once: a daemon, so it outlives the test harmlessly. No class names it: it is found by name. */
    private static final String POOL = """
            package own;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            public final class Pool implements Runnable {
                static ExecutorService pool;
                @Override
                public synchronized void run() {
                    if (pool == null) {
                        pool = Executors.newSingleThreadExecutor(task -> {
                            Thread thread = new Thread(task, "learner-pool");
                            thread.setDaemon(true);
                            return thread;
                        });
                        pool.submit(() -> { });
                    }
                }
            }
            """;

    /** Waits for a future nothing will ever complete: under the virtual clock, a deadlock. Found by name, as Pool is. */
    private static final String WAITER = """
            package own;
            import java.util.concurrent.CompletableFuture;
            public final class Waiter implements Runnable {
                @Override
                public void run() {
                    try {
                        new CompletableFuture<Void>().get();
                    } catch (Exception e) {
                        throw new IllegalStateException("interrupted while waiting", e);
                    }
                }
            }
            """;

    @BeforeAll
    static void compileTheNodes() throws IOException {
        classes = TestJars.compile(compiled, Map.of(
                "own.EchoNode", echo("EchoNode", "\"echo_ok\"", ""),
                "own.Tool", "package own; public final class Tool { }",
                "own.ClockEcho", echo("ClockEcho", "\"echo_ok\"", "if (System.currentTimeMillis() < 0) { try { Thread.sleep(100); } "
                        + "catch (InterruptedException e) { Thread.currentThread().interrupt(); } }"),
                "own.RandomEcho", echo("RandomEcho", "new java.util.Random().nextBoolean() ? \"echo_ok\" : \"echo_ok\"", ""),
                "own.PoolEcho", echo("PoolEcho", "\"echo_ok\"", "helper(\"own.Pool\").run();"),
                "own.Pool", POOL,
                "own.WaitingEcho", echo("WaitingEcho", "\"echo_ok\"", "helper(\"own.Waiter\").run();"),
                "own.Waiter", WAITER));
    }

    private Ran run(String... args) {
        return TestCli.run(root, Map.of(), Stream.concat(Stream.of(args), Stream.of("--results", root.resolve("runs").toString()))
                .toArray(String[]::new));
    }

    private Path jar(String name, String mainClass, String... classNames) throws IOException {
        return TestJars.jar(root.resolve(name), mainClass, classes, classNames);
    }

    @Test
    void aNodeOfOnesOwnRunsInSimModeOnOneSeedAndOnMany() throws IOException {
        Path jar = jar("echo.jar", "own.EchoNode", "own.EchoNode");

        Ran one = run("test", "1", "--jar", jar.toString(), "--time-limit", "3");
        Ran many = run("test", "1", "--jar", jar.toString(), "--time-limit", "3", "--seeds", "1..4");

        assertThat(one.status()).as(one.out() + one.err()).isZero();
        assertThat(one.out()).contains("simulated in", "in-process", "Everything looks good!");
        assertThat(many.status()).as(many.out() + many.err()).isZero();
        assertThat(many.out()).contains("4 of 4 seeds valid");
    }

    @Test
    void theNodeProgramIsTheManifestsMainClassOrTheOneNamed() throws IOException {
        Path noMain = jar("no-main.jar", null, "own.EchoNode");
        Path wrongMain = jar("wrong-main.jar", "own.Tool", "own.EchoNode", "own.Tool");

        TestCli.assertUsageError(run("test", "1", "--jar", noMain.toString()), "names no Main-Class");
        assertThat(run("test", "1", "--jar", noMain.toString()).errLines().get(1)).isEqualTo("Try: --main own.EchoNode");
        TestCli.assertUsageError(run("test", "1", "--jar", wrongMain.toString()), "own.Tool", "is not a NodeProgram");
        assertThat(run("test", "1", "--jar", wrongMain.toString()).errLines().get(1)).isEqualTo("Try: --main own.EchoNode");
        TestCli.assertUsageError(run("test", "1", "--jar", noMain.toString(), "--main", "own.Missing"),
                "cannot load own.Missing", "there is no such class in it");
        assertThat(run("test", "1", "--jar", noMain.toString(), "--main", "own.EchoNode", "--time-limit", "2").status()).isZero();
    }

    @Test
    void jarMistakesAreUsageErrors() throws IOException {
        Path jar = jar("echo.jar", "own.EchoNode", "own.EchoNode");

        TestCli.assertUsageError(run("test", "1", "--jar", root.resolve("missing.jar").toString()), "does not exist");
        TestCli.assertUsageError(run("test", "1", "--jar", root.toString()), "is not a file");
        TestCli.assertUsageError(run("test", "1", "--jar", Files.writeString(root.resolve("text.jar"), "not a jar").toString()),
                "is not a jar that can be read");
        TestCli.assertUsageError(run("test", "1", "--main", "own.EchoNode"), "--main", "--jar");
        TestCli.assertUsageError(run("test", "1", "--jar", jar.toString(), "--bin", jar.toString()), "--jar", "--bin");
        TestCli.assertUsageError(run("test", "1", "--jar", jar.toString(), "--mode", "process"), "sim mode only", "--bin");
    }

    @Test
    void callsThatBreakASimulationAreFoundInTheClassesBeforeAnyRun() throws IOException {
        Path jar = jar("clock.jar", "own.ClockEcho", "own.ClockEcho");

        Ran ran = run("test", "1", "--jar", jar.toString());

        TestCli.assertUsageError(ran, "own.ClockEcho in " + jar + " cannot be simulated",
                "own.ClockEcho calls System.currentTimeMillis: it reads the wall clock", "(use node.now())",
                "own.ClockEcho calls Thread.sleep: it blocks the node's one thread");
        assertThat(ran.errLines().get(1)).startsWith("Try: glomers test 1 --bin ").contains("real processes in real time");
        assertThat(root.resolve("runs")).doesNotExist();
    }

    @Test
    void unseededRandomnessIsOnlyAWarningSinceTheVerdictStands() throws IOException {
        Path jar = jar("random.jar", "own.RandomEcho", "own.RandomEcho");

        Ran ran = run("test", "1", "--jar", jar.toString(), "--time-limit", "2");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ran.err()).contains("glomers: warning: own.RandomEcho calls Random.new: it draws random numbers no seed controls");
    }

    @Test
    void aThreadTheNodeStartsWhereNoScanSeesItStopsTheRunWithoutAVerdict() throws IOException {
        Path jar = jar("threads.jar", "own.PoolEcho", "own.PoolEcho", "own.Pool");

        Ran one = run("test", "1", "--jar", jar.toString(), "--time-limit", "2");
        Ran many = run("test", "1", "--jar", jar.toString(), "--time-limit", "2", "--runs", "3");

        assertThat(one.status()).as(one.out() + one.err()).isEqualTo(GlomersCommand.BROKE);
        assertThat(one.out()).contains("Aborted: the node started a thread of its own, \"learner-pool\"", "use node.after")
                .doesNotContain("Everything looks good");
        assertThat(many.status()).as(many.out() + many.err()).isEqualTo(GlomersCommand.BROKE);
        assertThat(many.err()).contains("glomers: no verdict for any seed: on seed 1, the node started a thread of its own");
        assertThat(many.out()).doesNotContain("seeds valid");
    }

    @Test
    void aBlockingCallTheScanCannotSeeIsFreedAndStopsTheRun() throws IOException {
        Path jar = jar("blocking.jar", "own.WaitingEcho", "own.WaitingEcho", "own.Waiter");

        Ran ran = run("test", "1", "--jar", jar.toString(), "--time-limit", "2");

        assertThat(ran.status()).as(ran.out() + ran.err()).isEqualTo(GlomersCommand.BROKE);
        assertThat(ran.out()).contains("Aborted: the node blocked the thread it runs on, in CompletableFuture.get called from Waiter.run");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(OwnJarTest.class.getClassLoader());
    }
}
