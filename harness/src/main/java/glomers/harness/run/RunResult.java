package glomers.harness.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one run.
 *
 * @param options         what was run
 * @param mode            "sim" (in-process, virtual time) or "process" (child processes, wall-clock time)
 * @param validity        the verdict, or null when the run was aborted
 * @param abortReason     why the run was aborted (Maelstrom's exit 255), or null
 * @param results         the checkers' results keyed as in results.edn: stats, availability, net, workload, valid?
 * @param history         every operation
 * @param nodeLogs        each node's log
 * @param simulatedNanos  how long the run took on its own clock
 * @param wallMillis      how long it took in real time
 */
public record RunResult(
        RunOptions options,
        String mode,
        Validity validity,
        String abortReason,
        ObjectNode results,
        History history,
        Map<String, List<String>> nodeLogs,
        long simulatedNanos,
        long wallMillis) {

    /** Maelstrom's exit status: 0 valid, 1 invalid, 2 unknown, 255 aborted. */
    public int exitStatus() {
        return validity == null ? 255 : validity.exitStatus();
    }

    public boolean valid() {
        return validity == Validity.VALID;
    }
}
