package glomers.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The owner strategy's connection to one peer: a stream of items that arrive exactly once and in
 * order, carried in as few messages as possible. A small TCP over Maelstrom's network.
 *
 * <p><b>Sending.</b> Each item gets the next sequence number (1, 2, ...) and stays kept until the
 * peer acknowledges it. Items are not sent one by one: a {@code sync} message carries every item
 * not yet sent, so all that gathers within a few milliseconds travels together. An urgent item
 * (a client is waiting for it) is sent within {@link #URGENT_FLUSH_MILLIS}; any other within
 * {@link #LAZY_FLUSH_MILLIS}, or sooner, with the next urgent one.
 *
 * <p><b>Receiving.</b> The peer's items are handed on only in sequence order, each once: a copy
 * of one already handed on is skipped, and items after a gap wait for the peer to send them
 * again. Every {@code sync} carries {@code ack}, the highest sequence number received without a
 * gap, so acknowledgements ride along with the traffic and cost nothing extra.
 *
 * <p><b>Losses.</b> Maelstrom never drops a message at random, but a partition drops every message
 * between the two sides. When the peer's acknowledgement has not moved for
 * {@link #RETRANSMIT_MILLIS}, every unacknowledged item is sent again.
 *
 * <p><b>Silence.</b> A link says hello at its first tick, and with nothing to say still sends a
 * {@code sync} every {@link #HEARTBEAT_MILLIS}; a peer not heard from for
 * {@link #PEER_SILENT_MILLIS} counts as unreachable ({@link #reachable()}).
 *
 * <p>Wire shape: {@code {"type":"sync","ack":17,"first":23,"items":[{...},{...}]}}, where the
 * items are numbered {@code first}, {@code first + 1}, ...; {@code first} and {@code items} are
 * left out when there are none. Messages between nodes carry no {@code msg_id}: nothing answers them.
 */
final class Link {
    /** An urgent item (a forwarded send, or its answer) is sent at most this long after it is added. */
    static final long URGENT_FLUSH_MILLIS = 5;
    /** Any other item (a replicated message, committed offsets), and an acknowledgement owed, at most this long after. */
    static final long LAZY_FLUSH_MILLIS = 100;
    /** A link that has sent nothing for this long sends a sync anyway, so the peer knows it is there. */
    static final long HEARTBEAT_MILLIS = 500;
    /** A peer not heard from for this long (three heartbeats) counts as unreachable. */
    static final long PEER_SILENT_MILLIS = 1_500;
    /** Unacknowledged items are all sent again when the acknowledgement has not moved for this long. */
    static final long RETRANSMIT_MILLIS = 1_000;
    /** Most items one sync carries; the rest follow in the next. */
    static final int MAX_ITEMS_PER_SYNC = 1_000;
    /** Most items kept unacknowledged; beyond it the owner strategy refuses new sends (error 11). */
    static final int MAX_BACKLOG = 100_000;

    /** Hands on each of the peer's items, once, in the order the peer added them, with its sequence number. */
    interface Receiver {
        void receive(Link from, long seq, JsonNode item);
    }

    private final Node node;
    private final String peer;
    private final Receiver receiver;

    // Sending: items acked+1 .. acked+unacked.size(); those up to sentUpTo have been sent.
    private final List<JsonNode> unacked = new ArrayList<>();
    private long acked;
    private long sentUpTo;
    /** Since when the acknowledgement has been awaited without moving (retransmission clock). */
    private long waitingSince;
    /** Committed offsets not yet put in the stream, highest per key; one item carries them all. */
    private ObjectNode commits;

    // Receiving.
    private long received;
    private long ackSent;
    private long lastHeard;
    private long lastSent;

    private Timer flushTimer;
    private long flushDue;

    Link(Node node, String peer, Receiver receiver) {
        this.node = node;
        this.peer = peer;
        this.receiver = receiver;
        this.lastHeard = node.now(); // a peer counts as reachable until it has had time to be silent
        this.lastSent = node.now() - HEARTBEAT_MILLIS; // so the first tick says hello: the peer hears of us at once
    }

    String peer() {
        return peer;
    }

    /** Adds an item to the stream and returns its sequence number. */
    long add(JsonNode item, boolean urgent) {
        unacked.add(item);
        scheduleFlush(urgent ? URGENT_FLUSH_MILLIS : LAZY_FLUSH_MILLIS);
        return acked + unacked.size();
    }

    /** Adds committed offsets; they travel, merged, as one {@code commits} item in the next sync. */
    void addCommits(Map<String, Long> offsets) {
        if (commits == null) {
            commits = JsonNodeFactory.instance.objectNode();
        }
        offsets.forEach((key, offset) -> {
            JsonNode known = commits.get(key);
            if (known == null || known.longValue() < offset) {
                commits.put(key, offset);
            }
        });
        scheduleFlush(LAZY_FLUSH_MILLIS);
    }

    /** Whether the peer has been heard from within {@link #PEER_SILENT_MILLIS}. */
    boolean reachable() {
        return node.now() - lastHeard < PEER_SILENT_MILLIS;
    }

    /** Items kept until the peer acknowledges them. */
    int backlog() {
        return unacked.size();
    }

    /** Handles a {@code sync} from the peer: its acknowledgement of our items, then its items. */
    void onSync(Body sync) {
        lastHeard = node.now();
        long ack = sync.getLong("ack");
        if (ack > acked) {
            int newlyAcked = (int) Math.min(ack - acked, unacked.size());
            unacked.subList(0, newlyAcked).clear();
            acked += newlyAcked;
            sentUpTo = Math.max(sentUpTo, acked);
            waitingSince = node.now();
        }
        if (sync.has("items")) {
            long seq = sync.getLong("first");
            for (JsonNode item : sync.get("items")) {
                if (seq == received + 1) {
                    received = seq;
                    receiver.receive(this, seq, item);
                }
                // seq <= received: a copy of an item already handed on; seq > received + 1: after a gap,
                // so it waits for the peer's retransmission.
                seq++;
            }
            if (received > ackSent) {
                scheduleFlush(LAZY_FLUSH_MILLIS);
            }
        }
    }

    /** Called every few tens of milliseconds: retransmission and heartbeat. */
    void tick() {
        long now = node.now();
        if (sentUpTo > acked && now - waitingSince >= RETRANSMIT_MILLIS) {
            sentUpTo = acked; // go back: everything unacknowledged is sent again
            flush(true);
        } else if (now - lastSent >= HEARTBEAT_MILLIS) {
            flush(true);
        }
    }

    /** Makes sure a flush happens within {@code delayMillis}; an earlier one already scheduled stays. */
    private void scheduleFlush(long delayMillis) {
        long due = node.now() + delayMillis;
        if (flushTimer != null) {
            if (flushDue <= due) {
                return;
            }
            flushTimer.cancel();
        }
        flushDue = due;
        flushTimer = node.after(Duration.ofMillis(delayMillis), () -> {
            flushTimer = null;
            flush(false);
        });
    }

    /**
     * Sends one sync with the items not yet sent (up to {@link #MAX_ITEMS_PER_SYNC}) and the
     * acknowledgement. Sends nothing when there is nothing to say, unless {@code evenIfEmpty}.
     */
    private void flush(boolean evenIfEmpty) {
        if (flushTimer != null) {
            flushTimer.cancel();
            flushTimer = null;
        }
        if (commits != null) {
            unacked.add(JsonNodeFactory.instance.objectNode().put("type", "commits").set("offsets", commits));
            commits = null;
        }
        long last = acked + unacked.size();
        boolean itemsToSend = sentUpTo < last;
        if (!itemsToSend && received == ackSent && !evenIfEmpty) {
            return;
        }
        long now = node.now();
        Body sync = Body.of("sync").put("ack", received);
        if (itemsToSend) {
            long first = sentUpTo + 1;
            long upTo = Math.min(last, sentUpTo + MAX_ITEMS_PER_SYNC);
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (long seq = first; seq <= upTo; seq++) {
                items.add(unacked.get((int) (seq - acked - 1)));
            }
            sync.put("first", first).put("items", items);
            if (sentUpTo == acked) {
                waitingSince = now; // nothing was awaited: the retransmission clock starts now
            }
            sentUpTo = upTo;
            if (upTo < last) {
                scheduleFlush(URGENT_FLUSH_MILLIS); // a full sync: the rest follows at once
            }
        }
        ackSent = received;
        lastSent = now;
        node.send(peer, sync);
    }
}
