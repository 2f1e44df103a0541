package glomers.broadcast;

import glomers.runtime.Node;
import java.time.Duration;
import java.util.List;

/**
 * Stage 3d, and the default: built for latency. The node a client gives a value to (its origin)
 * sends it straight to every other node, one message each. Every node has it one network hop
 * later (100 ms in 3d), whatever the topology; Maelstrom's topology is not used.
 *
 * <p>No acknowledgements, which would double the messages. Each message carries the origin's
 * digest, and {@link AntiEntropy} repairs what a partition dropped the next time two nodes swap
 * digests. While clients keep broadcasting, every node hears a digest from every origin several
 * times a second for free; when they stop, each node sends one digest a second, to a random
 * peer that has not had one from it lately.
 *
 * <p>Cost: with N nodes, N-1 messages per value. Half of Maelstrom's operations are broadcasts
 * and reads count as operations too, so 3d's 25 nodes come to about 24 / 2 = 12 messages per
 * operation, plus a little for digests once the broadcasts stop.
 */
final class Fanout implements Gossip {
    private Node node;
    private OriginLogs logs;
    private AntiEntropy antiEntropy;

    @Override
    public void install(Node node, Values values) {
        this.node = node;
        this.logs = new OriginLogs(values);
        this.antiEntropy = new AntiEntropy(node, logs, () -> { }); // a repaired value is not sent on: its origin's job
        node.onInit(() -> node.every(Duration.ofMillis(AntiEntropy.DIGEST_PERIOD_MILLIS), this::digestToARandomPeer));
    }

    @Override
    public void originate(long value) {
        int seq = logs.originate(node.id(), value, node.now() + AntiEntropy.SETTLE_MILLIS);
        List<Run> run = List.of(new Run(node.id(), seq, List.of(value)));
        antiEntropy.sendToEach(node.peers(), run);
    }

    private void digestToARandomPeer() {
        List<String> peers = node.peers();
        if (peers.isEmpty()) {
            return;
        }
        String peer = peers.get(node.random().nextInt(peers.size()));
        if (antiEntropy.digestDue(peer)) {
            antiEntropy.sendDigest(peer);
        }
    }
}
