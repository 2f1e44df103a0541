package glomers.harness.run;

import glomers.harness.net.Latency;

/**
 * The parameters of one run, with Maelstrom's meanings and defaults (spec §2.1).
 *
 * @param workload          Maelstrom's workload name
 * @param nodeCount         nodes n0 … n{N-1}
 * @param timeLimitSeconds  length of the main phase
 * @param rate              client operations per second across all clients (0: none)
 * @param concurrency       worker threads; worker t talks to node t mod N
 * @param latencyMillis     mean one-way delay between servers
 * @param latencyDist       its distribution
 * @param partitions        whether the partition nemesis runs
 * @param nemesisIntervalSeconds mean seconds between nemesis operations
 * @param availability      null (not checked), or the smallest ok fraction allowed (1.0 = "total")
 * @param topology          broadcast's topology name
 * @param seed              the seed every random choice of the run derives from
 */
public record RunOptions(
        String workload,
        int nodeCount,
        int timeLimitSeconds,
        double rate,
        int concurrency,
        long latencyMillis,
        Latency latencyDist,
        boolean partitions,
        double nemesisIntervalSeconds,
        Double availability,
        String topology,
        long seed) {

    public RunOptions {
        require(nodeCount >= 1, "--node-count must be at least 1");
        require(timeLimitSeconds >= 0, "--time-limit must be at least 0");
        require(rate >= 0, "--rate must be at least 0");
        require(concurrency >= 1, "--concurrency must be at least 1");
        require(latencyMillis >= 0, "--latency must be at least 0");
        require(nemesisIntervalSeconds > 0, "--nemesis-interval must be positive");
        require(availability == null || (availability >= 0 && availability <= 1), "--availability must be total or a number from 0 to 1");
    }

    /** Maelstrom's defaults for a workload: 5 nodes, 60 s, rate 5, concurrency 1n, no latency. */
    public static RunOptions defaults(String workload) {
        return new RunOptions(workload, 5, 60, 5, 5, 0, Latency.CONSTANT, false, 10, null, "grid", 1);
    }

    public RunOptions withSeed(long newSeed) {
        return new RunOptions(workload, nodeCount, timeLimitSeconds, rate, concurrency, latencyMillis, latencyDist,
                partitions, nemesisIntervalSeconds, availability, topology, newSeed);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
