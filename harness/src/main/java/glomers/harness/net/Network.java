package glomers.harness.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.sim.Scheduler;
import glomers.runtime.Body;
import glomers.runtime.Json;
import glomers.runtime.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Maelstrom's simulated network, on the run's {@link Scheduler}.
 *
 * <ul>
 *   <li><b>Sending</b> checks the line as Maelstrom does (JSON; exactly {@code src}, {@code dest},
 *       {@code body} and an optional integer {@code id}; both ends registered right now), gives it
 *       the next network-wide id, journals the send, and queues it for its destination with a
 *       deadline of now + latency. There is no random loss and no duplication.</li>
 *   <li><b>Latency</b> is zero when either end is a client ({@code c…}); otherwise it is drawn
 *       from the distribution with mean {@code --latency}.</li>
 *   <li><b>Delivery</b>, per destination, works like Maelstrom's delivery thread: take the
 *       earliest-deadline message; if the destination is partitioned from its sender <em>at that
 *       moment</em>, drop it (a send with no receive); otherwise wait until its deadline, journal
 *       the receive and deliver. While it waits, later messages wait behind it, even zero-latency
 *       client requests: the head-of-line blocking Maelstrom has too.</li>
 *   <li><b>Partitions</b> are a map from destination to the senders it drops, set by the nemesis
 *       between server nodes only.</li>
 *   <li><b>Memory</b>: the queues hold at most 256 MiB of bodies, counted as JSON bytes
 *       ({@link Backlog}); past that the network is {@linkplain #overload() overloaded} and the
 *       run stops. The journal keeps counts, and writes events to a file if given one.</li>
 * </ul>
 *
 * A line that fails the checks is a {@link Violation}: the real Maelstrom stops reading a node
 * after one, so the bench reports it and the run fails.
 */
public final class Network {
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final Scheduler scheduler;
    private final Latency latency;
    private final long latencyMillis;
    private final Random random;
    private final Journal journal;
    private final Backlog backlog = new Backlog();
    private final Map<String, Inbox> inboxes = new HashMap<>();
    private final Map<String, Set<String>> dropsFrom = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private Consumer<Violation> onViolation = v -> { };
    private long nextMessageId;

    /** Something an endpoint sent that Maelstrom would reject. */
    public record Violation(String sender, String reason, String line) {
        @Override
        public String toString() {
            return sender + " sent " + reason + ": " + line;
        }
    }

    public Network(Scheduler scheduler, Latency latency, long latencyMillis, Random random) {
        this(scheduler, latency, latencyMillis, random, new Journal());
    }

    /** A network that records its traffic in {@code journal} (which may write it to a file). */
    public Network(Scheduler scheduler, Latency latency, long latencyMillis, Random random, Journal journal) {
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("--latency must be at least 0, got " + latencyMillis);
        }
        this.scheduler = scheduler;
        this.latency = latency;
        this.latencyMillis = latencyMillis;
        this.random = random;
        this.journal = journal;
    }

    /** Called for every violation, as it happens (the run uses it to stop). */
    public void onViolation(Consumer<Violation> handler) {
        this.onViolation = handler;
    }

    /** Adds an endpoint that receives its messages through {@code receiver}; each delivery is journalled as a receive. */
    public void register(String endpoint, Consumer<Packet> receiver) {
        register(endpoint, receiver, true);
    }

    /**
     * Adds an endpoint that keeps what is delivered in a queue of its own and takes it later, as
     * Maelstrom's clients do (client.clj {@code recv!} polls the client's queue only while it waits
     * for a reply). The endpoint journals each message with {@link #journalTaken} when it takes it,
     * so a message left in a closed client's queue is a send with no receive, as in Maelstrom.
     */
    public void registerQueued(String endpoint, Consumer<Packet> receiver) {
        register(endpoint, receiver, false);
    }

    private void register(String endpoint, Consumer<Packet> receiver, boolean journalDeliveries) {
        if (inboxes.containsKey(endpoint)) {
            throw new IllegalStateException(endpoint + " is already on the network");
        }
        inboxes.put(endpoint, new Inbox(endpoint, receiver, journalDeliveries));
    }

    /** Journals the receive of a message that a {@link #registerQueued} endpoint has taken from its queue. */
    public void journalTaken(Packet packet) {
        journal.record(scheduler.now(), Journal.Kind.RECV, packet);
    }

    /** Takes an endpoint off the network (a client closing); messages still queued for it are dropped. */
    public void unregister(String endpoint) {
        Inbox inbox = inboxes.remove(endpoint);
        if (inbox != null) {
            inbox.closed = true;
            inbox.queue.forEach(backlog::remove);
            inbox.queue.clear();
        }
    }

    public boolean isRegistered(String endpoint) {
        return inboxes.containsKey(endpoint);
    }

    /**
     * Sends one line written by {@code sender}. Returns the packet, or null after recording a
     * violation if Maelstrom would reject the line.
     */
    public Packet send(String sender, String line) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(line);
        } catch (Exception e) {
            return violation(sender, "a line that is not JSON", line);
        }
        if (tree == null || !tree.isObject()) {
            return violation(sender, "a line that is not a JSON object", line);
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("src") && !name.equals("dest") && !name.equals("body") && !name.equals("id")) {
                return violation(sender, "a message with the unexpected top-level key \"" + name + "\"", line);
            }
        }
        JsonNode src = tree.get("src");
        JsonNode dest = tree.get("dest");
        JsonNode body = tree.get("body");
        JsonNode id = tree.get("id");
        if (src == null || !src.isTextual() || dest == null || !dest.isTextual()) {
            return violation(sender, "a message whose src or dest is not a string", line);
        }
        if (body == null || !body.isObject()) {
            return violation(sender, "a message whose body is not a JSON object", line);
        }
        if (id != null && !id.isIntegralNumber()) {
            return violation(sender, "a message whose id is not an integer", line);
        }
        String unknownEnd = unknownEndpoint(src.textValue(), dest.textValue());
        if (unknownEnd != null) {
            return violation(sender, unknownEnd, line);
        }
        return send(new Packet(nextMessageId++, src.textValue(), dest.textValue(), Body.wrap((ObjectNode) body)), Backlog.NOT_WIRE);
    }

    /**
     * Sends a message an in-process node built (its runtime hands over the message, not a line):
     * the same as {@link #send(String, String) send(sender, message.toLine())}, the same packet
     * delivered, journalled and counted, without writing the line and reading it back. The body is
     * copied as it reads back from the wire ({@link WireJson#copy}) at once, so the node may change
     * it afterwards. A body only the text can tell about goes through the line.
     */
    public Packet send(String sender, Message message) {
        WireJson.Copy wire = WireJson.copy(message.body().json());
        if (wire == null) {
            return send(sender, message.toLine());
        }
        String unknownEnd = unknownEndpoint(message.src(), message.dest());
        if (unknownEnd != null) {
            return violation(sender, unknownEnd, message.toLine());
        }
        return send(new Packet(nextMessageId++, message.src(), message.dest(), Body.wrap(wire.body())), wire.length());
    }

    /** Why a message between these ends cannot be sent (one of them is not on the network), or null. */
    private String unknownEndpoint(String src, String dest) {
        if (!inboxes.containsKey(src)) {
            return "a message from \"" + src + "\", which is not on the network";
        }
        if (!inboxes.containsKey(dest)) {
            return "a message to \"" + dest + "\", which is not on the network"
                    + (Packet.isClient(dest) ? " (a client that has given up waiting and closed)" : "");
        }
        return null;
    }

    /** Sends a message built by the bench itself (clients and services), already known to be valid. */
    public Packet send(String src, String dest, Body body) {
        if (!inboxes.containsKey(src) || !inboxes.containsKey(dest)) {
            throw new IllegalStateException("the bench sent " + src + " -> " + dest + " with an end not on the network");
        }
        WireJson.Copy wire = WireJson.copy(body.json());
        return wire == null ? send(new Packet(nextMessageId++, src, dest, body), Backlog.NOT_WIRE)
                : send(new Packet(nextMessageId++, src, dest, Body.wrap(wire.body())), wire.length());
    }

    /** {@code wireLength}: the JSON length of a body that is a private {@link WireJson#copy}, else {@link Backlog#NOT_WIRE}. */
    private Packet send(Packet packet, long wireLength) {
        journal.record(scheduler.now(), Journal.Kind.SEND, packet);
        long delayMillis = packet.involvesClient() ? 0 : latency.drawMillis(latencyMillis, random);
        inboxes.get(packet.dest()).enqueue(packet, wireLength, scheduler.now() + delayMillis * NANOS_PER_MILLI);
        return packet;
    }

    private Packet violation(String sender, String reason, String line) {
        Violation violation = new Violation(sender, reason, line);
        violations.add(violation);
        onViolation.accept(violation);
        return null;
    }

    /** From now on {@code dest} drops everything sent by {@code src}. */
    public void drop(String src, String dest) {
        dropsFrom.computeIfAbsent(dest, d -> new HashSet<>()).add(src);
    }

    /** Replaces the partition state: for each destination, the senders it drops. */
    public void partition(Map<String, Set<String>> grudge) {
        dropsFrom.clear();
        grudge.forEach((dest, srcs) -> dropsFrom.put(dest, new HashSet<>(srcs)));
    }

    public void heal() {
        dropsFrom.clear();
    }

    public boolean isPartitioned() {
        return dropsFrom.values().stream().anyMatch(s -> !s.isEmpty());
    }

    public Map<String, Set<String>> partitionState() {
        return Map.copyOf(dropsFrom);
    }

    public Journal journal() {
        return journal;
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /**
     * Why the network takes no more messages (a message storm: more than 256 MiB waiting for
     * delivery, see {@link Backlog}), or null. The run stops on it.
     */
    public String overload() {
        return backlog.overload();
    }

    /** One destination's queue and delivery "thread". */
    private final class Inbox {
        private final String endpoint;
        private final Consumer<Packet> receiver;
        private final PriorityQueue<Backlog.Entry> queue = new PriorityQueue<>();
        private final boolean journalDeliveries;
        private boolean busy;
        private boolean closed;

        Inbox(String endpoint, Consumer<Packet> receiver, boolean journalDeliveries) {
            this.endpoint = endpoint;
            this.receiver = receiver;
            this.journalDeliveries = journalDeliveries;
        }

        void enqueue(Packet packet, long wireLength, long deadlineNanos) {
            Backlog.Entry entry = backlog.admit(deadlineNanos, packet, wireLength, queue.size());
            if (entry == null) {
                return; // the network is overloaded and the run over: journalled, never delivered
            }
            queue.add(entry);
            if (!busy) {
                busy = true;
                scheduler.after(0, this::takeNext);
            }
        }

        /** The delivery thread takes the earliest deadline; partitions are checked at this moment. */
        private void takeNext() {
            while (true) {
                Backlog.Entry next = queue.poll();
                if (next == null || closed) {
                    busy = false;
                    return;
                }
                backlog.remove(next);
                Set<String> dropped = dropsFrom.get(endpoint);
                if (dropped != null && dropped.contains(next.src())) {
                    continue; // consumed and lost: a send with no receive
                }
                scheduler.at(next.deadlineNanos(), () -> deliver(next.packet(endpoint)));
                return;
            }
        }

        private void deliver(Packet packet) {
            if (!closed) {
                if (journalDeliveries) {
                    journal.record(scheduler.now(), Journal.Kind.RECV, packet);
                }
                receiver.accept(packet);
            }
            takeNext();
        }
    }
}
