package glomers.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;
import us.bpsm.edn.EdnException;
import us.bpsm.edn.Keyword;
import us.bpsm.edn.Named;
import us.bpsm.edn.TaggedValue;
import us.bpsm.edn.parser.Parseable;
import us.bpsm.edn.parser.Parser;
import us.bpsm.edn.parser.Parsers;

/**
 * The real Maelstrom's EDN files ({@code results.edn}, {@code history.edn}) as Jackson trees, read
 * with edn-java, so the bench's {@code results.json} and Maelstrom's {@code results.edn} go through
 * one reader ({@link RunRecord}).
 *
 * <p>The tree has the shape the bench's results.json has for the same results: a map is an
 * object whose keys are text (a keyword without its colon, {@code :valid?} → {@code "valid?"}; any
 * other key as printed, {@code 0.5} → {@code "0.5"}); vectors, lists and sets are arrays; a keyword
 * <em>value</em> keeps its colon ({@code :unknown} → {@code ":unknown"}, as results.json writes it);
 * numbers, strings, booleans and nil are themselves; a tagged literal such as Jepsen's
 * {@code #jepsen.history.Op{…}} is its value; anything else (a symbol, a character, an instant) is
 * its text.
 */
public final class EdnJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EdnJson() {
    }

    /** The first value in {@code file}. Throws IOException naming the file when it cannot be read or parsed. */
    public static JsonNode read(Path file) throws IOException {
        JsonNode[] first = new JsonNode[1];
        forEach(file, value -> {
            if (first[0] == null) {
                first[0] = value;
            }
        });
        if (first[0] == null) {
            throw new IOException(file + " holds no EDN value");
        }
        return first[0];
    }

    /** Every top-level value in {@code file}, in order (history.edn has one operation a line). */
    public static void forEach(Path file, Consumer<JsonNode> each) throws IOException {
        Parser parser = Parsers.newParser(Parsers.defaultConfiguration());
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Parseable input = Parsers.newParseable(reader);
            for (Object value = parser.nextValue(input); value != Parser.END_OF_INPUT; value = parser.nextValue(input)) {
                each.accept(toJson(value));
            }
        } catch (EdnException e) {
            throw new IOException("cannot parse " + file + " as EDN: " + e.getMessage(), e);
        }
    }

    /** One edn-java value as a Jackson tree, by the rules above. */
    public static JsonNode toJson(Object edn) {
        if (edn == null) {
            return NODES.nullNode();
        }
        if (edn instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                object.set(key(entry.getKey()), toJson(entry.getValue()));
            }
            return object;
        }
        if (edn instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (edn instanceof TaggedValue tagged) {
            return toJson(tagged.getValue());
        }
        if (edn instanceof Keyword keyword) {
            return NODES.textNode(":" + name(keyword));
        }
        if (edn instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (edn instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (edn instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (edn instanceof BigInteger i) {
            return NODES.numberNode(i);
        }
        if (edn instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        return NODES.textNode(String.valueOf(edn));
    }

    /** A map key as text: a keyword's name without its colon, anything else as printed. */
    private static String key(Object key) {
        return key instanceof Keyword keyword ? name(keyword) : String.valueOf(key);
    }

    private static String name(Named named) {
        return named.getPrefix().isEmpty() ? named.getName() : named.getPrefix() + "/" + named.getName();
    }
}
