package glomers.harness.workload.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.check.CheckResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The keys a valid run's {@code workload} entry has, against a real Maelstrom run: the resource is
 * an unchanged copy of {@code shared/real-maelstrom/5b-kafka-reference-node/results.edn} (Maelstrom
 * 0.2.4 sources, Jepsen 0.3.7; challenge 5b's command, a correct key-owner node).
 */
class MaelstromKafkaKeysTest {

    @Test
    void aValidRunHasTheWorkloadKeysOfMaelstromsResultsEdn() throws IOException {
        String edn = resource("/real-maelstrom/5b-kafka-reference-node-results.edn");
        String workload = mapAfter(edn, ":workload ");
        String lag = mapAfter(workload, ":worst-realtime-lag ");

        KafkaHistoryBuilder b = new KafkaHistoryBuilder();
        b.send(0, "9", 1, 0);
        b.poll(1, Map.of("9", KafkaHistoryBuilder.pairs(0, 1)));
        CheckResult r = KafkaChecker.check(b.history);

        assertThat(r.details().get("valid?").asBoolean()).isTrue();
        assertThat(fieldNames(r.details())).containsExactlyInAnyOrderElementsOf(topLevelKeys(workload));
        assertThat(fieldNames(r.details().get("worst-realtime-lag"))).containsExactlyInAnyOrderElementsOf(topLevelKeys(lag));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MaelstromKafkaKeysTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The EDN map that follows {@code label}, braces included. */
    private static String mapAfter(String edn, String label) {
        int start = edn.indexOf(label);
        assertThat(start).as(label).isNotNegative();
        int open = edn.indexOf('{', start);
        int depth = 0;
        for (int i = open; i < edn.length(); i++) {
            char c = edn.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return edn.substring(open, i + 1);
            }
        }
        throw new AssertionError("unbalanced map after " + label);
    }

    /**
     * The keys of an EDN map as Clojure prints it ({@code {:a 1, :b {...}, :c ()}}): keywords at
     * depth 1 that open the map or follow a comma, without their colon.
     */
    private static List<String> topLevelKeys(String map) {
        List<String> keys = new ArrayList<>();
        int depth = 0;
        char previous = ' ';
        for (int i = 0; i < map.length(); i++) {
            char c = map.charAt(i);
            if ("{[(".indexOf(c) >= 0) {
                depth++;
            } else if ("}])".indexOf(c) >= 0) {
                depth--;
            } else if (c == ':' && depth == 1 && (previous == '{' || previous == ',')) {
                int end = i + 1;
                while (end < map.length() && !Character.isWhitespace(map.charAt(end)) && ",}".indexOf(map.charAt(end)) < 0) {
                    end++;
                }
                keys.add(map.substring(i + 1, end));
            }
            if (!Character.isWhitespace(c)) {
                previous = c;
            }
        }
        return keys;
    }
}
