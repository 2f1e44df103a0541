package glomers.harness.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import glomers.harness.history.History;
import glomers.harness.nemesis.PartitionShapes;
import glomers.harness.net.Network;
import glomers.harness.sim.Scheduler;
import glomers.runtime.Json;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Maelstrom's partition nemesis (spec §2.5): during the main phase it alternates
 * start-partition / stop-partition, beginning with a start, spaced by a stagger whose gaps are
 * uniform in [0, 2·interval). Each start picks one of the four shapes at random. Before a final
 * phase it heals once more. Without {@code --nemesis partition} it only heals at setup.
 */
final class Nemesis {
    private static final long NANOS_PER_SECOND = 1_000_000_000;

    private final boolean enabled;
    private final double intervalSeconds;
    private final Scheduler scheduler;
    private final Network network;
    private final List<String> nodes;
    private final Random random;
    private final Consumer<String> onChange;
    private boolean nextIsStart = true;

    Nemesis(boolean enabled, double intervalSeconds, Scheduler scheduler, Network network, List<String> nodes,
            Random random, Consumer<String> onChange) {
        this.enabled = enabled;
        this.intervalSeconds = intervalSeconds;
        this.scheduler = scheduler;
        this.network = network;
        this.nodes = nodes;
        this.random = random;
        this.onChange = onChange;
    }

    /** At setup: a healed network (the nemesis's setup heals; nothing enters the history). */
    void heal(History history) {
        network.heal();
    }

    /**
     * Schedules the main phase's partitions: the first at once, none at or after
     * {@code cutoffNanos}. {@code onOperation} is told of each one, as Jepsen's shared thread index
     * moves on for the nemesis's operations too.
     */
    void start(History history, long cutoffNanos, Runnable onOperation) {
        if (enabled) {
            step(history, cutoffNanos, onOperation);
        }
    }

    private void step(History history, long cutoffNanos, Runnable onOperation) {
        if (scheduler.now() >= cutoffNanos) {
            return;
        }
        onOperation.run();
        if (nextIsStart) {
            PartitionShapes.Shape shape = PartitionShapes.randomShape(random);
            Map<String, Set<String>> grudge = PartitionShapes.grudge(shape, nodes, random);
            network.partition(grudge);
            history.nemesis(scheduler.now(), "start-partition", isolated(grudge));
            onChange.accept(shape + ": " + PartitionShapes.describe(grudge));
        } else {
            healNow(history);
        }
        nextIsStart = !nextIsStart;
        long gap = (long) (random.nextDouble() * 2 * intervalSeconds * NANOS_PER_SECOND);
        scheduler.after(gap, () -> step(history, cutoffNanos, onOperation));
    }

    /** Before the final phase's 10 s of recovery. */
    void finalHeal(History history) {
        if (enabled) {
            healNow(history);
        }
    }

    private void healNow(History history) {
        network.heal();
        history.nemesis(scheduler.now(), "stop-partition", TextNode.valueOf("network-healed"));
        onChange.accept("healed");
    }

    /** Jepsen's value for a start: {@code [:isolated {dest [srcs...]}]}. */
    private static ArrayNode isolated(Map<String, Set<String>> grudge) {
        ArrayNode value = Json.mapper().createArrayNode();
        value.add("isolated");
        ObjectNode map = value.addObject();
        grudge.forEach((dest, srcs) -> srcs.stream().sorted().forEach(map.withArray(dest)::add));
        return value;
    }
}
