package glomers.harness.cli;

import glomers.harness.history.Op;
import glomers.harness.run.Run;
import glomers.harness.run.RunOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Progress on the terminal while a run goes: phases, partitions, and operations each simulated second. */
final class ProgressPrinter implements Run.RunListener {
    private static final long NANOS_PER_SECOND = 1_000_000_000;

    private final PrintWriter err;
    private long ops;
    private long ok;
    private long lastSecondPrinted = -1;
    private String phase = "";

    ProgressPrinter(PrintWriter err, RunOptions options) {
        this.err = err;
        err.printf(Locale.ROOT, "glomers: %s, seed %d%n", describe(options), options.seed());
    }

    /** What runs, for the first line: "broadcast, 5 nodes (n0 … n4), 20 s, rate 10.0, concurrency 5, latency 0 ms, partitions". */
    static String describe(RunOptions options) {
        List<String> nodes = options.nodes();
        String names = nodes.size() <= 3 ? String.join(", ", nodes) : nodes.get(0) + " … " + nodes.get(nodes.size() - 1);
        return String.format(Locale.ROOT, "%s, %d node%s (%s), %d s, rate %s, concurrency %d, latency %d ms%s",
                options.workload(), options.nodeCount(), options.nodeCount() == 1 ? "" : "s", names, options.timeLimitSeconds(),
                options.rate(), options.concurrency(), options.latencyMillis(), options.partitions() ? ", partitions" : "");
    }

    @Override
    public void phase(String name, long nowNanos) {
        phase = name;
        line(nowNanos, name);
    }

    @Override
    public void partition(String description, long nowNanos) {
        line(nowNanos, "partition: " + description);
    }

    @Override
    public void operation(Op completion) {
        ops++;
        if (completion.isOk()) {
            ok++;
        }
        long second = completion.timeNanos() / NANOS_PER_SECOND;
        if (second % 5 == 0 && second != lastSecondPrinted) {
            lastSecondPrinted = second;
            line(completion.timeNanos(), phase + ": " + ops + " ops, " + ok + " ok");
        }
    }

    private void line(long nowNanos, String text) {
        err.printf(Locale.ROOT, "  [%7.2f s] %s%n", nowNanos / 1e9, text);
    }
}
