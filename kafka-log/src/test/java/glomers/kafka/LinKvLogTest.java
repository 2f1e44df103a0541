package glomers.kafka;

import static glomers.kafka.Cluster.poll;
import static glomers.kafka.Cluster.send;
import static glomers.kafka.KafkaLogNodeTest.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lin-kv strategy against the bench's lin-kv, with replies lost on purpose. */
class LinKvLogTest {
    private Cluster cluster;

    @BeforeEach
    void start() {
        cluster = new Cluster(Strategy.LIN_KV, 1);
    }

    /** Puts a value straight into lin-kv, as another node would. */
    private void store(String key, Object value) {
        Body reply = cluster.linKv().handle("n9", Body.of("write").put("msg_id", 1).put("key", key).put("value", value));
        assertThat(reply.type()).isEqualTo("write_ok");
    }

    private long offsetOf(Body reply) {
        assertThat(reply.type()).as("%s", reply).isEqualTo("send_ok");
        return reply.getLong("offset");
    }

    @Test
    void aSendClaimsTheFirstFreeOffsetAndStoresItsMessageThere() {
        store(LinKvLog.messageKey("k", 0), Map.of("msg", 40, "send", "n9-1")); // taken by another node

        assertThat(offsetOf(cluster.call("c1", "n0", send("k", 41)))).isEqualTo(1);
        assertThat(offsetOf(cluster.call("c1", "n0", send("k", 42)))).isEqualTo(2);
        assertJson(cluster.call("c1", "n0", poll(Map.of("k", 0L))).get("msgs").get("k"),
                List.of(List.of(0, 40), List.of(1, 41), List.of(2, 42)));
    }

    @Test
    void aCasWhoseReplyIsLostIsResolvedByReadingWhoseMessageIsThereWithoutADuplicate() {
        AtomicInteger casReplies = new AtomicInteger();
        cluster.drop(m -> m.src().equals("lin-kv") && "cas_ok".equals(m.body().type()) && casReplies.getAndIncrement() == 0);

        Body reply = cluster.call("c1", "n0", send("k", 7));

        assertThat(offsetOf(reply)).isZero();
        assertJson(cluster.call("c1", "n0", poll(Map.of("k", 0L))).get("msgs"), Map.of("k", List.of(List.of(0, 7))));
    }

    @Test
    void aSendLinKvNeverAnswersGetsTheIndefiniteError0BeforeTheClientGivesUp() {
        cluster.drop(m -> m.src().equals("lin-kv"));

        Body reply = cluster.call("c1", "n0", send("k", 7),
                java.time.Duration.ofMillis(LinKvLog.SEND_DEADLINE_MILLIS + 2 * LinKvLog.KV_TIMEOUT.toMillis()));

        assertThat(reply.getLong("code")).as("the cas may still land: indefinite").isZero();
    }

    @Test
    void aPollStopsAtTheFirstOffsetWithoutAMessageSoItNeverSkipsOne() {
        // A gap the strategy itself never makes: offset 1 empty, offset 2 full.
        store(LinKvLog.messageKey("k", 0), Map.of("msg", 10, "send", "n9-1"));
        store(LinKvLog.messageKey("k", 2), Map.of("msg", 12, "send", "n9-2"));

        assertJson(cluster.call("c1", "n0", poll(Map.of("k", 0L))).get("msgs"), Map.of("k", List.of(List.of(0, 10))));
        assertJson(cluster.call("c1", "n0", poll(Map.of("k", 2L))).get("msgs"), Map.of("k", List.of(List.of(2, 12))));
    }

    @Test
    void aMessageIsReadFromLinKvOnceThenServedFromTheCache() {
        for (int i = 0; i < 3; i++) {
            store(LinKvLog.messageKey("k", i), Map.of("msg", i, "send", "n9-" + i)); // sent through another node
        }
        long before = cluster.serverMessages();
        assertThat(cluster.call("c1", "n0", poll(Map.of("k", 0L))).get("msgs").get("k")).hasSize(3);
        assertThat(cluster.serverMessages() - before).as("reads of offsets 0-3, two messages each").isEqualTo(8);

        before = cluster.serverMessages();
        assertThat(cluster.call("c1", "n0", poll(Map.of("k", 0L))).get("msgs").get("k")).hasSize(3);
        assertThat(cluster.serverMessages() - before).as("only offset 3 again, to learn there is nothing newer").isEqualTo(2);
    }

    @Test
    void committedOffsetsLiveInLinKv() {
        cluster.call("c1", "n0", Cluster.commit(Map.of("k", 4L)));
        store(LinKvLog.commitKey("j"), 9);

        assertJson(cluster.call("c1", "n0", Cluster.listCommitted(List.of("k", "j", "x"))).get("offsets"), Map.of("k", 4, "j", 9));
    }
}
