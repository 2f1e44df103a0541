package glomers.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import glomers.harness.net.Journal;
import glomers.harness.service.Service;
import glomers.harness.service.Services;
import glomers.runtime.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * messages.html: a run's network journal drawn as a Lamport diagram, as Maelstrom's
 * {@code messages.svg} (maelstrom src/maelstrom/net/viz.clj): one vertical line per client, node
 * and service, in Maelstrom's order ({@code util.clj sort-clients}: clients, then nodes, by number,
 * then services), time downwards, one arrow per message from its send to its receive, labelled
 * with the body's type and the body without {@code type}, {@code msg_id} and {@code in_reply_to}
 * (cut to fit), the body on hover. Colours as Maelstrom's: client traffic blue, error bodies pink,
 * the rest black.
 *
 * <p>Maelstrom draws the first 10,000 journal events on one page, by event order; a 3d run's
 * diagram is 6.6 MB there. This page draws one window of time (it opens on the first second, or
 * less when that holds more than 300 messages) and lets the reader move through the run, zoom the window, pick the lines and the message
 * types shown, and draw the window by time or by event order (Maelstrom's layout; the default
 * when most messages take no time, as without {@code --latency}). Messages with one end on a
 * hidden line are drawn as short ticks naming the other end; messages never received
 * (dropped by a partition, left in a closed client's queue, or in flight at the end) as dashed
 * arrows ending in a cross. Partitions, from the history's nemesis operations, are shaded. The
 * view is kept in the URL's hash ({@code #from=1.5&len=0.25&nodes=n1,n2}), so views can be linked.
 *
 * <p>The page is one self-contained file (no network, opens from {@code file://}). The journal is
 * embedded compactly: string tables for names, types and bodies, integer arrays for who sent what, the
 * journal order (one small integer per event) and the time between events (microseconds), and
 * each body's JSON without its type, cut to {@value #BODY_LIMIT} characters. At most
 * {@value #MAX_MESSAGES} messages are embedded; later ones are counted and left out.
 */
public final class MessageDiagram {
    /** The page's file name in a run folder. */
    public static final String FILE_NAME = "messages.html";
    /** Characters of a body's JSON kept in the page (without its type); a longer body is cut and ends in "…". */
    public static final int BODY_LIMIT = 200;
    /** Messages embedded in the page at most (a 3d run's take 35 bytes each); later messages are left out and counted. */
    public static final int MAX_MESSAGES = 200_000;

    private static final String HISTORY = "history.jsonl";
    /** The type shown for a body without a string {@code type}. */
    private static final String NO_TYPE = "(no type)";
    private static final Pattern NUMBERED = Pattern.compile("(\\w+?)(\\d+)");

    private MessageDiagram() {
    }

    /**
     * Writes {@value #FILE_NAME} into a run folder from its {@value Journal#FILE_NAME} (partitions
     * from its history.jsonl when there is one). Returns the page, or null when the folder has no
     * journal (a run of a sweep that was not journalled). Throws IOException when a file cannot
     * be read or written, or the journal is malformed.
     */
    public static Path writeInto(Path runFolder) throws IOException {
        Path journal = runFolder.resolve(Journal.FILE_NAME);
        if (!Files.isRegularFile(journal)) {
            return null;
        }
        Path history = runFolder.resolve(HISTORY);
        Path page = runFolder.resolve(FILE_NAME);
        write(journal, Files.isRegularFile(history) ? history : null, page);
        return page;
    }

    /**
     * Writes the page {@code out} from {@code journalJsonl} (as {@link Journal#writingTo} writes it)
     * and, when not null, {@code historyJsonl} (as a run folder's history.jsonl), whose nemesis
     * operations give the partitions. Its title names the journal's folder.
     */
    public static void write(Path journalJsonl, Path historyJsonl, Path out) throws IOException {
        Data data = Data.read(journalJsonl);
        List<Object[]> partitions = historyJsonl == null ? List.of() : partitions(historyJsonl);
        Path folder = journalJsonl.toAbsolutePath().getParent();
        String title = folder == null ? journalJsonl.toString() : folder.getFileName().toString();
        Files.writeString(out, page(title, data.json(partitions)), StandardCharsets.UTF_8);
    }

    private static String page(String title, String dataJson) {
        return HtmlPage.start("messages: " + title, resource("messages.css"))
                + "<header>\n<h1>Messages <small>" + HtmlPage.escape(title) + "</small></h1>\n"
                + "<p class=\"about\">A Lamport diagram of the network journal, as Maelstrom's messages.svg: one vertical line per "
                + "client, node and service, time downwards, one arrow per message from its send to its receive, labelled with "
                + "its body (hover for the body, click to keep it in the corner). <span class=\"client-text\">Blue</span>: to or "
                + "from a client; black: between nodes and services; <span class=\"error-text\">pink</span>: an error body; "
                + "<span class=\"lost-text\">dashed, ending in a cross</span>: never received (dropped by a partition, left in a "
                + "closed client's queue, or in flight when the run ended). Shaded: a partition. Drawn by time, or by event "
                + "order (one row per send and receive, as Maelstrom draws it; the page opens so when most messages take no "
                + "time, since by time their arrows would lie on top of each other). Bodies are cut to " + BODY_LIMIT
                + " characters. Keys: \u2190 \u2192 previous and next window, + and \u2212 zoom. The address keeps the view, "
                + "so it can be shared.</p>\n"
                + "<div class=\"bar\"><button id=\"prev\">\u25c0 previous</button><input id=\"slider\" type=\"range\" min=\"0\">"
                + "<button id=\"next\">next \u25b6</button> from <input id=\"from\" type=\"number\" step=\"any\" min=\"0\"> s, "
                + "length <select id=\"len\"></select><button id=\"zoom-in\">\u00bd\u00d7</button><button id=\"zoom-out\">2\u00d7</button>"
                + " <label><input type=\"radio\" name=\"y\" value=\"time\">by time</label>"
                + "<label><input type=\"radio\" name=\"y\" value=\"order\">by event order</label>"
                + " <label><input type=\"checkbox\" id=\"merge\">one line for all clients</label>"
                + " <label><input type=\"checkbox\" id=\"stubs\">messages to or from hidden lines</label></div>\n"
                + "<div id=\"lines\"></div>\n<div id=\"types\"></div>\n<p id=\"counts\"></p>\n</header>\n"
                + "<div id=\"diagram\"></div>\n<pre id=\"detail\"></pre>\n"
                + "<script type=\"application/json\" id=\"journal-data\">" + HtmlPage.scriptSafe(dataJson) + "</script>\n"
                + "<script>\n" + resource("messages.js") + "</script>\n"
                + HtmlPage.end();
    }

    private static String resource(String name) {
        try (InputStream in = MessageDiagram.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bench's jar lacks " + name + " next to MessageDiagram");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The journal in the page's shape. Per message, in send order: {@code src}, {@code dest} and
     * {@code type} and {@code body} (indexes into {@code names}, {@code types} and {@code bodies}: a
     * node that sends one body to all its peers stores it once). Per event, in
     * journal order: {@code ev} (0: the next message's send; k &gt; 0: the receive of the message
     * sent k sends before) and {@code dt} (microseconds since the previous event).
     */
    private static final class Data {
        final Map<String, Integer> names = new HashMap<>();
        final Map<String, Integer> types = new LinkedHashMap<>();
        final List<Integer> src = new ArrayList<>();
        final List<Integer> dest = new ArrayList<>();
        final List<Integer> type = new ArrayList<>();
        final Map<String, Integer> bodies = new LinkedHashMap<>();
        final List<Integer> body = new ArrayList<>();
        final List<Integer> ev = new ArrayList<>();
        final List<Long> dt = new ArrayList<>();
        /** Journal message id to message index, for messages sent and not yet received. */
        final Map<Long, Integer> inFlight = new HashMap<>();
        long lastMicros;
        long firstLeftOutId = -1;
        long leftOut;

        static Data read(Path journal) throws IOException {
            Data data = new Data();
            Journal.forEach(journal, data::add);
            return data;
        }

        void add(Journal.Event event) throws IOException {
            if (event.kind() == Journal.Kind.SEND) {
                if (src.size() == MAX_MESSAGES) {
                    leftOut++;
                    if (firstLeftOutId < 0) {
                        firstLeftOutId = event.messageId();
                    }
                    return;
                }
                inFlight.put(event.messageId(), src.size());
                src.add(index(names, event.src()));
                dest.add(index(names, event.dest()));
                JsonNode t = event.body() == null ? null : event.body().get("type");
                String typeName = t != null && t.isTextual() ? t.textValue() : NO_TYPE;
                type.add(index(types, typeName));
                body.add(index(bodies, bodyText(event.body(), typeName)));
                ev.add(0);
            } else {
                Integer message = inFlight.remove(event.messageId());
                if (message == null) {
                    if (firstLeftOutId >= 0 && event.messageId() >= firstLeftOutId) {
                        return;
                    }
                    throw new IOException("the journal receives message " + event.messageId() + " with no send before it, or twice");
                }
                ev.add(src.size() - message);
            }
            long micros = event.timeNanos() / 1000;
            dt.add(micros - lastMicros);
            lastMicros = micros;
        }

        private static int index(Map<String, Integer> table, String key) {
            return table.computeIfAbsent(key, k -> table.size());
        }

        /** The body's JSON without its type (which the page has from {@code types}), cut to the limit. */
        private static String bodyText(JsonNode body, String type) {
            if (body == null || !body.isObject()) {
                return "{}";
            }
            String text = body.toString();
            String typeFirst = "{\"type\":" + TextNode.valueOf(type) + ",";
            if (text.startsWith(typeFirst)) { // as nearly every body is: one serialisation, no copy
                text = "{" + text.substring(typeFirst.length());
            } else if (body.has("type")) {
                ObjectNode rest = body.deepCopy();
                rest.remove("type");
                text = rest.toString();
            }
            if (text.length() <= BODY_LIMIT) {
                return text;
            }
            int cut = BODY_LIMIT - 1;
            if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                cut--;
            }
            return text.substring(0, cut) + "\u2026";
        }

        /** The page's data as JSON; names in Maelstrom's order, the message's indexes renumbered to match. */
        String json(List<Object[]> partitions) {
            List<String> ordered = new ArrayList<>(names.keySet());
            ordered.sort(Comparator.comparing(LineOrder::of));
            int[] position = new int[ordered.size()];
            for (int i = 0; i < ordered.size(); i++) {
                position[names.get(ordered.get(i))] = i;
            }
            List<String> services = Services.standard(new Random(0)).stream().map(Service::id).filter(names::containsKey).toList();
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("names", ordered);
            page.put("services", services);
            page.put("types", List.copyOf(types.keySet()));
            page.put("src", src.stream().map(i -> position[i]).toList());
            page.put("dest", dest.stream().map(i -> position[i]).toList());
            page.put("type", type);
            page.put("bodies", List.copyOf(bodies.keySet()));
            page.put("body", body);
            page.put("ev", ev);
            page.put("dt", dt);
            page.put("end", lastMicros);
            page.put("partitions", partitions);
            page.put("left-out", leftOut);
            try {
                return Json.mapper().writeValueAsString(page);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Maelstrom's order of the lines (util.clj {@code sort-clients}): names with a number, such as
     * c12 or n4, by their letters then their number; then the others (the services) by name.
     */
    private record LineOrder(int group, String letters, String number) implements Comparable<LineOrder> {
        static LineOrder of(String name) {
            Matcher m = NUMBERED.matcher(name);
            return m.find() ? new LineOrder(0, m.group(1), m.group(2)) : new LineOrder(1, name, "");
        }

        /** Numbers compare by value however long: by length, then digit by digit (leading zeros aside). */
        @Override
        public int compareTo(LineOrder o) {
            return Comparator.comparingInt(LineOrder::group).thenComparing(LineOrder::letters)
                    .thenComparingInt((LineOrder k) -> k.number.length()).thenComparing(LineOrder::number).compare(this, o);
        }
    }

    /**
     * The partitions in a history: {@code [start µs, end µs or -1 (to the end), grudge]} for each
     * nemesis {@code start-partition}, whose value is {@code ["isolated", {dest: [srcs…]}]}, up to
     * the next {@code stop-partition} or start.
     */
    private static List<Object[]> partitions(Path history) throws IOException {
        List<Object[]> partitions = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(history, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.contains("\":nemesis\"")) {
                    continue; // only the nemesis's operations matter, and parsing every line would take most of the time
                }
                JsonNode op;
                try {
                    op = Json.parse(line);
                } catch (IllegalArgumentException e) {
                    throw new IOException(history + " line " + number + " is not an operation (" + e.getMessage() + ")");
                }
                if (!":nemesis".equals(op.path("process").asText())) {
                    continue;
                }
                long micros = op.path("time").asLong() / 1000;
                if (!partitions.isEmpty() && (long) partitions.get(partitions.size() - 1)[1] < 0) {
                    partitions.get(partitions.size() - 1)[1] = micros;
                }
                if (":start-partition".equals(op.path("f").asText())) {
                    JsonNode grudge = op.path("value").path(1);
                    partitions.add(new Object[] {micros, -1L, grudge.isObject() ? grudge : Json.mapper().createObjectNode()});
                }
            }
        }
        return partitions;
    }
}
