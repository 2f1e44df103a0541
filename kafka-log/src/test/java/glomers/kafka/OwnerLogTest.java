package glomers.kafka;

import static glomers.kafka.Cluster.commit;
import static glomers.kafka.Cluster.listCommitted;
import static glomers.kafka.Cluster.poll;
import static glomers.kafka.Cluster.send;
import static glomers.kafka.KafkaLogNodeTest.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Body;
import glomers.runtime.Message;
import glomers.runtime.testing.ManualRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The owner strategy on node n0 of n0, n1, step by step on a manual clock, with the test playing
 * the clients and n1. Key "0" is n0's ("0".hashCode() is 48, even), key "1" is n1's (49, odd).
 */
class OwnerLogTest {
    private static final String OWN_KEY = "0";
    private static final String PEERS_KEY = "1";
    private static final String PEERS_OTHER_KEY = "3";

    private ManualRuntime n0;
    private long clientMsgId = 1;

    @BeforeEach
    void start() {
        n0 = new ManualRuntime();
        new KafkaLogNode(Strategy.OWNER).install(n0.node());
        n0.init("n0", "n0", "n1");
        n0.takeSent();
    }

    private void request(String client, Body body) {
        n0.deliver(client, body.put("msg_id", clientMsgId++));
    }

    private void advance(long millis) {
        n0.advance(Duration.ofMillis(millis));
    }

    /** What n0 sent since the last look, split into syncs to n1 and the rest. */
    private List<Message> syncs(List<Message> sent) {
        assertThat(sent).allSatisfy(m -> assertThat(m.dest().equals("n1")).isEqualTo("sync".equals(m.body().type())));
        return sent.stream().filter(m -> m.dest().equals("n1")).toList();
    }

    private static Body sync(long ack, long first, Object... items) {
        return Body.of("sync").put("ack", ack).put("first", first).put("items", List.of(items));
    }

    private static Body heartbeat(long ack) {
        return Body.of("sync").put("ack", ack);
    }

    private static Map<String, Object> entry(String key, long offset, long msg) {
        return Map.of("type", "entry", "key", key, "offset", offset, "msg", msg);
    }

    private static Map<String, Object> answer(long id, long offset) {
        return Map.of("type", "answer", "id", id, "offset", offset);
    }

    private JsonNode polled(String key) {
        request("c9", poll(Map.of(key, 0L)));
        List<Message> sent = n0.takeSentMessages();
        assertThat(sent).hasSize(1);
        return sent.get(0).body().get("msgs").path(key);
    }

    @Test
    void aSendToAnOwnedKeyIsAnsweredAtOnceAndReplicatedLazilyInOneBatch() {
        request("c4", send(OWN_KEY, 5));
        request("c4", send(OWN_KEY, 6));
        assertThat(n0.takeSentMessages()).extracting(m -> m.body().type() + " " + m.body().get("offset"))
                .containsExactly("send_ok 0", "send_ok 1");

        advance(Link.LAZY_FLUSH_MILLIS - 1);
        assertThat(n0.takeSentMessages()).isEmpty();
        advance(1);

        List<Message> syncs = syncs(n0.takeSentMessages());
        assertThat(syncs).hasSize(1);
        assertJson(syncs.get(0).body().json(), Map.of("type", "sync", "ack", 0, "first", 1,
                "items", List.of(entry(OWN_KEY, 0, 5), entry(OWN_KEY, 1, 6))));
    }

    @Test
    void sendsToAnotherOwnersKeysAreForwardedTogetherAndAnsweredWithTheOwnersOffsets() {
        request("c4", send(PEERS_KEY, 7));
        advance(Link.URGENT_FLUSH_MILLIS - 1);
        request("c5", send(PEERS_OTHER_KEY, 8));
        assertThat(n0.takeSentMessages()).as("no reply before the owner's").isEmpty();
        advance(1);

        List<Message> syncs = syncs(n0.takeSentMessages());
        assertThat(syncs).as("both forwards in one message").hasSize(1);
        assertJson(syncs.get(0).body().get("items"), List.of(
                Map.of("type", "forward", "key", PEERS_KEY, "msg", 7), Map.of("type", "forward", "key", PEERS_OTHER_KEY, "msg", 8)));

        // n1 appends them (at offsets 4 and 0) and answers: the entries first, then the offsets.
        n0.deliver("n1", sync(2, 1, entry(PEERS_KEY, 0, 70), entry(PEERS_KEY, 1, 71), entry(PEERS_KEY, 2, 72),
                entry(PEERS_KEY, 3, 73), entry(PEERS_KEY, 4, 7), answer(1, 4), entry(PEERS_OTHER_KEY, 0, 8), answer(2, 0)));

        assertThat(n0.takeSentMessages()).extracting(m -> m.dest() + " " + m.body().type() + " " + m.body().get("offset"))
                .containsExactly("c4 send_ok 4", "c5 send_ok 0");
        assertThat(polled(PEERS_KEY)).as("a client polling the node it sent to sees its message").hasSize(5);
        assertJson(polled(PEERS_OTHER_KEY), List.of(List.of(0, 8)));
    }

