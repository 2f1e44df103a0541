package glomers.harness.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Body;
import glomers.runtime.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The messages waiting for delivery, across every destination's queue, all of them together
 * within {@link #MAX_BYTES}, each counted as its body's JSON bytes. Nodes that send faster than
 * their messages can be delivered (a message storm) reach that limit; the backlog then takes no
 * more and says why ({@link #overload()}), which ends the run. Maelstrom has no such limit: it
 * keeps every message until it runs out of memory.
 *
 * <p>A body that came as a private tree ({@link WireJson#copy}, the in-process network) waits as
 * that tree while the backlog holds less than {@link #TREES_UP_TO_BYTES}: a run's usual handful
 * of messages in flight costs nothing to hold or to deliver. Every other body, and every body
 * beyond that, waits compactly as JSON bytes (parsed again when it is delivered): a parsed body
 * takes several times the memory, and in a message storm millions wait.
 */
final class Backlog {
    /**
     * What the waiting messages may hold in all, each counted as its body's JSON bytes plus
     * {@link #OVERHEAD_BYTES}: about 2.8 million messages of 30 bytes.
     */
    static final long MAX_BYTES = 256L << 20;
    /** What a waiting message holds besides its body: its entry (40 bytes), the body array's header, its queue slot. */
    static final int OVERHEAD_BYTES = 64;
    /**
     * Up to this many counted bytes waiting, a private tree waits as it is (a tree takes about five
     * times its JSON bytes: at most about 40 MB); beyond, every body waits as JSON bytes.
     */
    static final long TREES_UP_TO_BYTES = 8L << 20;
    /** For {@link #admit}: a body that is not a {@link WireJson#copy}. */
    static final long NOT_WIRE = -1;

    /** One copy of each sender's name, shared by its waiting messages (a parsed line brings a copy of its own). */
    private final Map<String, String> senders = new HashMap<>();
    private long bytes;
    private long messages;
    private String overload;

    /**
     * A message waiting in its destination's queue, in delivery order: by deadline, then by id.
     * Its body is either a private tree or JSON bytes (exactly one is not null); {@code size} is
     * what it counts against {@link #MAX_BYTES}.
     */
    record Entry(long deadlineNanos, long id, String src, ObjectNode tree, byte[] bytes, long size) implements Comparable<Entry> {
        /** The message again, as it was sent. */
        Packet packet(String dest) {
            if (tree != null) {
                return new Packet(id, src, dest, Body.wrap(tree));
            }
            try {
                return new Packet(id, src, dest, Body.wrap((ObjectNode) Json.mapper().readTree(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back a message body the network held", e);
            }
        }

        @Override
        public int compareTo(Entry other) {
            int byDeadline = Long.compare(deadlineNanos, other.deadlineNanos);
            return byDeadline != 0 ? byDeadline : Long.compare(id, other.id);
        }
    }

    /**
     * The entry for {@code packet}, counted in; null if it does not fit, and from then on for
     * every message (the backlog is overloaded). {@code wireLength}: when the packet's body is a
     * private {@link WireJson#copy}, which may wait as it is, its JSON length; otherwise
     * {@link #NOT_WIRE}. {@code destinationQueued} is how many already wait for the packet's
     * destination, for the overload's message.
     */
    Entry admit(long deadlineNanos, Packet packet, long wireLength, int destinationQueued) {
        if (overload != null) {
            return null;
        }
        ObjectNode body = packet.body().json();
        ObjectNode tree = null;
        byte[] json = null;
        long size;
        if (wireLength != NOT_WIRE && bytes < TREES_UP_TO_BYTES) {
            tree = body;
            size = wireLength + OVERHEAD_BYTES;
        } else {
            try {
                json = Json.mapper().writeValueAsBytes(body);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot hold a message body as JSON", e);
            }
            size = json.length + OVERHEAD_BYTES;
        }
        if (bytes + size > MAX_BYTES) {
            overload = String.format("the network holds %,d messages waiting for delivery (%,d of them for %s), %d MiB in all:"
                    + " the nodes send faster than their messages can be delivered, a message storm."
                    + " Maelstrom would keep every one in memory; the bench stops the run at %d MiB",
                    messages, destinationQueued, packet.dest(), bytes >> 20, MAX_BYTES >> 20);
            return null;
        }
        bytes += size;
        messages++;
        return new Entry(deadlineNanos, packet.id(), senders.computeIfAbsent(packet.src(), name -> name), tree, json, size);
    }

    /** An entry left its queue: delivered, dropped by a partition, or its destination closed. */
    void remove(Entry entry) {
        bytes -= entry.size();
        messages--;
        assert bytes >= 0 && messages >= 0 : "removed more than was admitted";
    }

    long messages() {
        return messages;
    }

    /** Why the backlog takes no more messages, or null while it takes them. */
    String overload() {
        return overload;
    }
}
