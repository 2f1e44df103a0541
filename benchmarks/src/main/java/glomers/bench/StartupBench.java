package glomers.bench;

import java.util.List;

/**
 * Measurement 1, start to init_ok: one process at a time, node and bare JVM alternating, so
 * that a drift in the machine's speed touches both alike.
 */
final class StartupBench {
    /** All start times in nanoseconds, in the order measured. */
    record Result(long[] nodeNanos, long[] bareNanos) {
    }

    private StartupBench() {
    }

    static Result run(Spawner spawner, int starts) {
        long[] node = new long[starts];
        long[] bare = new long[starts];
        for (int i = 0; i < starts; i++) {
            node[i] = timeNode(spawner);
            bare[i] = timeBare(spawner);
        }
        return new Result(node, bare);
    }

    /** From just before start() until the init_ok line has been read. */
    static long timeNode(Spawner spawner) {
        long start = System.nanoTime();
        try (Child node = spawner.startNode("n0")) {
            node.send(Protocol.initRequest("n0", List.of("n0")));
            String reply = node.readLine(Limits.SINGLE_WAIT, "init_ok");
            long elapsed = System.nanoTime() - start;
            Protocol.requireInitOk(node.name(), reply);
            node.finish(Limits.SINGLE_WAIT);
            return elapsed;
        }
    }

    /** From just before start() until the bare JVM's one line has been read. */
    static long timeBare(Spawner spawner) {
        long start = System.nanoTime();
        try (Child bare = spawner.startBare("0")) {
            bare.readLine(Limits.SINGLE_WAIT, "line");
            long elapsed = System.nanoTime() - start;
            bare.awaitExit(Limits.SINGLE_WAIT, "after printing its line");
            return elapsed;
        }
    }
}
