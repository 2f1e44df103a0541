package glomers.harness.net;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import glomers.runtime.Json;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Every send and every receive on the network, as Maelstrom's {@code net/journal.clj} records
 * them, and the {@code :net} statistics Maelstrom's {@code net/checker.clj} computes from them:
 * messages that involve a client count under {@code clients}, everything else (node to node,
 * node to service and back) under {@code servers}.
 *
 * <p>Memory stays constant however many messages a run sends: the journal keeps six counts.
 * The events themselves go, as they happen, to a file if one is given ({@link #writingTo}), one
 * JSON object per line (gzip-compressed when the file's name ends in {@code .gz}), in the order
 * they happened:
 * <pre>
 *   {"time":2000000,"kind":"send","id":17,"src":"n0","dest":"n1","body":{"type":"gossip","value":5}}
 *   {"time":102000000,"kind":"recv","id":17,"src":"n0","dest":"n1"}
 * </pre>
 * {@code time} is nanoseconds since the start of the run, {@code id} the network-wide message id
 * that pairs a receive with its send; only sends carry the body. {@link #read} and
 * {@link #forEach} read such a file back.
 */
public final class Journal implements Closeable {
    public enum Kind { SEND, RECV }

    /** One journal event. {@code body} is the message body on a send, null on a receive. */
    public record Event(long timeNanos, Kind kind, long messageId, String src, String dest, JsonNode body) {
    }

    /**
     * The journal's file name in a run folder: gzip-compressed JSON lines ({@code zcat} reads it),
     * since a 3d run's 13 MB of events compress to 1.2 MB.
     */
    public static final String FILE_NAME = "journal.jsonl.gz";

    private static final int BUFFER_BYTES = 64 * 1024;
    /** Reads a body in the middle of an event, with the rest of the event still to come. */
    private static final ObjectReader BODY_READER = Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

    /**
     * A journal that counts and writes every event to {@code file} (created or replaced) as it
     * happens; gzip-compressed, at the fastest level, when the name ends in {@code .gz}.
     */
    public static Journal writingTo(Path file) {
        try {
            OutputStream out = Files.newOutputStream(file);
            if (gzipped(file)) {
                out = new GZIPOutputStream(out, BUFFER_BYTES) {
                    {
                        def.setLevel(Deflater.BEST_SPEED); // a tenth of the size at a tenth of a second for a 3d run
                    }
                };
            }
            JsonGenerator generator = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
            generator.setRootValueSeparator(null);
            return new Journal(file, generator);
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
     * Hands each event of a journal file to {@code each}, in order, as it reads them, so a long
     * run's journal need not fit in memory. Throws IOException naming the line when one is not an
     * event, or when the file is cut short (a full disk).
     */
    public static void forEach(Path file, EventReader each) throws IOException {
        InputStream in = Files.newInputStream(file);
        try (JsonParser parser = Json.mapper().createParser(gzipped(file) ? new GZIPInputStream(in, BUFFER_BYTES) : in)) {
            while (parser.nextToken() != null) {
                each.accept(event(parser, file, parser.currentTokenLocation().getLineNr()));
            }
        } catch (EOFException e) {
            throw new IOException(file + " is cut short (" + e.getMessage() + ")", e);
        }
    }

    /** The event whose object starts at the parser's current token; the envelope is read field by field, only the body as a tree. */
    private static Event event(JsonParser parser, Path file, long line) throws IOException {
        try {
            if (!parser.isExpectedStartObjectToken()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Long time = null;
            Long id = null;
            String kind = null;
            String src = null;
            String dest = null;
            JsonNode body = null;
            String field;
            while ((field = parser.nextFieldName()) != null) {
                parser.nextToken();
                switch (field) {
                    case "time" -> time = parser.getLongValue();
                    case "id" -> id = parser.getLongValue();
                    case "kind" -> kind = parser.getValueAsString();
                    case "src" -> src = parser.getValueAsString();
                    case "dest" -> dest = parser.getValueAsString();
                    case "body" -> body = BODY_READER.readTree(parser);
                    default -> parser.skipChildren();
                }
            }
            if (time == null || id == null || kind == null || src == null || dest == null) {
                throw new IllegalArgumentException("it needs time, kind, id, src and dest");
            }
            return new Event(time, Kind.valueOf(kind.toUpperCase(Locale.ROOT)), id, src, dest, body);
        } catch (JsonProcessingException | IllegalArgumentException e) { // not JSON, a field missing, a kind other than send and recv
            String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new IOException(file + " line " + line + " is not a journal event (" + why + ")", e);
        }
    }

    private static boolean gzipped(Path file) {
        return file.getFileName().toString().endsWith(".gz");
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
