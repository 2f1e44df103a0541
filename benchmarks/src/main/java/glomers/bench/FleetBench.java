package glomers.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Measurement 2, many at once: start a whole cluster back to back, as Maelstrom does for the
 * 25-node challenges, and time until the last one has answered. Node rounds and bare-JVM rounds
 * alternate.
 */
final class FleetBench {
    /**
     * Every round's time in nanoseconds, in the order measured: until the last node answered
     * init; until the last node also answered one echo sent right after (ready to serve, all its
     * start-up work done, including any deferred past init); until the last bare JVM's line.
     */
    record Result(long[] nodeNanos, long[] nodeReadyNanos, long[] bareNanos) {
    }

    /** The msg_id of the echo sent to every node once all have answered init. */
    private static final long FIRST_ECHO_MSG_ID = 2;

    private FleetBench() {
    }

    static Result run(Spawner spawner, int nodes, int rounds) {
        long[] node = new long[rounds];
        long[] ready = new long[rounds];
        long[] bare = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long[] nodeTimes = timeNodes(spawner, nodes);
            node[i] = nodeTimes[0];
            ready[i] = nodeTimes[1];
            bare[i] = timeBares(spawner, nodes);
        }
        return new Result(node, ready, bare);
    }

    /**
     * From the first start() until the last node's init_ok has been read, and until the last
     * node's answer to an echo sent to each once all had answered init (as Maelstrom sends
     * broadcast's topology once every node is initialised).
     */
    static long[] timeNodes(Spawner spawner, int count) {
        List<String> ids = Protocol.nodeIds(count);
        List<Child> nodes = new ArrayList<>(count);
        try {
            long start = System.nanoTime();
            for (String id : ids) {
                nodes.add(spawner.startNode(id));
            }
            for (int i = 0; i < count; i++) {
                nodes.get(i).send(Protocol.initRequest(ids.get(i), ids));
            }
            long last = awaitFirstLines(nodes, "init_ok",
                    node -> Protocol.requireInitOk(node.name(), node.readLineOrNull()));
            for (int i = 0; i < count; i++) {
                nodes.get(i).send(Protocol.echoRequest(ids.get(i), FIRST_ECHO_MSG_ID));
            }
            long ready = awaitFirstLines(nodes, "echo_ok", node -> {
                String line = node.readLineOrNull();
                if (!Protocol.isEchoOkFor(line, FIRST_ECHO_MSG_ID)) {
                    throw new BenchmarkFailure(node.name() + " answered its first echo with: " + line);
                }
            });
            nodes.forEach(Child::closeStdin);
            awaitExits(nodes, "after its stdin was closed");
            return new long[] {last - start, ready - start};
        } finally {
            Child.closeAll(nodes);
        }
    }

    /** From the first start() until the last bare JVM's line has been read. */
    static long timeBares(Spawner spawner, int count) {
        List<Child> bares = new ArrayList<>(count);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                bares.add(spawner.startBare(String.valueOf(i)));
            }
            long last = awaitFirstLines(bares, "line", bare -> {
                if (bare.readLineOrNull() == null) {
                    throw bare.endedBefore("printing its line");
                }
            });
            awaitExits(bares, "after printing its line");
            return last - start;
        } finally {
            Child.closeAll(bares);
        }
    }

    /**
     * Reads each child's first line on a thread of its own, with {@code check}, and returns
     * the System.nanoTime() at which the last one was read. If they are not all read within
     * {@link Limits#SINGLE_WAIT}, the stragglers are killed and this fails.
     */
    private static long awaitFirstLines(List<Child> children, String awaiting, Consumer<Child> check) {
        int count = children.size();
        CountDownLatch done = new CountDownLatch(count);
        AtomicReferenceArray<Long> readAt = new AtomicReferenceArray<>(count);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            Child child = children.get(i);
            Thread reader = new Thread(() -> {
                try {
                    check.accept(child);
                    readAt.set(index, System.nanoTime());
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "read " + child.name());
            reader.setDaemon(true);
            reader.start();
        }
        awaitOrKill(done, children, awaiting);
        if (failure.get() != null) {
            throw failure.get();
        }
        long last = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            last = Math.max(last, readAt.get(i));
        }
        return last;
    }

    private static void awaitOrKill(CountDownLatch done, List<Child> children, String awaiting) {
        boolean all;
        try {
            all = done.await(Limits.SINGLE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all = false;
        }
        if (!all) {
            long missing = done.getCount();
            String reason = "was one of " + missing + " of " + children.size() + " that sent no " + awaiting
                    + " within " + Limits.seconds(Limits.SINGLE_WAIT) + "; killed";
            children.forEach(child -> child.kill(reason));
            throw new BenchmarkFailure(missing + " of " + children.size() + " processes sent no " + awaiting
                    + " within " + Limits.seconds(Limits.SINGLE_WAIT));
        }
    }

    /** Waits for all to exit with status 0, all within one {@link Limits#SINGLE_WAIT}. */
    private static void awaitExits(List<Child> children, String when) {
        long deadline = System.nanoTime() + Limits.SINGLE_WAIT.toNanos();
        for (Child child : children) {
            child.awaitExit(Duration.ofNanos(deadline - System.nanoTime()), when);
        }
    }
}
