package glomers.harness;

import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.Workload;
import glomers.runtime.NodeProgram;
import java.util.function.Supplier;

/**
 * The local test bench's entry point for code: run a workload against a node, get the verdict
 * and figures Maelstrom would give.
 *
 * <pre>{@code
 * RunResult result = Bench.inProcess(RunOptions.defaults("echo"), new EchoWorkload(), EchoNode::new);
 * assertThat(result.valid()).isTrue();
 * }</pre>
 */
public final class Bench {
    private Bench() {
    }

    /** Runs the nodes in-process on a virtual clock: deterministic from the options' seed. */
    public static RunResult inProcess(RunOptions options, Workload workload, Supplier<NodeProgram> program) {
        return Runs.inProcess(options, workload, program);
    }
}
