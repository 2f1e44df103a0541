package glomers.broadcast;

import glomers.runtime.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 3e: built for message count. Values travel in batches through one hub (the first node):
 * <ul>
 *   <li>Every {@link #ROUND_MILLIS}, on the wall clock's round boundaries (so all nodes tick
 *       together), each other node sends the hub the values its clients gave it since the last
 *       round: one message, if it has any.</li>
 *   <li>The hub waits {@link #HUB_GATHER_MILLIS} after the first batch of a round arrives, so
 *       the whole round's batches are in, then sends each node, in one message, every value that
 *       node has not been sent yet.</li>
 * </ul>
 * So a value costs about two messages per round per node, shared by every value in the round,
 * instead of one message per value per node. The price is latency: a value waits for its round
 * (up to {@link #ROUND_MILLIS}), then takes two hops and the gather: about 700 + 100 + 30 + 100 ms
 * at worst in 3e.
 *
 * <p>Partitions: batches carry digests, and {@link AntiEntropy} repairs what was dropped. A node
 * that has sent the hub nothing for a while sends it its digest alone. While the hub is cut off,
 * values wait; once it is back, the digests bring everything through.
 */
final class Batch implements Gossip {
    /** How long values gather on a node before going to the hub. */
    static final long ROUND_MILLIS = 700;
    /** How long the hub waits for the rest of a round's batches after the first arrives. */
    static final long HUB_GATHER_MILLIS = 30;

    private Node node;
    private OriginLogs logs;
    private AntiEntropy antiEntropy;
    private String hub;

    // A non-hub node: how many of its own values the hub has been sent.
    private int ownSentToHub;

    // The hub: node -> origin -> how many of that origin's values that node has been sent.
    private final Map<String, Map<String, Integer>> sentTo = new HashMap<>();
    private boolean flushScheduled;
    private long ownWaitingSince = -1;

    @Override
    public void install(Node node, Values values) {
        this.node = node;
        this.logs = new OriginLogs(values);
        this.antiEntropy = new AntiEntropy(node, logs, this::learnedFromAPeer);
        node.onInit(() -> {
            hub = node.nodeIds().get(0);
            scheduleNextRound();
        });
    }

    private boolean isHub() {
        return node.id().equals(hub);
    }

    @Override
    public void originate(long value) {
        logs.originate(node.id(), value, node.now() + AntiEntropy.SETTLE_MILLIS);
        if (isHub() && ownWaitingSince < 0) {
            ownWaitingSince = node.now();
        }
    }

    /** Rounds start at multiples of ROUND_MILLIS on the wall clock, the same instants on every node. */
    private void scheduleNextRound() {
        long untilBoundary = ROUND_MILLIS - Math.floorMod(node.now(), ROUND_MILLIS);
        node.after(java.time.Duration.ofMillis(untilBoundary), () -> {
            scheduleNextRound();
            if (isHub()) {
                hubRound();
            } else {
                sendOwnValuesToHub();
            }
        });
    }

    private void sendOwnValuesToHub() {
        List<Long> unsent = logs.read(node.id(), ownSentToHub + 1, AntiEntropy.MAX_VALUES_PER_MESSAGE, Long.MAX_VALUE);
        if (!unsent.isEmpty()) {
            antiEntropy.send(hub, List.of(new Run(node.id(), ownSentToHub + 1, unsent)));
            ownSentToHub += unsent.size();
        } else if (antiEntropy.digestDue(hub)) {
            antiEntropy.sendDigest(hub);
        }
    }

    /** The hub's own clients' values ride with the next flush; if no batch comes to start one, a round later. */
    private void hubRound() {
        if (ownWaitingSince >= 0 && node.now() - ownWaitingSince >= ROUND_MILLIS) {
            scheduleFlush();
        }
    }

    private void learnedFromAPeer() {
        if (isHub()) {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            node.after(java.time.Duration.ofMillis(HUB_GATHER_MILLIS), this::flush);
        }
    }

    /** The hub sends every other node what it has not been sent yet, one message each. */
    private void flush() {
        flushScheduled = false;
        ownWaitingSince = -1;
        boolean leftOver = false;
        for (String peer : node.peers()) {
            Map<String, Integer> sent = sentTo.computeIfAbsent(peer, p -> new HashMap<>());
            List<Run> runs = new ArrayList<>();
            int room = AntiEntropy.MAX_VALUES_PER_MESSAGE;
            for (String origin : logs.origins()) {
                int first = sent.getOrDefault(origin, 0) + 1;
                if (origin.equals(peer) || logs.count(origin) < first) {
                    continue; // a node has its own values
                }
                List<Long> values = logs.read(origin, first, room, Long.MAX_VALUE);
                if (!values.isEmpty()) {
                    runs.add(new Run(origin, first, values));
                    sent.put(origin, first - 1 + values.size());
                    room -= values.size();
                }
                leftOver |= logs.count(origin) >= first + values.size();
            }
            if (!runs.isEmpty()) {
                antiEntropy.send(peer, runs);
            }
        }
        if (leftOver) {
            scheduleFlush(); // a message was full: the rest goes shortly
        }
    }
}
