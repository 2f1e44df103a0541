package glomers.harness.sim;

import glomers.harness.net.Network;
import glomers.runtime.Message;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import glomers.runtime.NodeRuntime;
import glomers.runtime.Timer;
import java.util.List;
import java.util.Random;

/**
 * A node hosted in-process, on the run's virtual clock: the {@link NodeRuntime} seam implemented
 * with the {@link Scheduler} and the {@link Network}. The node sends and receives exactly the
 * messages it would as a process; what it builds is handed to the network as a tree, which the
 * network copies as the wire would carry it ({@link Network#send(String, Message)}), and what it
 * receives comes as the tree it would have read from the line. Lines the runtime writes itself
 * ({@code init_ok}) go through the network's checks as text.
 */
public final class SimulatedNode implements NodeRuntime {
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final String nodeId;
    private final Scheduler scheduler;
    private final Network network;
    private final Random random;
    private final long epochMillis;
    private final NodeLog log = new NodeLog();
    private final Node node;

    /**
     * @param epochMillis what the node's wall clock reads at the start of the run
     */
    public SimulatedNode(String nodeId, NodeProgram program, Scheduler scheduler, Network network, long seed, long epochMillis) {
        this.nodeId = nodeId;
        this.scheduler = scheduler;
        this.network = network;
        this.random = new Random(seed);
        this.epochMillis = epochMillis;
        this.node = new Node(this);
        program.install(node);
        network.register(nodeId, packet -> node.receive(packet.message(), packet::toLine));
    }

    public String id() {
        return nodeId;
    }

    public Node node() {
        return node;
    }

    /** The node's log, each line stamped with the run's time in seconds; bounded as {@link NodeLog} says. */
    public List<String> log() {
        return log.lines();
    }

    @Override
    public void run(Node ignored) {
        throw new UnsupportedOperationException("a simulated node is driven by the run's scheduler");
    }

    @Override
    public void send(String line) {
        network.send(nodeId, line);
    }

    /** The message as the node built it: the network copies it as the wire would carry it, without the line. */
    @Override
    public void send(Message message) {
        network.send(nodeId, message);
    }

    @Override
    public void execute(Runnable task) {
        scheduler.after(0, task);
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        Scheduler.Cancellable event = scheduler.after(Math.max(0, delayMillis) * NANOS_PER_MILLI, task);
        return event::cancel;
    }

    @Override
    public long currentTimeMillis() {
        return epochMillis + scheduler.now() / NANOS_PER_MILLI;
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public void log(String line) {
        log.add(String.format("%10.3f %s", scheduler.now() / 1e9, line));
    }
}
