package glomers.harness.run;

import glomers.runtime.NodeProgram;
import java.util.function.Supplier;

/**
 * Node programs for in-process runs that something watches while they run, and that can stop a
 * run: {@link InProcessNodes#failure} asks between events, and a run told why stops as aborted
 * (Maelstrom's exit 255) instead of reaching a verdict. The command line's guard for a node jar of
 * one's own is one: it stops a run whose node steps outside the simulation (its own threads,
 * blocking calls), since what such a run checks is no longer what the node does under Maelstrom.
 */
public interface WatchedPrograms extends Supplier<NodeProgram> {
    /** Why runs of these programs cannot be trusted, or null; read between events, so it must be cheap. */
    String failure();
}
