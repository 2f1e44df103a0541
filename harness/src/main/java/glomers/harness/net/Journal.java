package glomers.harness.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Every send and every receive on the network, in order, and the {@code :net} statistics that
 * Maelstrom computes from them: messages that involve a client count under {@code clients},
 * everything else (node to node, node to service and back) under {@code servers}.
 */
public final class Journal {
    public enum Kind { SEND, RECV }

    /** One journal event. {@code type} is the body's type, for reading the journal. */
    public record Event(long timeNanos, Kind kind, long messageId, String src, String dest, String type) {
        boolean involvesClient() {
            return Packet.isClient(src) || Packet.isClient(dest);
        }
    }

    private final List<Event> events = new ArrayList<>();

    void record(long timeNanos, Kind kind, Packet packet) {
        events.add(new Event(timeNanos, kind, packet.id(), packet.src(), packet.dest(), packet.body().type()));
    }

    public List<Event> events() {
        return events;
    }

    /** Counts for one group of events. {@code msgCount} counts distinct messages, i.e. sends. */
    public record Counts(long sendCount, long recvCount, long msgCount) {
        /** Messages per client operation, or null when there were no operations (Maelstrom then omits it). */
        public Double msgsPerOp(long opCount) {
            return opCount == 0 ? null : (double) msgCount / opCount;
        }
    }

    /** The {@code :net} statistics: all, clients and servers. */
    public record Stats(Counts all, Counts clients, Counts servers) {
    }

    public Stats stats() {
        long[] sends = new long[2];
        long[] recvs = new long[2];
        for (Event e : events) {
            int group = e.involvesClient() ? 0 : 1;
            if (e.kind() == Kind.SEND) {
                sends[group]++;
            } else {
                recvs[group]++;
            }
        }
        Counts clients = new Counts(sends[0], recvs[0], sends[0]);
        Counts servers = new Counts(sends[1], recvs[1], sends[1]);
        Counts all = new Counts(sends[0] + sends[1], recvs[0] + recvs[1], sends[0] + sends[1]);
        return new Stats(all, clients, servers);
    }
}
