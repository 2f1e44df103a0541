package glomers.harness.net;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Json;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every send and every receive on the network, as Maelstrom's {@code net/journal.clj} records
 * them, and the {@code :net} statistics Maelstrom's {@code net/checker.clj} computes from them:
 * messages that involve a client count under {@code clients}, everything else (node to node,
 * node to service and back) under {@code servers}.
 *
 * <p>Memory stays constant however many messages a run sends: the journal keeps six counts.
 * The events themselves go, as they happen, to a file if one is given ({@link #writingTo}), one
 * JSON object per line, in the order they happened:
 * <pre>
 *   {"time":2000000,"kind":"send","id":17,"src":"n0","dest":"n1","body":{"type":"gossip","value":5}}
 *   {"time":102000000,"kind":"recv","id":17,"src":"n0","dest":"n1"}
 * </pre>
 * {@code time} is nanoseconds since the start of the run, {@code id} the network-wide message id
 * that pairs a receive with its send; only sends carry the body. {@link #read} reads such a file
 * back.
 */
public final class Journal implements Closeable {
    public enum Kind { SEND, RECV }

    /** One journal event. {@code body} is the message body on a send, null on a receive. */
    public record Event(long timeNanos, Kind kind, long messageId, String src, String dest, JsonNode body) {
    }

    /** The journal's file name in a run folder. */
    public static final String FILE_NAME = "journal.jsonl";

    private static final int CLIENTS = 0;
    private static final int SERVERS = 1;

    private final long[] sends = new long[2];
    private final long[] recvs = new long[2];
    private final Path file;
    private final JsonGenerator out;
    private IOException failure;

    /** A journal that only counts. */
    public Journal() {
        this.file = null;
        this.out = null;
    }

    private Journal(Path file, JsonGenerator out) {
        this.file = file;
        this.out = out;
    }

    /** A journal that counts and writes every event to {@code file} (created or replaced) as it happens. */
    public static Journal writingTo(Path file) {
        try {
            JsonGenerator out = Json.mapper().getFactory().createGenerator(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            out.setRootValueSeparator(null);
            return new Journal(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the network journal to " + file, e);
        }
    }

    void record(long timeNanos, Kind kind, Packet packet) {
        int group = packet.involvesClient() ? CLIENTS : SERVERS;
        (kind == Kind.SEND ? sends : recvs)[group]++;
        if (out != null && failure == null) {
            try {
                write(timeNanos, kind, packet);
            } catch (IOException e) {
                failure = e; // the counts go on; close() reports it
            }
        }
    }

    private void write(long timeNanos, Kind kind, Packet packet) throws IOException {
        out.writeStartObject();
        out.writeNumberField("time", timeNanos);
        out.writeStringField("kind", kind.name().toLowerCase(Locale.ROOT));
        out.writeNumberField("id", packet.id());
        out.writeStringField("src", packet.src());
        out.writeStringField("dest", packet.dest());
        if (kind == Kind.SEND) {
            out.writeFieldName("body");
            Json.mapper().writeTree(out, packet.body().json());
        }
        out.writeEndObject();
        out.writeRaw('\n');
    }

    /** The file the events go to, or null for a journal that only counts. */
    public Path file() {
        return file;
    }

    /** Writes out what is buffered and closes the file. Throws if any event could not be written. */
    @Override
    public void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot write the network journal to " + file, failure);
        }
    }

    /** What {@link #forEach} hands each event to; it may stop the reading with an IOException. */
    public interface EventReader {
        void accept(Event event) throws IOException;
    }

    /** The events of a journal file written by {@link #writingTo}, in order. */
    public static List<Event> read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        forEach(file, events::add);
        return events;
    }

    /**
     * Hands each event of a journal file to {@code each}, in order, one line at a time, so a long
     * run's journal need not fit in memory. Throws IOException naming the line when one is not
     * an event (a journal cut short by a full disk ends in a partial line).
     */
    public static void forEach(Path file, EventReader each) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                each.accept(event(line, file, number));
            }
        }
    }

    private static Event event(String line, Path file, long number) throws IOException {
        try {
            JsonNode event = Json.parse(line);
            for (String field : List.of("time", "kind", "id", "src", "dest")) {
                if (!event.hasNonNull(field)) {
                    throw new IllegalArgumentException("no " + field);
                }
            }
            Kind kind = Kind.valueOf(event.get("kind").asText().toUpperCase(Locale.ROOT));
            return new Event(event.get("time").asLong(), kind, event.get("id").asLong(), event.get("src").asText(),
                    event.get("dest").asText(), event.get("body"));
        } catch (IllegalArgumentException e) { // not JSON, a field missing, or a kind other than send and recv
            throw new IOException(file + " line " + number + " is not a journal event (" + e.getMessage() + ")", e);
        }
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
        Counts clients = new Counts(sends[CLIENTS], recvs[CLIENTS], sends[CLIENTS]);
        Counts servers = new Counts(sends[SERVERS], recvs[SERVERS], sends[SERVERS]);
        Counts all = new Counts(sends[CLIENTS] + sends[SERVERS], recvs[CLIENTS] + recvs[SERVERS], sends[CLIENTS] + sends[SERVERS]);
        return new Stats(all, clients, servers);
    }
}
