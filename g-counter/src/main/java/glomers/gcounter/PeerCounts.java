package glomers.gcounter;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.KvClient;
import glomers.runtime.Node;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What this node knows of the other nodes' counts: the highest value it has read of each one's
 * key (counts only grow, so the highest is the newest), refreshed every
 * {@link GCounterNode#REFRESH_PERIOD}.
 *
 * <p><b>Why a refresh writes before it reads.</b> seq-kv answers a read from any of its recent
 * states no older than the last one this node has seen, so a read that merely happens later in
 * time can still be stale, however much later. But a request that changes the state is applied to
 * the newest state, and moves this node up to it. So each refresh first writes a value never
 * written before to its own sync key (a write that is sure to change the state), and sends its
 * reads only once that write is acknowledged. Those reads then see every write that seq-kv had
 * applied before the sync write, in particular every count another node had had acknowledged
 * before this refresh began.
 */
final class PeerCounts {
    private final Node node;
    private final KvClient seqKv;
    private final long limit;
    private final List<String> peers;
    private final Map<String, Long> counts = new HashMap<>();
    /** Whether a refresh is under way; a tick that finds one still running skips its turn. */
    private boolean refreshing;
    /** The value of the last sync write: it only goes up, so no sync write repeats an earlier one. */
    private long syncStamp;

    PeerCounts(Node node, long limit) {
        this.node = node;
        this.seqKv = node.seqKv().withTimeout(GCounterNode.REFRESH_TIMEOUT);
        this.limit = limit;
        this.peers = node.peers();
    }

    /** Starts the periodic refresh; a node with no peers has nothing to read. */
    void start() {
        if (!peers.isEmpty()) {
            node.every(GCounterNode.REFRESH_PERIOD, this::refresh);
        }
    }

    /** The sum of the peers' counts as last read. */
    long sum() {
        long sum = 0;
        for (long count : counts.values()) {
            sum += count; // cannot overflow: each count is at most limit = Long.MAX_VALUE / nodes
        }
        return sum;
    }

    /** One refresh: the sync write, then, once it is acknowledged, a read of every peer's key. */
    void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        seqKv.write(GCounterNode.syncKey(node.id()), ++syncStamp)
                .compose(synced -> Future.join(peers.stream().map(this::readCount).toList()))
                .onComplete(done -> {
                    refreshing = false;
                    if (done.failed()) {
                        node.log("refresh incomplete, the next one starts in " + GCounterNode.REFRESH_PERIOD.toMillis()
                                + " ms: " + done.cause());
                    }
                });
    }

    private Future<?> readCount(String peer) {
        return seqKv.read(GCounterNode.counterKey(peer))
                .onSuccess(value -> value.ifPresent(v -> remember(peer, v))); // absent: the peer has stored nothing yet
    }

    private void remember(String peer, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0 || value.longValue() > limit) {
            node.log("ignoring " + GCounterNode.counterKey(peer) + " = " + value + ": not a count between 0 and " + limit);
            return;
        }
        counts.merge(peer, value.longValue(), Math::max);
    }
}
