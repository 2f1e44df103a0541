package glomers.gcounter;

import glomers.runtime.Body;
import glomers.runtime.KvClient;
import glomers.runtime.MaelstromException;
import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.Timer;
import java.util.ArrayDeque;

/**
 * This node's part of the counter: the sum of every add it has accepted, and its key in seq-kv.
 *
 * <p>The count in memory is the authority. The key {@code counter-<id>} is written only by this
 * node, always with the whole count, which only grows, so a write never needs a read first and
 * writing the same count twice is harmless. An add is acknowledged once seq-kv has acknowledged a
 * write of a count that includes it.
 *
 * <p><b>Group commit.</b> At most one write is in flight. Adds that arrive meanwhile wait, and
 * the next write (of the count as it is by then) covers all of them at once.
 */
final class OwnCount {
    private final Node node;
    private final KvClient seqKv;
    private final String key;
    private final long limit;

    /** Every add this node has accepted, acknowledged or not. Only grows. */
    private long count;
    /** The highest count seq-kv has acknowledged for our key. Never more than {@link #count}. */
    private long stored;
    /** Whether a write of our key is in flight (never more than one). */
    private boolean writing;
    /** Adds waiting for a stored count that includes them, oldest (and so smallest {@code covers}) first. */
    private final ArrayDeque<PendingAdd> waiting = new ArrayDeque<>();

    /** An add waiting for its acknowledgement, which needs a stored count of at least {@code covers}. */
    private static final class PendingAdd {
        final Request request;
        final long covers;
        Timer deadline;

        PendingAdd(Request request, long covers) {
            this.request = request;
            this.covers = covers;
        }
    }

    OwnCount(Node node, long limit) {
        this.node = node;
        this.seqKv = node.seqKv().withTimeout(GCounterNode.WRITE_TIMEOUT);
        this.key = GCounterNode.counterKey(node.id());
        this.limit = limit;
    }

    long count() {
        return count;
    }

    /** Adds a validated, non-negative delta; the request is answered when a write covers it. */
    void add(long delta, Request request) {
        if (delta > limit - count) {
            throw MaelstromException.abort("adding " + delta + " to " + count + " would pass this node's limit of " + limit
                    + " (its share of a 64-bit total); nothing was added");
        }
        count += delta;
        if (count <= stored) { // a delta of 0 with nothing else waiting: already stored
            request.reply(Body.of("add_ok"));
            return;
        }
        PendingAdd pending = new PendingAdd(request, count);
        pending.deadline = node.after(GCounterNode.ADD_REPLY_DEADLINE, () -> giveUp(pending));
        waiting.add(pending);
        store();
    }

    /** Writes the current count unless a write is in flight (its completion calls this again) or nothing is new. */
    private void store() {
        if (writing || stored == count) {
            return;
        }
        long value = count;
        writing = true;
        seqKv.write(key, value).onComplete(result -> {
            writing = false;
            if (result.succeeded()) {
                stored = value; // value > stored: count only grows, and we write only when it is ahead
                acknowledgeUpTo(value);
                store(); // adds that arrived during this write ride on the next one
            } else {
                node.log("writing " + key + " = " + value + " failed, writing again in "
                        + GCounterNode.WRITE_RETRY_DELAY.toMillis() + " ms: " + result.cause());
                node.after(GCounterNode.WRITE_RETRY_DELAY, this::store);
            }
        });
    }

    private void acknowledgeUpTo(long storedCount) {
        while (!waiting.isEmpty() && waiting.peek().covers <= storedCount) {
            PendingAdd done = waiting.poll();
            done.deadline.cancel();
            done.request.reply(Body.of("add_ok"));
        }
    }

    /**
     * The add's deadline passed before a write covered it. Its delta stays in the count and will
     * be stored (the writes go on), so the outcome is unknown to the client: error 0, indefinite.
     */
    private void giveUp(PendingAdd pending) {
        if (waiting.remove(pending)) {
            pending.request.fail(MaelstromException.timeout("the add is counted here but seq-kv has not acknowledged it within "
                    + GCounterNode.ADD_REPLY_DEADLINE.toMillis() + " ms; it will be stored when seq-kv answers"));
        }
    }
}
