package glomers.harness.run;

import glomers.harness.net.Latency;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of one run, with Maelstrom's meanings and defaults (spec §2.1).
 *
 * @param workload          Maelstrom's workload name
 * @param nodes             the server nodes in test order: {@code n0 … n{N-1}} with
 *                          {@code --node-count N}, Jepsen's default {@code n1 … n5} without
 * @param timeLimitSeconds  length of the main phase
 * @param rate              client operations per second across all clients (0: none)
 * @param concurrency       worker threads; worker t talks to node t mod N
 * @param latencyMillis     mean one-way delay between servers
 * @param latencyDist       its distribution
 * @param partitions        whether the partition nemesis runs
 * @param nemesisIntervalSeconds mean seconds between nemesis operations
 * @param availability      null (not checked), or the smallest ok fraction allowed (1.0 = "total")
 * @param topology          broadcast's topology name
 * @param txn               the options of the key-based workloads (kafka, txn-rw-register)
 * @param seed              the seed every random choice of the run derives from
 */
public record RunOptions(
        String workload,
        List<String> nodes,
        int timeLimitSeconds,
        double rate,
        int concurrency,
        long latencyMillis,
        Latency latencyDist,
        boolean partitions,
        double nemesisIntervalSeconds,
        Double availability,
        String topology,
        KeyOptions txn,
        long seed) {

    /**
     * The options Maelstrom hands to Elle's generators and checkers (kafka and txn-rw-register).
     *
     * @param keyCount           active keys at a time (Maelstrom's {@code --key-count}; Elle's default 10)
     * @param maxTxnLength       micro-operations per transaction, at most ({@code --max-txn-length}, 4; kafka forces 1)
     * @param maxWritesPerKey    writes to a key before it is retired ({@code --max-writes-per-key}, 16)
     * @param consistencyModels  the models the txn checker judges against ({@code --consistency-models})
     * @param kafkaAssignOneIn   kafka: one base operation in this many is preceded by an assign
     *                           (64 in Jepsen 0.3.7, the reference Maelstrom; 8 in Jepsen 0.3.1, Maelstrom 0.2.3)
     * @param judgeNodeOrder     txn-rw-register: the node-order analysis, which Maelstrom does not run, counts
     *                           towards the verdict (it is always reported)
     */
    public record KeyOptions(int keyCount, int maxTxnLength, int maxWritesPerKey, List<String> consistencyModels,
                             int kafkaAssignOneIn, boolean judgeNodeOrder) {
        public static final KeyOptions DEFAULTS = new KeyOptions(10, 4, 16, List.of("strict-serializable"), 64, false);

        public KeyOptions {
            consistencyModels = List.copyOf(consistencyModels);
            require(keyCount >= 1, "--key-count must be at least 1");
            require(maxTxnLength >= 1, "--max-txn-length must be at least 1");
            require(maxWritesPerKey >= 1, "--max-writes-per-key must be at least 1");
            require(!consistencyModels.isEmpty(), "--consistency-models needs at least one model");
            require(kafkaAssignOneIn >= 1, "the kafka assign frequency must be at least 1 in 1");
        }

        public KeyOptions withConsistencyModels(List<String> models) {
            return new KeyOptions(keyCount, maxTxnLength, maxWritesPerKey, models, kafkaAssignOneIn, judgeNodeOrder);
        }

        public KeyOptions withKafkaAssignOneIn(int oneIn) {
            return new KeyOptions(keyCount, maxTxnLength, maxWritesPerKey, consistencyModels, oneIn, judgeNodeOrder);
        }

        public KeyOptions withJudgeNodeOrder(boolean judge) {
            return new KeyOptions(keyCount, maxTxnLength, maxWritesPerKey, consistencyModels, kafkaAssignOneIn, judge);
        }
    }

    public RunOptions {
        nodes = List.copyOf(nodes);
        require(!nodes.isEmpty(), "--node-count must be at least 1");
        require(nodes.stream().distinct().count() == nodes.size(), "node names must be distinct: " + nodes);
        require(timeLimitSeconds >= 0, "--time-limit must be at least 0");
        require(rate >= 0, "--rate must be at least 0");
        require(concurrency >= 1, "--concurrency must be at least 1");
        require(latencyMillis >= 0, "--latency must be at least 0");
        require(nemesisIntervalSeconds > 0, "--nemesis-interval must be positive");
        require(availability == null || (availability >= 0 && availability <= 1), "--availability must be total or a number from 0 to 1");
        require(txn != null, "the key options are required (KeyOptions.DEFAULTS)");
    }

    /** The parameters with nodes {@code n0 … n{nodeCount-1}}, as {@code --node-count} names them, and default key options. */
    public RunOptions(String workload, int nodeCount, int timeLimitSeconds, double rate, int concurrency, long latencyMillis,
                      Latency latencyDist, boolean partitions, double nemesisIntervalSeconds, Double availability,
                      String topology, long seed) {
        this(workload, nodesCounted(nodeCount), timeLimitSeconds, rate, concurrency, latencyMillis, latencyDist, partitions,
                nemesisIntervalSeconds, availability, topology, KeyOptions.DEFAULTS, seed);
    }

    /** {@code n0 … n{count-1}}: Maelstrom's names under {@code --node-count} (core.clj, parse-node-count). */
    public static List<String> nodesCounted(int count) {
        require(count >= 1, "--node-count must be at least 1");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("n" + i);
        }
        return names;
    }

    /** Jepsen's default nodes when neither --node-count nor --nodes is given: n1 … n5 (jepsen/cli.clj). */
    public static final List<String> JEPSEN_DEFAULT_NODES = List.of("n1", "n2", "n3", "n4", "n5");

    /** Maelstrom's defaults for a workload: nodes n1…n5, 60 s, rate 5, concurrency 1n, no latency. */
    public static RunOptions defaults(String workload) {
        return new RunOptions(workload, JEPSEN_DEFAULT_NODES, 60, 5, JEPSEN_DEFAULT_NODES.size(), 0, Latency.CONSTANT, false, 10,
                null, "grid", KeyOptions.DEFAULTS, 1);
    }

    public int nodeCount() {
        return nodes.size();
    }

    public RunOptions withSeed(long newSeed) {
        return new RunOptions(workload, nodes, timeLimitSeconds, rate, concurrency, latencyMillis, latencyDist,
                partitions, nemesisIntervalSeconds, availability, topology, txn, newSeed);
    }

    public RunOptions withPartitions(boolean on) {
        return new RunOptions(workload, nodes, timeLimitSeconds, rate, concurrency, latencyMillis, latencyDist,
                on, nemesisIntervalSeconds, availability, topology, txn, seed);
    }

    /** The same run on {@code count} nodes named n0…; concurrency keeps its multiple of the node count when it had one. */
    public RunOptions withNodeCount(int count) {
        return new RunOptions(workload, nodesCounted(count), timeLimitSeconds, rate, concurrencyFor(count), latencyMillis, latencyDist,
                partitions, nemesisIntervalSeconds, availability, topology, txn, seed);
    }

    /** This run's concurrency on {@code nodeCount} nodes: the same multiple of the node count ({@code 2n}), or the same number. */
    public int concurrencyFor(int nodeCount) {
        return concurrency % nodes.size() == 0 ? concurrency / nodes.size() * nodeCount : concurrency;
    }

    public RunOptions withLatency(long millis, Latency dist) {
        return new RunOptions(workload, nodes, timeLimitSeconds, rate, concurrency, millis, dist,
                partitions, nemesisIntervalSeconds, availability, topology, txn, seed);
    }

    public RunOptions withKeyOptions(KeyOptions keyOptions) {
        return new RunOptions(workload, nodes, timeLimitSeconds, rate, concurrency, latencyMillis, latencyDist,
                partitions, nemesisIntervalSeconds, availability, topology, keyOptions, seed);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
