package glomers.harness.cli;

import glomers.harness.workload.kafka.KafkaNodes;
import glomers.runtime.Body;
import glomers.runtime.MaelstromException;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Correct nodes that meet or miss their challenge's targets on purpose, to put in a module's jar ({@link TestModules#jar}). */
final class TargetNodes {
    private TargetNodes() {
    }

    /**
     * Broadcast: a node hands each value a client gives it straight to every other node, once. One
     * hop, N - 1 messages a broadcast: the stable latency is the network's latency, and msgs-per-op
     * about (N - 1) / 2 (half the operations are reads). With the word {@code flood} every node
     * also hands on each value it first hears of from a peer: N (N - 1) messages a broadcast.
     */
    public static final class Broadcast implements NodeProgram {
        private final boolean flood;

        public Broadcast() {
            this(List.of());
        }

        public Broadcast(List<String> args) {
            flood = args.contains("flood");
        }

        @Override
        public void install(Node node) {
            Set<Long> values = new TreeSet<>();
            node.on("topology", request -> request.reply(Body.of("topology_ok")));
            node.on("broadcast", request -> {
                long value = request.body().getLong("message");
                if (values.add(value)) {
                    node.peers().forEach(peer -> node.send(peer, Body.of("value").put("value", value)));
                }
                request.reply(Body.of("broadcast_ok"));
            });
            node.on("value", message -> {
                long value = message.body().getLong("value");
                if (values.add(value) && flood) {
                    node.peers().forEach(peer -> node.send(peer, Body.of("value").put("value", value)));
                }
            });
            node.on("read", request -> request.reply(Body.of("read_ok").put("messages", values)));
        }
    }

    /**
     * Kafka: every node forwards every request to n0, which keeps the one log (correct without
     * partitions). With the word {@code noisy} each node also sends the others a message every
     * {@value #NOISE_MILLIS} ms, which they ignore: more messages per operation, nothing else.
     */
    public static final class Kafka implements NodeProgram {
        static final long NOISE_MILLIS = 10;
        private final boolean noisy;

        public Kafka() {
            this(List.of());
        }

        public Kafka(List<String> args) {
            noisy = args.contains("noisy");
        }

        @Override
        public void install(Node node) {
            KafkaNodes.forwardingToFirst().install(node);
            node.on("noise", message -> { });
            if (noisy) {
                node.onInit(() -> node.every(Duration.ofMillis(NOISE_MILLIS),
                        () -> node.peers().forEach(peer -> node.send(peer, Body.of("noise")))));
            }
        }
    }

    /** Unique ids (node id and a counter), but every tenth generate a node gets is refused with error 11: availability 0.9. */
    public static final class MostlyAvailableIds implements NodeProgram {
        @Override
        public void install(Node node) {
            long[] count = {0};
            node.on("generate", request -> {
                long n = count[0]++;
                if (n % 10 == 9) {
                    request.fail(MaelstromException.temporarilyUnavailable("every tenth is refused"));
                } else {
                    request.reply(Body.of("generate_ok").put("id", node.id() + "-" + n));
                }
            });
        }
    }
}
