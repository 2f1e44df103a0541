package glomers.txn;

import com.fasterxml.jackson.core.type.TypeReference;
import glomers.runtime.Body;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 6c, read committed, and the default. A transaction's final writes (the last write of
 * each key) are applied here at once as one unit under one {@link Stamp}, and travel to the
 * peers as one unit, in batches:
 * <ul>
 *   <li>Each commit goes in this node's {@link CommitLog} with the next seq. Every
 *       {@link #BATCH_INTERVAL}, each peer gets one {@code replicate} message with the commits it
 *       has not been sent yet (at most {@link #MAX_TXNS_PER_MESSAGE}), and nothing if there are
 *       none and no acknowledgement is owed:
 *       <pre>{@code {"type":"replicate","txns":[{"seq":4,"ts":17,"writes":{"3":7}}, ...],"ack":12}}</pre></li>
 *   <li>{@code ack} acknowledges the receiver's own commits: the sender has applied 1..12 of
 *       them. It rides on the sender's own batch; a node with nothing to send that owes an
 *       acknowledgement sends a batch without txns.</li>
 *   <li>A peer applies an origin's commits in seq order, each in one step, last writer wins per
 *       key ({@link Registers#applyRemote}). A commit past a gap (an earlier batch was lost) is
 *       left for the resend.</li>
 *   <li>When a peer has acknowledged nothing new for {@link #RETRY_AFTER_MILLIS} while commits
 *       wait for its acknowledgement, they are sent again, from the first it lacks. A partition
 *       only delays commits: after the heal the resends bring both sides the same commits, and
 *       last-writer-wins makes them hold the same values.</li>
 * </ul>
 * Why this is read committed: other transactions see only final writes (no G1b), all of a
 * transaction's writes at once, and in an order every node agrees on (no G1c). Nothing aborts
 * (no G1a). What it still allows: the README.
 */
final class Batched extends Replication {
    /** How often each peer is sent the commits it has not had yet: one message per peer per interval. */
    static final Duration BATCH_INTERVAL = Duration.ofMillis(100);
    /** Commits a peer has not acknowledged are sent again once it has acknowledged nothing new for this long. */
    static final long RETRY_AFTER_MILLIS = 1_000;
    /** At most this many commits in one message; the rest go at the next interval. */
    static final int MAX_TXNS_PER_MESSAGE = 1_000;

    private static final TypeReference<List<CommittedTxn>> TXNS = new TypeReference<>() { };

    /** What this node knows of one peer, both ways. */
    private static final class Link {
        /** The peer has acknowledged this node's commits 1..acked. */
        long acked;
        /** This node's commits 1..sent have been sent to the peer (sent >= acked). */
        long sent;
        /** Since when the oldest unacknowledged commit has waited without the peer acknowledging anything new. */
        long waitingSince;
        /** This node has applied the peer's commits 1..applied. */
        long applied;
        /** The peer has sent commits since this node last acknowledged. */
        boolean ackOwed;
    }

    private final CommitLog log = new CommitLog();
    private final Map<String, Link> links = new LinkedHashMap<>();

    @Override
    void start() {
        node.onInit(() -> {
            node.peers().forEach(peer -> links.put(peer, new Link()));
            if (!links.isEmpty()) {
                node.every(BATCH_INTERVAL, this::sendBatches);
            }
        });
        node.on("replicate", message -> receive(message.src(), message.body()));
    }

    @Override
    void commit(Transaction.Completed txn) {
        Map<Long, Long> writes = txn.finalWrites();
        Stamp stamp = registers.commitLocal(node.id(), writes);
        if (!links.isEmpty()) {
            log.append(stamp.ts(), writes);
        }
    }

    private void sendBatches() {
        long now = node.now();
        links.forEach((peer, link) -> {
            if (link.sent > link.acked && now - link.waitingSince >= RETRY_AFTER_MILLIS) {
                link.sent = link.acked; // any of them may have been lost: send again from the first the peer lacks
            }
            List<CommittedTxn> batch = log.read(link.sent + 1, MAX_TXNS_PER_MESSAGE);
            if (batch.isEmpty() && !link.ackOwed) {
                return;
            }
            if (link.sent == link.acked && !batch.isEmpty()) {
                link.waitingSince = now; // nothing was waiting for an acknowledgement: the wait starts now
            }
            node.send(peer, Body.of("replicate").put("txns", batch).put("ack", link.applied));
            link.sent += batch.size();
            link.ackOwed = false;
        });
    }

    private void receive(String peer, Body body) {
        Link link = links.get(peer);
        if (link == null) {
            node.log("ignoring replicate from " + peer + ", which is not a peer");
            return;
        }
        long ack = body.getLong("ack");
        List<CommittedTxn> txns = body.get("txns", TXNS); // both read before anything changes: a bad message changes nothing
        acknowledged(peer, link, ack);
        for (CommittedTxn txn : txns) {
            if (txn.seq() == link.applied + 1) {
                registers.applyRemote(new Stamp(txn.ts(), peer), txn.writes());
                link.applied = txn.seq();
            }
            // seq <= applied: a resend of a commit applied already; seq > applied + 1: past a gap, comes again
        }
        if (!txns.isEmpty()) {
            link.ackOwed = true;
        }
    }

    private void acknowledged(String peer, Link link, long ack) {
        if (ack > log.lastSeq()) {
            node.log("ignoring " + peer + "'s acknowledgement of commit " + ack + ": this node has committed only " + log.lastSeq());
            return;
        }
        if (ack <= link.acked) {
            return; // nothing new (or an older acknowledgement overtaken by a newer one)
        }
        link.acked = ack;
        link.sent = Math.max(link.sent, ack);
        link.waitingSince = node.now();
        log.dropThrough(links.values().stream().mapToLong(l -> l.acked).min().orElseThrow());
    }
}
