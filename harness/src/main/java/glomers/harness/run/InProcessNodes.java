package glomers.harness.run;

import glomers.harness.net.Network;
import glomers.harness.sim.Scheduler;
import glomers.harness.sim.SimulatedNode;
import glomers.runtime.NodeProgram;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Nodes in-process, on the virtual clock: one {@link SimulatedNode} per node id. */
public final class InProcessNodes implements Run.NodeHost {
    /** What every simulated node's wall clock reads at the start of a run: 2025-01-01T00:00:00Z. */
    public static final long EPOCH_MILLIS = 1_735_689_600_000L;

    private final Supplier<NodeProgram> program;
    private final Scheduler scheduler;
    private final Network network;
    private final Seeds seeds;
    private final Map<String, SimulatedNode> nodes = new LinkedHashMap<>();

    InProcessNodes(Supplier<NodeProgram> program, Scheduler scheduler, Network network, Seeds seeds) {
        this.program = program;
        this.scheduler = scheduler;
        this.network = network;
        this.seeds = seeds;
    }

    @Override
    public void start(String nodeId) {
        nodes.put(nodeId, new SimulatedNode(nodeId, program.get(), scheduler, network, seeds.derive("node " + nodeId), EPOCH_MILLIS));
    }

    @Override
    public String failure() {
        // An in-process node cannot exit (a handler's exception becomes its error reply); it can flood the network,
        // or be caught stepping outside the simulation by whoever watches its programs.
        String overload = network.overload();
        if (overload != null) {
            return overload;
        }
        return program instanceof WatchedPrograms watched ? watched.failure() : null;
    }

    @Override
    public Map<String, List<String>> logs() {
        Map<String, List<String>> logs = new LinkedHashMap<>();
        nodes.forEach((id, node) -> logs.put(id, node.log()));
        return logs;
    }

    @Override
    public void close() {
        // nothing to stop
    }
}