    @Test
    void asTheOwnerItAppendsAForwardedSendAndSendsTheEntryThenTheOffsetBack() {
        request("c4", send(OWN_KEY, 1)); // offset 0, item 1 for n1
        n0.deliver("n1", sync(0, 1, Map.of("type", "forward", "key", OWN_KEY, "msg", 9)));
        advance(Link.URGENT_FLUSH_MILLIS);

        List<Message> syncs = syncs(n0.takeSentMessages().stream().filter(m -> !m.dest().equals("c4")).toList());
        assertThat(syncs).hasSize(1);
        assertJson(syncs.get(0).body().json(), Map.of("type", "sync", "ack", 1, "first", 1,
                "items", List.of(entry(OWN_KEY, 0, 1), entry(OWN_KEY, 1, 9), answer(1, 1))));
    }

    @Test
    void theCopyOfAPeersLogTakesItemsOnlyInOrderSoAPollNeverSkips() {
        n0.deliver("n1", sync(0, 1, entry(PEERS_KEY, 0, 10), entry(PEERS_KEY, 1, 11)));
        n0.deliver("n1", sync(0, 4, entry(PEERS_KEY, 3, 13))); // item 3 was lost on the way
        assertJson(polled(PEERS_KEY), List.of(List.of(0, 10), List.of(1, 11)));

        advance(Link.LAZY_FLUSH_MILLIS);
        assertThat(syncs(n0.takeSentMessages())).extracting(m -> m.body().getLong("ack")).containsExactly(2L);

        // n1 sends everything unacknowledged again: the copies of 1 and 2 are skipped, 3 and 4 taken.
        n0.deliver("n1", sync(0, 1, entry(PEERS_KEY, 0, 10), entry(PEERS_KEY, 1, 11), entry(PEERS_KEY, 2, 12),
                entry(PEERS_KEY, 3, 13)));
        assertJson(polled(PEERS_KEY), List.of(List.of(0, 10), List.of(1, 11), List.of(2, 12), List.of(3, 13)));
        advance(Link.LAZY_FLUSH_MILLIS);
        assertThat(syncs(n0.takeSentMessages())).extracting(m -> m.body().getLong("ack")).containsExactly(4L);
    }

    @Test
    void unacknowledgedItemsAreSentAgainUntilThePeerAcknowledgesThem() {
        request("c4", send(OWN_KEY, 5));
        n0.takeSentMessages();
        advance(Link.LAZY_FLUSH_MILLIS);
        assertThat(syncs(n0.takeSentMessages())).extracting(m -> m.body().getLong("first")).containsExactly(1L);

        for (int resend = 0; resend < 3; resend++) {
            n0.deliver("n1", heartbeat(0)); // n1 is there, but has not got item 1
            advance(Link.RETRANSMIT_MILLIS + OwnerLog.TICK.toMillis());
            assertThat(syncs(n0.takeSentMessages())).as("sent again").anySatisfy(m -> assertJson(m.body().json().path("items"),
                    List.of(entry(OWN_KEY, 0, 5))));
        }

        n0.deliver("n1", heartbeat(1));
        advance(5_000);
        assertThat(syncs(n0.takeSentMessages())).as("acknowledged: only heartbeats now")
                .allSatisfy(m -> assertThat(m.body().has("items")).isFalse());
    }

    @Test
    void aQuietLinkSaysHelloAtItsFirstTickThenSendsAHeartbeatEveryHalfSecond() {
        advance(OwnerLog.TICK.toMillis());
        assertThat(syncs(n0.takeSentMessages())).hasSize(1);

        advance(5_000);
        List<Message> syncs = syncs(n0.takeSentMessages());
        assertThat(syncs).hasSize((int) (5_000 / Link.HEARTBEAT_MILLIS));
        assertThat(syncs).allSatisfy(m -> assertJson(m.body().json(), Map.of("type", "sync", "ack", 0)));
    }

