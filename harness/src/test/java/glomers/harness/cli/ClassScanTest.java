package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.cli.ClassScan.Breaks;
import glomers.harness.cli.ClassScan.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a node's classes for the calls that break a simulation ({@link ClassScan}, {@link ClassRefs}). */
class ClassScanTest {
    /** In the jar, but not reached from Program: no class names it (a nested class would be, through its nest). */
    private static final String UNREACHED = "glomers.harness.cli.ClassScanUnreached";

    @TempDir
    Path folder;

    /** Never run: its calls are only read. */
    static final class Program {
        long clock() {
            return System.nanoTime() + Instant.now().getEpochSecond();
        }

        Object threads() {
            CompletableFuture.runAsync(() -> { });
            return Executors.newSingleThreadScheduledExecutor();
        }

        Object blocking(Future<String> future, ScheduledFuture<?> scheduled, BlockingQueue<String> queue) throws Exception {
            queue.poll(1, TimeUnit.SECONDS);
            return future.get() + scheduled.get() + queue.take();
        }

        Object randomness() {
            return new Random().nextInt() + UUID.randomUUID().toString() + new Random(7).nextInt() + Helper.class.getName();
        }

        Object helper() {
            return new Helper().run();
        }
    }

    /** Reached from Program through a class reference. */
    static final class Helper {
        Object run() {
            return new Thread(() -> { });
        }
    }

    private List<Finding> scan(Class<?> program) throws IOException {
        Path classes = Path.of(ClassScanTest.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = TestJars.jar(folder.resolve("program.jar"), null, classes, ClassScanTest.class.getName(), UNREACHED);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry(UNREACHED.replace('.', '/') + ".class")).as("the unreached class is in the jar").isNotNull();
        }
        // The platform loader as the bench: these test classes are not its own, so they count as the node's.
        return ClassScan.scan(jar, program.getName(), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void findsEachKindOfCallInTheClassesReachableFromTheProgram() throws IOException {
        List<Finding> found = scan(Program.class);

        String program = Program.class.getName();
        assertThat(found).contains(
                new Finding(program, "System.nanoTime", Breaks.WALL_CLOCK),
                new Finding(program, "Instant.now", Breaks.WALL_CLOCK),
                new Finding(program, "CompletableFuture.runAsync", Breaks.THREADS),
                new Finding(program, "Executors.newSingleThreadScheduledExecutor", Breaks.THREADS),
                new Finding(program, "Future.get", Breaks.BLOCKING),
                new Finding(program, "ScheduledFuture.get", Breaks.BLOCKING),
                new Finding(program, "BlockingQueue.take", Breaks.BLOCKING),
                new Finding(program, "BlockingQueue.poll", Breaks.BLOCKING),
                new Finding(program, "Random.new", Breaks.RANDOMNESS),
                new Finding(program, "UUID.randomUUID", Breaks.RANDOMNESS),
                new Finding(Helper.class.getName(), "Thread.new", Breaks.THREADS));
        assertThat(found).filteredOn(f -> f.call().equals("Random.new")).as("new Random(7) is seeded: only new Random() counts").hasSize(1);
        assertThat(found).noneMatch(f -> f.inClass().equals(UNREACHED));
        assertThat(found).noneMatch(f -> f.call().equals("System.currentTimeMillis"));
    }

    @Test
    void aProgramThatUsesOnlyItsNodeBreaksNothing() throws IOException {
        assertThat(scan(TestModules.Echo.class)).isEmpty();
    }

    @Test
    void bytesThatAreNotAClassFileAreRefused() {
        assertThatThrownBy(() -> ClassRefs.read(new byte[] {1, 2, 3, 4, 5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a class file");
    }
}

/** See ClassScanTest.UNREACHED. */
final class ClassScanUnreached {
    private ClassScanUnreached() {
    }

    static long clock() {
        return System.currentTimeMillis();
    }
}
