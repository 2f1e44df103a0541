package glomers.harness.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A run folder's {@code history.jsonl}: every entry of a {@link History}, one JSON object a line,
 * as {@link Op#toJson} writes it (Jepsen's op maps, keywords as {@code ":name"} strings:
 * {@code {"index":0,"time":123,"type":":invoke","process":0,"f":":read","value":null}}; the
 * nemesis's process is {@code ":nemesis"}). Reading it back gives the same history, so pages and
 * plots can be made again from the file alone.
 */
public final class HistoryFile {
    private HistoryFile() {
    }

    public static void write(Path file, History history) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Op op : history.ops()) {
                out.write(op.toJson().toString());
                out.write('\n');
            }
        }
    }

    /**
     * The history in {@code file}, entry by entry: an invocation opens its process's operation and
     * the process's next completion closes it; nemesis entries stand alone.
     *
     * @throws IOException for a file that cannot be read, or a line that is not such an entry
     *                     (the message names the line)
     */
    public static History read(Path file) throws IOException {
        History history = new History();
        Map<Integer, Op> open = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    add(history, open, Json.mapper().readTree(line));
                } catch (JsonProcessingException | RuntimeException e) {
                    throw new IOException(file + " line " + lineNumber + ": " + e.getMessage().lines().findFirst().orElse(""), e);
                }
            }
        }
        return history;
    }

    private static void add(History history, Map<Integer, Op> open, JsonNode entry) {
        long time = required(entry, "time").asLong();
        String f = keyword(required(entry, "f"));
        JsonNode value = entry.get("value") == null || entry.get("value").isNull() ? null : entry.get("value");
        Op.Type type = Op.Type.valueOf(keyword(required(entry, "type")).toUpperCase(Locale.ROOT));
        JsonNode process = required(entry, "process");
        if (!process.isInt()) {
            if (!":nemesis".equals(process.asText())) {
                throw new IllegalArgumentException("process is " + process + ", neither a number nor :nemesis");
            }
            history.nemesis(time, f, value);
            return;
        }
        int p = process.intValue();
        if (type == Op.Type.INVOKE) {
            open.put(p, history.invoke(time, p, f, value, entry.path("final?").asBoolean(false)));
            return;
        }
        Op invoke = open.remove(p);
        if (invoke == null) {
            throw new IllegalArgumentException("a completion of process " + p + ", which has no operation in flight");
        }
        history.complete(invoke, time, type, value, entry.hasNonNull("error") ? entry.get("error").asText() : null);
    }

    private static JsonNode required(JsonNode entry, String key) {
        JsonNode value = entry.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no \"" + key + "\" in " + entry);
        }
        return value;
    }

    /** ":read" → "read". */
    private static String keyword(JsonNode node) {
        String text = node.asText();
        return text.startsWith(":") ? text.substring(1) : text;
    }
}
