package glomers.kafka;

import static glomers.kafka.Cluster.commit;
import static glomers.kafka.Cluster.listCommitted;
import static glomers.kafka.Cluster.poll;
import static glomers.kafka.Cluster.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import glomers.runtime.Body;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every strategy's node does for clients on one node: the four RPCs in Maelstrom's shapes, and error 12. */
class KafkaLogNodeTest {
    private static final String CLIENT = "c4";

    private static Set<String> fields(Body body) {
        Set<String> names = new java.util.TreeSet<>();
        body.json().fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static long sendOk(Cluster cluster, String key, long msg) {
        Body reply = cluster.call(CLIENT, "n0", send(key, msg));
        assertThat(reply.type()).isEqualTo("send_ok");
        assertThat(fields(reply)).as("send_ok's closed schema").containsExactly("in_reply_to", "offset", "type");
        return reply.getLong("offset");
    }

    /** A poll reply's msgs as JSON text, keys sorted. */
    private static String msgs(Cluster cluster, Map<String, Long> offsets) {
        Body reply = cluster.call(CLIENT, "n0", poll(offsets));
        assertThat(reply.type()).isEqualTo("poll_ok");
        assertThat(fields(reply)).containsExactly("in_reply_to", "msgs", "type");
        return Json.mapper().convertValue(reply.get("msgs"), java.util.TreeMap.class).toString();
    }

    /** JSON compared as Maelstrom compares it: 1 as an int and 1 as a long are the same. */
    static void assertJson(com.fasterxml.jackson.databind.JsonNode actual, Object expected) {
        assertThat(Json.sameValue(actual, Json.tree(expected))).as("%s, expected %s", actual, Json.tree(expected)).isTrue();
    }

    private static ArrayNode pairs(long... offsetsAndMsgs) {
        ArrayNode pairs = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < offsetsAndMsgs.length; i += 2) {
            pairs.add(KeyLog.pair(offsetsAndMsgs[i], offsetsAndMsgs[i + 1]));
        }
        return pairs;
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void sendPollCommitAndListInMaelstromsShapes(Strategy strategy) {
        Cluster cluster = new Cluster(strategy, 1);

        assertThat(List.of(sendOk(cluster, "a", 10), sendOk(cluster, "a", 11), sendOk(cluster, "a", 12)))
                .as("offsets strictly increase per key").containsExactly(0L, 1L, 2L);
        assertThat(sendOk(cluster, "b", 20)).as("each key numbers its own messages").isZero();

        Map<String, Long> offsets = new LinkedHashMap<>();
        offsets.put("a", 1L);
        offsets.put("b", 0L);
        offsets.put("never-sent-to", 0L);
        Body reply = cluster.call(CLIENT, "n0", poll(offsets));
        assertJson(reply.get("msgs").get("a"), pairs(1, 11, 2, 12));
        assertJson(reply.get("msgs").get("b"), pairs(0, 20));
        assertThat(reply.get("msgs").has("never-sent-to")).as("unknown keys are left out").isFalse();

        assertThat(msgs(cluster, Map.of("a", 3L))).as("nothing at or after offset 3: the key is left out").isEqualTo("{}");
        assertThat(msgs(cluster, Map.of())).isEqualTo("{}");

        Body committed = cluster.call(CLIENT, "n0", commit(Map.of("a", 1L, "b", 0L)));
        assertThat(committed.type()).isEqualTo("commit_offsets_ok");
        assertThat(fields(committed)).containsExactly("in_reply_to", "type");

        Body listed = cluster.call(CLIENT, "n0", listCommitted(List.of("a", "b", "never-committed")));
        assertThat(listed.type()).isEqualTo("list_committed_offsets_ok");
        assertThat(fields(listed)).containsExactly("in_reply_to", "offsets", "type");
        assertJson(listed.get("offsets"), Map.of("a", 1, "b", 0));
        assertThat(cluster.call(CLIENT, "n0", listCommitted(List.of())).get("offsets").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aPollCarriesAtMostTheLimitPerKeyAsAContiguousRun(Strategy strategy) {
        Cluster cluster = new Cluster(strategy, 1);
        int count = LocalLogs.MAX_MESSAGES_PER_KEY_PER_POLL + 20;
        for (int i = 0; i < count; i++) {
            sendOk(cluster, "k", 1000 + i);
        }

        ArrayNode first = (ArrayNode) cluster.call(CLIENT, "n0", poll(Map.of("k", 7L))).get("msgs").get("k");
        assertThat(first).hasSize(LocalLogs.MAX_MESSAGES_PER_KEY_PER_POLL);
        for (int i = 0; i < first.size(); i++) {
            assertJson(first.get(i), KeyLog.pair(7 + i, 1007 + i));
        }
        long next = 7 + first.size();
        ArrayNode rest = (ArrayNode) cluster.call(CLIENT, "n0", poll(Map.of("k", next))).get("msgs").get("k");
        assertThat(rest).hasSize((int) (count - next));
        assertJson(rest.get(0), KeyLog.pair(next, 1000 + next));
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void malformedRequestsGetError12AndChangeNothing(Strategy strategy) {
        Cluster cluster = new Cluster(strategy, 1);
        sendOk(cluster, "a", 1);
        cluster.call(CLIENT, "n0", commit(Map.of("a", 0L)));

        List<Body> bad = new ArrayList<>();
        bad.add(Body.of("send").put("key", 5).put("msg", 1));                     // key not a string
        bad.add(Body.of("send").put("msg", 1));                                   // no key
        bad.add(send("a", "seven"));                                              // msg not an integer
        bad.add(send("a", 7.5));
        bad.add(Body.of("send").put("key", "a"));                                 // no msg
        bad.add(send("a", new java.math.BigInteger("99999999999999999999")));     // beyond 64 bits
        bad.add(Body.of("poll"));                                                 // no offsets
        bad.add(Body.of("poll").put("offsets", List.of(1, 2)));                   // not an object
        bad.add(poll(Map.of("a", -1L)));                                          // negative offset
        bad.add(Body.of("poll").put("offsets", Map.of("a", "0")));                // offset not an integer
        bad.add(Body.of("poll").put("offsets", Map.of("a", 0.5)));
        bad.add(Body.of("commit_offsets").put("offsets", Map.of("a", 5, "b", -2))); // one bad offset: none kept
        bad.add(Body.of("commit_offsets").put("offsets", "a"));
        bad.add(Body.of("list_committed_offsets").put("keys", "a"));              // not an array
        bad.add(Body.of("list_committed_offsets").put("keys", List.of("a", 3)));  // not all strings
        bad.add(Body.of("list_committed_offsets"));
        for (Body request : bad) {
            Body reply = cluster.call(CLIENT, "n0", request);
            assertThat(reply.type()).as("%s", request).isEqualTo("error");
            assertThat(reply.getLong("code")).as("%s", request).isEqualTo(12);
        }

        assertThat(msgs(cluster, Map.of("a", 0L, "b", 0L))).as("no message appended").isEqualTo("{a=[[0, 1]]}");
        assertJson(cluster.call(CLIENT, "n0", listCommitted(List.of("a", "b"))).get("offsets"), Map.of("a", 0)); // no commit kept
        assertThat(sendOk(cluster, "a", 2)).as("still serving, at the next offset").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aCommitNeverMovesAKeyBackOnOneNode(Strategy strategy) {
        Cluster cluster = new Cluster(strategy, 1);
        cluster.call(CLIENT, "n0", commit(Map.of("a", 5L)));
        cluster.call(CLIENT, "n0", commit(Map.of("a", 3L)));

        long listed = cluster.call(CLIENT, "n0", listCommitted(List.of("a"))).get("offsets").get("a").longValue();

        if (strategy == Strategy.LIN_KV) {
            assertThat(listed).as("lin-kv: last writer wins; lower only makes a new client read again").isEqualTo(3);
        } else {
            assertThat(listed).isEqualTo(5);
        }
    }
}
