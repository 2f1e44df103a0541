package glomers.harness.cli;

import glomers.harness.net.Latency;
import glomers.harness.run.RunOptions;
import java.util.List;
import java.util.Optional;

/**
 * Fly.io's Gossip Glomers challenges with their published Maelstrom parameters (spec §5).
 *
 * @param id        what the user types: 1, 2, 3a … 6c
 * @param title     the challenge's name
 * @param module    the glomers module (and launcher in bin/) that solves it
 * @param flags     the published `maelstrom test` flags, for display and for --maelstrom
 * @param options   the same parameters as the bench runs them (seed 1 until overridden)
 * @param targets   the pass criteria beyond "valid", for display
 */
public record Challenge(String id, String title, String module, String flags, RunOptions options, String targets) {

    private static RunOptions opts(String workload, int nodes, int timeLimit, double rate, int concurrency, long latency,
                                   boolean partitions, Double availability) {
        return new RunOptions(workload, nodes, timeLimit, rate, concurrency, latency, Latency.CONSTANT, partitions, 10,
                availability, "grid", 1);
    }

    /** The options with {@code --consistency-models} as published (a single model). */
    private static RunOptions models(RunOptions options, String model) {
        return options.withKeyOptions(options.txn().withConsistencyModels(List.of(model)));
    }

    /** In order. 6c is run really partitioned: the published command's en-dash drops the nemesis (spec §5). */
    public static final List<Challenge> ALL = List.of(
            new Challenge("1", "Echo", "echo", "-w echo --node-count 1 --time-limit 10",
                    opts("echo", 1, 10, 5, 1, 0, false, null), "valid"),
            new Challenge("2", "Unique ID Generation", "unique-ids",
                    "-w unique-ids --time-limit 30 --rate 1000 --node-count 3 --availability total --nemesis partition",
                    opts("unique-ids", 3, 30, 1000, 3, 0, true, 1.0), "valid; every generate ok"),
            new Challenge("3a", "Single-Node Broadcast", "broadcast", "-w broadcast --node-count 1 --time-limit 20 --rate 10",
                    opts("broadcast", 1, 20, 10, 1, 0, false, null), "valid"),
            new Challenge("3b", "Multi-Node Broadcast", "broadcast", "-w broadcast --node-count 5 --time-limit 20 --rate 10",
                    opts("broadcast", 5, 20, 10, 5, 0, false, null), "valid"),
            new Challenge("3c", "Fault Tolerant Broadcast", "broadcast",
                    "-w broadcast --node-count 5 --time-limit 20 --rate 10 --nemesis partition",
                    opts("broadcast", 5, 20, 10, 5, 0, true, null), "valid"),
            new Challenge("3d", "Efficient Broadcast, Part I", "broadcast",
                    "-w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100",
                    opts("broadcast", 25, 20, 100, 25, 100, false, null), "msgs-per-op < 30, median < 400 ms, max < 600 ms"),
            new Challenge("3e", "Efficient Broadcast, Part II", "broadcast",
                    "-w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100",
                    opts("broadcast", 25, 20, 100, 25, 100, false, null), "msgs-per-op < 20, median < 1 s, max < 2 s"),
            new Challenge("4", "Grow-Only Counter", "g-counter",
                    "-w g-counter --node-count 3 --rate 100 --time-limit 20 --nemesis partition",
                    opts("g-counter", 3, 20, 100, 3, 0, true, null), "valid"),
            new Challenge("5a", "Single-Node Kafka-Style Log", "kafka-log",
                    "-w kafka --node-count 1 --concurrency 2n --time-limit 20 --rate 1000",
                    opts("kafka", 1, 20, 1000, 2, 0, false, null), "valid"),
            new Challenge("5b", "Multi-Node Kafka-Style Log", "kafka-log",
                    "-w kafka --node-count 2 --concurrency 2n --time-limit 20 --rate 1000",
                    opts("kafka", 2, 20, 1000, 4, 0, false, null), "valid"),
            new Challenge("5c", "Efficient Kafka-Style Log", "kafka-log",
                    "-w kafka --node-count 2 --concurrency 2n --time-limit 20 --rate 1000",
                    opts("kafka", 2, 20, 1000, 4, 0, false, null), "valid; fewer msgs-per-op than 5b"),
            new Challenge("6a", "Single-Node, Totally-Available Transactions", "txn-rw-register",
                    "-w txn-rw-register --node-count 1 --time-limit 20 --rate 1000 --concurrency 2n --consistency-models read-uncommitted --availability total",
                    models(opts("txn-rw-register", 1, 20, 1000, 2, 0, false, 1.0), "read-uncommitted"), "valid; every txn ok"),
            new Challenge("6b", "Totally-Available, Read Uncommitted Transactions", "txn-rw-register",
                    "-w txn-rw-register --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-uncommitted --availability total --nemesis partition",
                    models(opts("txn-rw-register", 2, 20, 1000, 4, 0, true, 1.0), "read-uncommitted"), "valid; every txn ok"),
            new Challenge("6c", "Totally-Available, Read Committed Transactions", "txn-rw-register",
                    "-w txn-rw-register --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-committed --availability total --nemesis partition",
                    models(opts("txn-rw-register", 2, 20, 1000, 4, 0, true, 1.0), "read-committed"), "valid; every txn ok"));

    public static Optional<Challenge> find(String id) {
        return ALL.stream().filter(c -> c.id.equalsIgnoreCase(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", ALL.stream().map(Challenge::id).toList());
    }
}
