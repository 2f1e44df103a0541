package glomers.kafka;

import static glomers.kafka.Cluster.poll;
import static glomers.kafka.Cluster.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Body;
import glomers.runtime.testing.ManualRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two nodes that share the logs (5b, 5c): sends on both agree on offsets, and polls on both never skip. */
class TwoNodesTest {
    private static final List<String> KEYS = List.of("0", "1", "2", "3");

    /** A send in flight: who sent what, and the msg_id its reply will carry. */
    private record Sent(String client, String key, long msg, long msgId) {
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"LIN_KV", "OWNER"})
    void concurrentSendsOnBothNodesGetDistinctOffsetsWithoutGapsAndEveryNodePollsThemAll(Strategy strategy) {
        Cluster cluster = new Cluster(strategy, 2);
        List<Sent> sent = new ArrayList<>();
        long msg = 0;
        for (int round = 0; round < 30; round++) {
            // Eight clients, four per node, each sending to a key at once, all in the same millisecond.
            for (int c = 0; c < 8; c++) {
                String client = "c" + (10 + c);
                String key = KEYS.get((round + c) % KEYS.size());
                msg++;
                sent.add(new Sent(client, key, msg, cluster.request(client, "n" + (c % 2), send(key, msg))));
            }
            cluster.advance(Duration.ofMillis(1 + round % 7));
        }
        cluster.advance(Duration.ofSeconds(1));

        Map<String, TreeMap<Long, Long>> logs = new HashMap<>();
        Map<String, Map<String, Long>> lastOffsetByClient = new HashMap<>();
        for (Sent s : sent) {
            Body reply = cluster.reply(s.client(), s.msgId()).orElseThrow(() -> new AssertionError("no reply to " + s));
            assertThat(reply.type()).as("%s", s).isEqualTo("send_ok");
            long offset = reply.getLong("offset");
            Long before = logs.computeIfAbsent(s.key(), k -> new TreeMap<>()).put(offset, s.msg());
            assertThat(before).as("offset %d of key %s given twice", offset, s.key()).isNull();
            Long last = lastOffsetByClient.computeIfAbsent(s.client(), c -> new HashMap<>()).put(s.key(), offset);
            assertThat(last == null || last < offset).as("a client's sends to one key get increasing offsets").isTrue();
        }
        for (String key : KEYS) {
            TreeMap<Long, Long> log = logs.get(key);
            assertThat(log.firstKey()).isZero();
            assertThat(log.lastKey()).as("no gaps: offsets 0..n-1").isEqualTo(log.size() - 1);
            for (String node : List.of("n0", "n1")) {
                JsonNode polled = cluster.call("c99", node, poll(Map.of(key, 0L))).get("msgs").get(key);
                assertThat(polled).as("%s polls all of key %s", node, key).hasSize(log.size());
                polled.forEach(pair -> assertThat(log.get(pair.get(0).longValue())).isEqualTo(pair.get(1).longValue()));
            }
        }
    }

    /** Every message of the key the node can poll, from offset 0, page by page. */
    static TreeMap<Long, Long> pollAll(Cluster cluster, String node, String key) {
        TreeMap<Long, Long> log = new TreeMap<>();
        while (true) {
            JsonNode pairs = cluster.call("c99", node, poll(Map.of(key, (long) log.size()))).get("msgs").path(key);
            if (pairs.isEmpty()) {
                return log;
            }
            pairs.forEach(pair -> {
                long offset = pair.get(0).longValue();
                assertThat(offset).as("contiguous, from the offset asked for").isEqualTo(log.size());
                log.put(offset, pair.get(1).longValue());
            });
        }
    }

    @Test
    void underAPartitionTheOwnerStrategyKeepsEveryAcknowledgedMessageAndNoRefusedOne() {
        Cluster cluster = new Cluster(Strategy.OWNER, 2);
        cluster.drop(Cluster.between("n0", "n1"));
        List<Sent> sent = new ArrayList<>();
        long msg = 0;
        for (int round = 0; round < 400; round++) { // 4 s of partition
            for (int c = 0; c < 4; c++) {
                String client = "c" + (100 + msg);
                String key = KEYS.get((round + c) % KEYS.size());
                msg++;
                sent.add(new Sent(client, key, msg, cluster.request(client, "n" + (c % 2), send(key, msg))));
            }
            cluster.advance(Duration.ofMillis(10));
        }
        cluster.drop(m -> false);
        cluster.advance(Duration.ofMillis(Link.RETRANSMIT_MILLIS + 2 * OwnerLog.TICK.toMillis()));

        Map<String, TreeMap<Long, Long>> logs = new HashMap<>();
        for (String key : KEYS) {
            logs.put(key, pollAll(cluster, "n0", key));
            assertThat(pollAll(cluster, "n1", key)).as("both nodes hold the same log of key %s", key).isEqualTo(logs.get(key));
        }
        Map<Long, Integer> codes = new TreeMap<>();
        for (Sent s : sent) {
            Body reply = cluster.reply(s.client(), s.msgId()).orElseThrow(() -> new AssertionError("no reply to " + s));
            boolean inLog = logs.get(s.key()).containsValue(s.msg());
            if (reply.type().equals("send_ok")) {
                assertThat(logs.get(s.key()).get(reply.getLong("offset"))).as("acknowledged %s", s).isEqualTo(s.msg());
                codes.merge(-1L, 1, Integer::sum);
            } else {
                long code = reply.getLong("code");
                codes.merge(code, 1, Integer::sum);
                assertThat(code).as("%s", reply).isIn(0L, 11L);
                if (code == 11) {
                    assertThat(inLog).as("refused with the definite 11, yet appended: %s", s).isFalse();
                }
            }
        }
        // -1: acknowledged (every send to its owner); 0: forwarded before the silence showed, outcome unknown; 11: refused.
        assertThat(codes).containsOnlyKeys(-1L, 0L, 11L);
        assertThat(codes.get(-1L)).isEqualTo(sent.size() / 2);
    }

    @Test
    void aLoneSendCostsNoMessageOnItsOwnerAndTwoWhenForwardedPlusOneAcknowledgementLater() {
        Cluster cluster = new Cluster(Strategy.OWNER, 2); // key "0" is n0's, "1" is n1's
        cluster.advance(OwnerLog.TICK); // each link's first tick says hello
        assertThat(cluster.serverMessages()).isEqualTo(2);
        long start = cluster.serverMessages();

        assertThat(cluster.call("c1", "n0", send("0", 5)).getLong("offset")).isZero();
        assertThat(cluster.serverMessages() - start).as("answered by its owner without a message").isZero();
        cluster.advance(Duration.ofMillis(Link.LAZY_FLUSH_MILLIS));
        assertThat(cluster.serverMessages() - start).as("its entry, to n1").isEqualTo(1);
        cluster.advance(Duration.ofMillis(Link.LAZY_FLUSH_MILLIS));
        assertThat(cluster.serverMessages() - start).as("n1's acknowledgement").isEqualTo(2);

        long before = cluster.serverMessages();
        assertThat(cluster.call("c2", "n0", send("1", 6)).getLong("offset")).isZero();
        assertThat(cluster.serverMessages() - before).as("the forward, and the entry with the answer").isEqualTo(2);
        cluster.advance(Duration.ofMillis(Link.LAZY_FLUSH_MILLIS));
        assertThat(cluster.serverMessages() - before).as("n0's acknowledgement").isEqualTo(3);
        assertThat(cluster.node("n0").nowMillis() - ManualRuntime.DEFAULT_START_MILLIS)
                .as("all before the next heartbeat").isLessThan(OwnerLog.TICK.toMillis() + Link.HEARTBEAT_MILLIS);
    }

    @Test
    void theSingleStrategyOnTwoNodesHandsOutTheSameOffsetTwiceWhichIsWhy5bNeedsMore() {
        Cluster cluster = new Cluster(Strategy.SINGLE, 2);

        long onN0 = cluster.call("c1", "n0", send("k", 1)).getLong("offset");
        long onN1 = cluster.call("c2", "n1", send("k", 2)).getLong("offset");

        assertThat(onN0).isEqualTo(onN1).isZero(); // two messages at offset 0: the checker's inconsistent-offsets
        assertThat(cluster.call("c1", "n0", poll(Map.of("k", 0L))).get("msgs").get("k")).hasSize(1);
        assertThat(cluster.node("n0").logs()).anySatisfy(line -> assertThat(line).contains("WARNING: the single strategy"));
    }
}