    @Test
    void aSendForAnOwnerNotHeardFromLatelyGetsTheDefiniteError11() {
        advance(Link.PEER_SILENT_MILLIS);
        n0.takeSentMessages();

        request("c4", send(PEERS_KEY, 1));
        List<Message> sent = n0.takeSentMessages();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).body().getLong("code")).isEqualTo(11);
        advance(Link.URGENT_FLUSH_MILLIS);
        assertThat(syncs(n0.takeSentMessages())).as("nothing forwarded").allSatisfy(m -> assertThat(m.body().has("items")).isFalse());

        n0.deliver("n1", heartbeat(0)); // heard from again
        request("c4", send(PEERS_KEY, 2));
        advance(Link.URGENT_FLUSH_MILLIS);
        assertThat(syncs(n0.takeSentMessages())).hasSize(1).allSatisfy(m -> assertJson(m.body().get("items"),
                List.of(Map.of("type", "forward", "key", PEERS_KEY, "msg", 2))));
    }

    @Test
    void aForwardNotAnsweredInTimeGetsTheIndefiniteError0AndALateAnswerIsDropped() {
        request("c4", send(PEERS_KEY, 1));
        long waited = 0;
        while (waited < OwnerLog.FORWARD_DEADLINE_MILLIS - 1) {
            n0.deliver("n1", heartbeat(0)); // reachable, but no answer
            long step = Math.min(100, OwnerLog.FORWARD_DEADLINE_MILLIS - 1 - waited);
            advance(step);
            waited += step;
        }
        assertThat(n0.takeSentMessages()).noneMatch(m -> m.dest().equals("c4"));
        advance(1);

        List<Message> toClient = n0.takeSentMessages().stream().filter(m -> m.dest().equals("c4")).toList();
        assertThat(toClient).hasSize(1);
        assertThat(toClient.get(0).body().getLong("code")).isZero();

        n0.deliver("n1", sync(1, 1, entry(PEERS_KEY, 0, 1), answer(1, 0)));
        assertThat(n0.takeSentMessages()).as("no second reply").noneMatch(m -> m.dest().equals("c4"));
        assertThat(polled(PEERS_KEY)).as("the message did reach the log").hasSize(1);
    }

    @Test
    void anOwnerThatRefusesAForwardPassesItsErrorOn() {
        request("c4", send(PEERS_KEY, 1));
        n0.deliver("n1", sync(1, 1, Map.of("type", "answer", "id", 1, "code", 11, "text", "too much waiting")));

        List<Message> sent = n0.takeSentMessages().stream().filter(m -> m.dest().equals("c4")).toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).body().getLong("code")).isEqualTo(11);
        assertThat(sent.get(0).body().getString("text")).isEqualTo("too much waiting");
    }

    @Test
    void commitsAreAnsweredAtOnceAndTravelLazilyAsOneMergedItem() {
        request("c4", commit(Map.of(OWN_KEY, 3L, PEERS_KEY, 1L)));
        request("c4", commit(Map.of(OWN_KEY, 2L)));
        assertThat(n0.takeSentMessages()).extracting(m -> m.body().type()).containsExactly("commit_offsets_ok", "commit_offsets_ok");
        advance(Link.LAZY_FLUSH_MILLIS);
        List<Message> syncs = syncs(n0.takeSentMessages());
        assertThat(syncs).hasSize(1);
        assertJson(syncs.get(0).body().get("items"), List.of(Map.of("type", "commits", "offsets", Map.of(OWN_KEY, 3, PEERS_KEY, 1))));

        n0.deliver("n1", sync(1, 1, Map.of("type", "commits", "offsets", Map.of(PEERS_KEY, 4, "7", 2))));
        request("c4", listCommitted(List.of(OWN_KEY, PEERS_KEY, "7", "8")));
        assertJson(n0.takeSentMessages().get(0).body().get("offsets"), Map.of(OWN_KEY, 3, PEERS_KEY, 4, "7", 2));
    }

    @Test
    void aSyncFromAClientIsRefused() {
        request("c4", heartbeat(0));
        List<Message> sent = n0.takeSentMessages();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).body().getLong("code")).isEqualTo(12);
    }
}
