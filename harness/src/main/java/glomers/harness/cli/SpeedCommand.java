package glomers.harness.cli;

import glomers.harness.reference.ReferenceBroadcast;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.BroadcastWorkload;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How fast the bench itself is, with {@link ReferenceBroadcast} as the node: challenge 3b's
 * parameters with partitions over many seeds, and challenge 3d's as a fraction of simulated time.
 */
@Command(name = "speed", description = "Times the bench itself, in-process with a reference broadcast node: 3b with "
        + "partitions over --seeds seeds, and one 3d run as a fraction of its simulated time.")
final class SpeedCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", description = "Runs of 3b, with seeds 1 to N. Default: 100.")
    int seeds = 100;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunOptions c3b = Challenge.find("3c").orElseThrow().options(); // 3b's parameters with --nemesis partition
        RunOptions c3d = Challenge.find("3d").orElseThrow().options();
        Runs.inProcess(c3b, new BroadcastWorkload(), ReferenceBroadcast::new); // JIT warm-up, not timed

        long start = System.nanoTime();
        int valid = 0;
        long ops = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            RunResult result = Runs.inProcess(c3b.withSeed(seed), new BroadcastWorkload(), ReferenceBroadcast::new);
            valid += result.valid() ? 1 : 0;
            ops += result.history().clientInvocations().size();
        }
        double seconds3b = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "3b with partitions (5 nodes, rate 10, 20 s), %d seeds: %.1f s wall in all, %.0f ms a run, %d/%d valid, %d ops%n",
                seeds, seconds3b, seconds3b * 1000 / seeds, valid, seeds, ops);

        RunResult run3d = Runs.inProcess(c3d, new BroadcastWorkload(), ReferenceBroadcast::new);
        double simulated = run3d.simulatedNanos() / 1e9;
        double wall = run3d.wallMillis() / 1e3;
        out.printf(Locale.ROOT, "3d (25 nodes, rate 100, latency 100, 20 s): %.1f s simulated in %.2f s wall = 1/%.0f of simulated time, "
                        + "%d ops, %d messages, valid %s%n",
                simulated, wall, simulated / wall, run3d.history().clientInvocations().size(),
                run3d.results().at("/net/all/msg-count").asLong(), run3d.valid());
        return valid == seeds && run3d.valid() ? 0 : 1;
    }
}
