package glomers.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.run.RunResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** The verdict and the figures that matter, as the last thing a run prints. */
final class Summary {
    private Summary() {
    }

    static void print(PrintWriter out, RunResult result, Path folder) {
        if (result.abortReason() != null) {
            out.println("Aborted: " + result.abortReason());
        } else {
            JsonNode r = result.results();
            out.printf(Locale.ROOT, "ops             %d (%d ok, %d fail, %d info)%n", r.at("/stats/count").asLong(),
                    r.at("/stats/ok-count").asLong(), r.at("/stats/fail-count").asLong(), r.at("/stats/info-count").asLong());
            out.printf(Locale.ROOT, "availability    %.4f%n", r.at("/availability/ok-fraction").asDouble());
            JsonNode perOp = r.at("/net/servers/msgs-per-op");
            out.printf(Locale.ROOT, "servers         %d msgs, %s msgs-per-op%n", r.at("/net/servers/msg-count").asLong(),
                    perOp.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.2f", perOp.asDouble()));
            JsonNode stable = r.at("/workload/stable-latencies");
            if (!stable.isMissingNode()) {
                out.printf(Locale.ROOT, "stable latency  median %s ms, max %s ms%n", stable.path("0.5").asText(), stable.path("1").asText());
            }
            for (String count : new String[] {"lost-count", "never-read-count", "duplicated-count"}) {
                JsonNode value = r.at("/workload/" + count);
                if (!value.isMissingNode()) {
                    out.printf(Locale.ROOT, "%-15s %s%n", count.replace("-count", ""), value.asText());
                }
            }
            out.println("workload valid? " + r.at("/workload/valid?").asText());
        }
        if (result.mode().equals("sim")) {
            out.printf(Locale.ROOT, "run took        %.1f s simulated in %.2f s wall (in-process, seed %d)%n",
                    result.simulatedNanos() / 1e9, result.wallMillis() / 1e3, result.options().seed());
        } else {
            out.printf(Locale.ROOT, "run took        %.1f s wall (child processes, seed %d)%n",
                    result.wallMillis() / 1e3, result.options().seed());
        }
        out.println("results         " + folder);
        out.println(switch (result.exitStatus()) {
            case 0 -> "Everything looks good! ヽ(‘ー`)ノ";
            case 1 -> "The run is invalid: see the workload's errors above and in the results.";
            case 2 -> "The checkers could not decide (unknown): see the results.";
            default -> "The run was aborted.";
        });
    }
}
