package glomers.harness.cli;

import glomers.harness.cli.ChallengeTarget.Figure;
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
 * @param targets   Fly.io's targets beyond a valid run (spec §5), checked after the verdict: the one table of them
 */
public record Challenge(String id, String title, String module, String flags, RunOptions options,
                        List<ChallengeTarget> targets) {
    public Challenge {
        targets = List.copyOf(targets);
    }

    /** Every operation ok: Maelstrom's {@code --availability total}, as a target of its own. */
    private static final List<ChallengeTarget> TOTAL_AVAILABILITY = List.of(ChallengeTarget.atLeast(Figure.OK_FRACTION, 1.0));

    /** Broadcast's efficiency targets: servers msgs-per-op, median and maximum stable latency (ms), each an upper bound. */
    private static List<ChallengeTarget> efficient(double msgsPerOp, double medianMillis, double maxMillis) {
        return List.of(ChallengeTarget.below(Figure.MSGS_PER_OP, msgsPerOp),
                ChallengeTarget.below(Figure.STABLE_LATENCY_MEDIAN, medianMillis),
                ChallengeTarget.below(Figure.STABLE_LATENCY_MAX, maxMillis));
    }

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
                    opts("echo", 1, 10, 5, 1, 0, false, null), List.of()),
            new Challenge("2", "Unique ID Generation", "unique-ids",
                    "-w unique-ids --time-limit 30 --rate 1000 --node-count 3 --availability total --nemesis partition",
                    opts("unique-ids", 3, 30, 1000, 3, 0, true, 1.0), TOTAL_AVAILABILITY),
            new Challenge("3a", "Single-Node Broadcast", "broadcast", "-w broadcast --node-count 1 --time-limit 20 --rate 10",
                    opts("broadcast", 1, 20, 10, 1, 0, false, null), List.of()),
            new Challenge("3b", "Multi-Node Broadcast", "broadcast", "-w broadcast --node-count 5 --time-limit 20 --rate 10",
                    opts("broadcast", 5, 20, 10, 5, 0, false, null), List.of()),
            new Challenge("3c", "Fault Tolerant Broadcast", "broadcast",
                    "-w broadcast --node-count 5 --time-limit 20 --rate 10 --nemesis partition",
                    opts("broadcast", 5, 20, 10, 5, 0, true, null), List.of()),
            new Challenge("3d", "Efficient Broadcast, Part I", "broadcast",
                    "-w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100",
                    opts("broadcast", 25, 20, 100, 25, 100, false, null), efficient(30, 400, 600)),
            new Challenge("3e", "Efficient Broadcast, Part II", "broadcast",
                    "-w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100",
                    opts("broadcast", 25, 20, 100, 25, 100, false, null), efficient(20, 1000, 2000)),
            new Challenge("4", "Grow-Only Counter", "g-counter",
                    "-w g-counter --node-count 3 --rate 100 --time-limit 20 --nemesis partition",
                    opts("g-counter", 3, 20, 100, 3, 0, true, null), List.of()),
            new Challenge("5a", "Single-Node Kafka-Style Log", "kafka-log",
                    "-w kafka --node-count 1 --concurrency 2n --time-limit 20 --rate 1000",
                    opts("kafka", 1, 20, 1000, 2, 0, false, null), List.of()),
            new Challenge("5b", "Multi-Node Kafka-Style Log", "kafka-log",
                    "-w kafka --node-count 2 --concurrency 2n --time-limit 20 --rate 1000",
                    opts("kafka", 2, 20, 1000, 4, 0, false, null), List.of()),
            new Challenge("5c", "Efficient Kafka-Style Log", "kafka-log",
                    "-w kafka --node-count 2 --concurrency 2n --time-limit 20 --rate 1000",
                    opts("kafka", 2, 20, 1000, 4, 0, false, null),
                    List.of(ChallengeTarget.belowThatOf(Figure.MSGS_PER_OP, "5b"))),
            new Challenge("6a", "Single-Node, Totally-Available Transactions", "txn-rw-register",
                    "-w txn-rw-register --node-count 1 --time-limit 20 --rate 1000 --concurrency 2n --consistency-models read-uncommitted --availability total",
                    models(opts("txn-rw-register", 1, 20, 1000, 2, 0, false, 1.0), "read-uncommitted"), TOTAL_AVAILABILITY),
            new Challenge("6b", "Totally-Available, Read Uncommitted Transactions", "txn-rw-register",
                    "-w txn-rw-register --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-uncommitted --availability total --nemesis partition",
                    models(opts("txn-rw-register", 2, 20, 1000, 4, 0, true, 1.0), "read-uncommitted"), TOTAL_AVAILABILITY),
            new Challenge("6c", "Totally-Available, Read Committed Transactions", "txn-rw-register",
                    "-w txn-rw-register --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-committed --availability total --nemesis partition",
                    models(opts("txn-rw-register", 2, 20, 1000, 4, 0, true, 1.0), "read-committed"), TOTAL_AVAILABILITY));

    public static Optional<Challenge> find(String id) {
        return ALL.stream().filter(c -> c.id.equalsIgnoreCase(id)).findFirst();
    }

    /** The pass criteria for display: "valid", then the targets, e.g. "valid; msgs-per-op < 30, …". */
    public String describeTargets() {
        return "valid" + (targets.isEmpty() ? "" : "; " + String.join(", ", targets.stream().map(ChallengeTarget::describe).toList()));
    }

    public static String ids() {
        return String.join(", ", ALL.stream().map(Challenge::id).toList());
    }
}
