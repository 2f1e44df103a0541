package glomers.gcounter;

import glomers.runtime.Body;
import glomers.runtime.MaelstromException;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import glomers.runtime.Request;
import java.time.Duration;

/**
 * Challenge 4: a grow-only counter that every node can add to and read, kept in Maelstrom's
 * sequentially consistent {@code seq-kv}. The design, and why it is exact, is in the module's
 * README; in short:
 * <ul>
 *   <li>each node owns one key, {@code counter-<node id>}, and is the only node that writes it, so
 *       it can write its absolute count without a read first: no update can be lost
 *       ({@link OwnCount});</li>
 *   <li>an {@code add} is acknowledged once seq-kv has acknowledged a write of a count that
 *       includes it;</li>
 *   <li>a {@code read} is answered at once: this node's count plus the last counts it has read of
 *       the other nodes' keys, which a periodic refresh keeps up to date. Each refresh first makes
 *       a write that is sure to change seq-kv's state, and reads the other keys only after that
 *       write is acknowledged: from then on seq-kv cannot show this node anything older
 *       ({@link PeerCounts}).</li>
 * </ul>
 */
public final class GCounterNode implements NodeProgram {
    /**
     * How often a node re-reads the other nodes' counts. Reads between refreshes may lag by this
     * much (Maelstrom checks only the final reads, 10 s after the last heal); each refresh costs
     * 3 RPCs per node, so this period sets most of the message bill. See the README's budget.
     */
    static final Duration REFRESH_PERIOD = Duration.ofMillis(500);

    /**
     * An add not yet stored by then is answered with error 0 (timeout, indefinite: its delta stays
     * in the count and will be stored). Maelstrom's client gives up after 5 s, and a reply after
     * that goes to a closed client, after which Maelstrom stops reading this node; 3 s leaves room.
     */
    static final Duration ADD_REPLY_DEADLINE = Duration.ofSeconds(3);

    /**
     * A write of this node's own key that gets no reply within this is given up and sent again.
     * Only a safety net: seq-kv always answers (Maelstrom never drops a message nor partitions a
     * service). It is long on purpose, so that a slow reply is waited for rather than overtaken by
     * a second write of the same key: two writes in flight could land in either order wherever
     * latency varies from message to message, and the older count would win. (At 5 s this
     * happened: with {@code --latency 1000 --latency-dist exponential} one round trip in 25 takes
     * longer than 5 s.)
     */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    /** After a failed write of the own key, wait this long before writing again, so a failing service is not hammered. */
    static final Duration WRITE_RETRY_DELAY = Duration.ofMillis(100);

    /**
     * Timeout of each step of a refresh (the sync write, then the reads). A refresh that fails
     * simply ends and the next tick starts another; ticks meanwhile are skipped. It must be well
     * above a round trip to seq-kv, or no refresh ever completes: at 1 s, {@code --latency 500}
     * (a 1 s round trip) left every node reading only its own count. Maelstrom's clients wait 5 s.
     */
    static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(5);

    private OwnCount own;
    private PeerCounts peers;

    /** The seq-kv key that holds {@code nodeId}'s count; only that node writes it. */
    static String counterKey(String nodeId) {
        return "counter-" + nodeId;
    }

    /** The seq-kv key {@code nodeId} writes at the start of each refresh (a never-repeated value). */
    static String syncKey(String nodeId) {
        return "sync-" + nodeId;
    }

    @Override
    public void install(Node node) {
        node.onInit(() -> {
            // Each node's count stays within its share of a long, so the sum of all counts never overflows.
            long limit = Long.MAX_VALUE / node.nodeIds().size();
            own = new OwnCount(node, limit);
            peers = new PeerCounts(node, limit);
            peers.start();
        });
        node.on("add", this::add);
        node.on("read", request -> request.reply(Body.of("read_ok").put("value", own.count() + peers.sum())));
    }

    private void add(Request request) {
        long delta = request.body().getLong("delta"); // missing, not an integer, or beyond 64 bits: error 12
        if (delta < 0) {
            throw MaelstromException.malformedRequest("delta must be 0 or more (a grow-only counter), got " + delta);
        }
        own.add(delta, request);
    }

    public static void main(String[] args) {
        Node.runOnStdio(new GCounterNode());
    }
}
