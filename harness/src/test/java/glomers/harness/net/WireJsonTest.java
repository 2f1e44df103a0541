package glomers.harness.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** WireJson.copy must give what writing the JSON text and reading it back gives: the same tree, node kinds and byte count. */
class WireJsonTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Characters that Jackson writes in every different way: plain, escaped short or long, 2 and 3 UTF-8 bytes, surrogate pairs. */
    private static final String[] CHARS = {"a", "b", " ", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f", "\u0000", "\u0001", "\u001f",
        "\u007f", "\u0080", "é", "\u07ff", "\u0800", "€", "\uffff", "\ud83d\ude00", "\ud800\udfff"};

    /** What the text gives: the body written as UTF-8 JSON and read back, as the network did before it took trees. */
    private static JsonNode throughText(JsonNode body) throws Exception {
        return Json.mapper().readTree(Json.mapper().writeValueAsBytes(body));
    }

    @Test
    void randomBodiesCopyAsTheirTextReadsBackAndCountItsBytes() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            ObjectNode body = randomObject(random, 0);
            WireJson.Copy copy = WireJson.copy(body);

            assertThat(copy).as("a body of plain nodes has a copy: %s", body).isNotNull();
            assertSameTree(copy.body(), throughText(body), "$");
            assertThat(copy.length()).as("bytes of %s", body).isEqualTo(Json.mapper().writeValueAsBytes(body).length);
            // The network read lines as strings before: the same tree again.
            assertSameTree(copy.body(), Json.mapper().readTree(Json.mapper().writeValueAsString(body)), "$");
        }
    }

    @Test
    void numbersComeBackBySizeAsTheParserReadsThem() throws Exception {
        ObjectNode body = NODES.objectNode().put("small", 5L).put("int", (long) Integer.MIN_VALUE).put("long", 1L << 40)
                .put("short", (short) 7).put("min", Long.MIN_VALUE).put("max", Long.MAX_VALUE).put("negzero", -0.0)
                .put("tiny", 4.9e-324).put("huge", 1.7976931348623157e308).put("tenth", 0.1).put("hundred", 100.0);
        WireJson.Copy copy = WireJson.copy(body);

        assertSameTree(copy.body(), throughText(body), "$");
        assertThat(copy.body().get("small").isInt()).isTrue();
        assertThat(copy.body().get("long").isLong()).isTrue();
        assertThat(copy.length()).isEqualTo(Json.mapper().writeValueAsBytes(body).length);
    }

    @Test
    void theCopyIsPrivateChangingTheOriginalLaterChangesNothing() throws Exception {
        ObjectNode body = NODES.objectNode().put("type", "read_ok");
        ArrayNode values = body.putArray("messages").add(1).add(2);
        String before = Json.mapper().writeValueAsString(body);
        WireJson.Copy copy = WireJson.copy(body);

        values.add(3); // as a node's shared "messages" array grows after the reply went out
        body.put("type", "changed");

        assertThat(Json.mapper().writeValueAsString(copy.body())).isEqualTo(before);
    }

    @Test
    void nodesWhoseTextReadsBackDifferentlyOrHitsJacksonsLimitsHaveNoCopy() {
        List<JsonNode> onlyTheTextCanTell = List.of(
                NODES.numberNode(1.5f), // a float: its text reads back as a double
                NODES.numberNode(new BigDecimal("1.50")), // reads back as 1.5
                NODES.numberNode(BigInteger.ONE.shiftLeft(70)),
                NODES.numberNode(Double.NaN), // written as the string "NaN"
                NODES.numberNode(Double.POSITIVE_INFINITY),
                NODES.binaryNode(new byte[] {1, 2}), // written as base64 text
                NODES.pojoNode(List.of(1)),
                NODES.textNode("x".repeat(WireJson.MAX_STRING_CHARS + 1)),
                NODES.textNode("lone \ud800 surrogate"),
                NODES.textNode("\ude00 backwards \ud83d"));
        for (JsonNode value : onlyTheTextCanTell) {
            assertThat(WireJson.copy(NODES.objectNode().set("v", value))).as(value.getClass().getSimpleName()).isNull();
            assertThat(WireJson.copy(NODES.objectNode().set("deep", NODES.arrayNode().add(NODES.arrayNode().add(value)))))
                    .as("inside arrays: " + value.getClass().getSimpleName()).isNull();
        }
        assertThat(WireJson.copy(NODES.objectNode().put("k".repeat(WireJson.MAX_STRING_CHARS + 1), 1))).as("a long name").isNull();
        assertThat(WireJson.copy(NODES.objectNode().put("\ude00", 1))).as("a lone surrogate in a name").isNull();

        ObjectNode deep = NODES.objectNode();
        ObjectNode inner = deep;
        for (int depth = 1; depth < WireJson.MAX_DEPTH; depth++) {
            inner = inner.putObject("d");
        }
        assertThat(WireJson.copy(deep)).as("as deep as taken").isNotNull();
        inner.putObject("d");
        assertThat(WireJson.copy(deep)).as("one level deeper").isNull();
    }

    @Test
    void digitsCountsEveryWidth() {
        for (long value : new long[] {0, 9, 10, -1, -10, 99, 100, Integer.MAX_VALUE, Integer.MIN_VALUE, 999_999_999_999_999_999L,
                1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
            assertThat(WireJson.digits(value)).as("%d", value).isEqualTo(Long.toString(value).length());
        }
    }

    /** Equal as JSON and node for node of the same class (Jackson's equals tells an int node from a long node, not every kind). */
    private static void assertSameTree(JsonNode actual, JsonNode expected, String path) {
        assertThat(actual).as(path).isEqualTo(expected);
        assertThat(actual.getClass()).as(path).isEqualTo(expected.getClass());
        if (expected.isObject()) {
            Iterator<String> actualNames = actual.fieldNames();
            for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                assertThat(actualNames.next()).as(path + " field order").isEqualTo(name);
                assertSameTree(actual.get(name), expected.get(name), path + "." + name);
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSameTree(actual.get(i), expected.get(i), path + "[" + i + "]");
            }
        }
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        int fields = random.nextInt(depth == 0 ? 6 : 4);
        for (int i = 0; i < fields; i++) {
            object.set(randomString(random), randomValue(random, depth + 1));
        }
        return object;
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth >= 4 ? 9 : 11);
        return switch (kind) {
            case 0 -> NODES.numberNode(random.nextInt(2000) - 1000);
            case 1 -> NODES.numberNode(random.nextLong() >> random.nextInt(64)); // a long node of any width
            case 2 -> NODES.numberNode((short) random.nextInt());
            case 3 -> NODES.numberNode(random.nextGaussian() * Math.pow(10, random.nextInt(600) - 300)); // any exponent
            case 4 -> NODES.numberNode(random.nextInt(10) - 5 + 0.0);
            case 5, 6 -> NODES.textNode(randomString(random));
            case 7 -> NODES.booleanNode(random.nextBoolean());
            case 8 -> NODES.nullNode();
            case 9 -> randomObject(random, depth);
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
        };
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            text.append(CHARS[random.nextInt(CHARS.length)]);
        }
        return text.toString();
    }
}
