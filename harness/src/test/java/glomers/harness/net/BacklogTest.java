package glomers.harness.net;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.sim.Scheduler;
import glomers.runtime.Body;
import glomers.runtime.Json;
import glomers.runtime.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The messages waiting in the network's queues stay within Backlog.MAX_BYTES, whatever is sent. */
class BacklogTest {
    /** A body of about 1 MiB, so the limit comes after a few hundred messages. */
    private static final String MEBIBYTE = "x".repeat(1 << 20);

    /** How many messages with this body the backlog holds at once. */
    private static int howManyFit(Body body) throws IOException {
        return (int) (Backlog.MAX_BYTES / (Json.mapper().writeValueAsBytes(body.json()).length + Backlog.OVERHEAD_BYTES));
    }

    private static Body big(int i) {
        return Body.of("big").put("i", i).put("pad", MEBIBYTE);
    }

    @Test
    void pastTheLimitTheNetworkTakesNoMoreAndSaysWhy() throws Exception {
        Scheduler scheduler = Scheduler.virtual();
        Network network = new Network(scheduler, Latency.CONSTANT, 0, new Random(1));
        List<Packet> delivered = new ArrayList<>();
        network.register("n0", packet -> { });
        network.register("n1", delivered::add);

        int fits = howManyFit(big(1000)); // every i below has 4 digits: all bodies are the same size
        for (int i = 1000; i < 1000 + fits + 50; i++) {
            network.send("n0", new Message("n0", "n1", big(i)).toLine());
        }

        assertThat(network.overload())
                .contains("message storm").contains("for n1").contains(String.format("%,d messages", fits));
        assertThat(network.journal().stats().all().sendCount()).as("every send is still journalled").isEqualTo(fits + 50);
        scheduler.runUntil(() -> false, Long.MAX_VALUE);
        assertThat(delivered).as("only what fitted was kept and delivered, in order").hasSize(fits)
                .extracting(p -> p.body().getLong("i")).isSorted();
        assertThat(delivered.get(0).body().getString("pad")).isEqualTo(MEBIBYTE);
    }

    @Test
    void deliveredDroppedAndClosedMessagesGiveTheirRoomBack() throws Exception {
        Scheduler scheduler = Scheduler.virtual();
        Network network = new Network(scheduler, Latency.CONSTANT, 10, new Random(1));
        network.register("n0", packet -> { });
        network.register("n1", packet -> { });
        network.register("c1", packet -> { });
        Body big = big(1000);
        int fits = howManyFit(big);

        // Three times what fits at once, in three rounds: delivered, dropped by a partition, closed.
        for (int i = 0; i < fits - 1; i++) {
            network.send("n0", "n1", big);
        }
        scheduler.runUntil(() -> false, Long.MAX_VALUE);
        network.drop("n0", "n1");
        for (int i = 0; i < fits - 1; i++) {
            network.send("n0", "n1", big);
        }
        scheduler.runUntil(() -> false, Long.MAX_VALUE);
        for (int i = 0; i < fits - 1; i++) {
            network.send("n0", "c1", big);
        }
        network.unregister("c1");
        network.send("n0", "n1", big);

        assertThat(network.overload()).isNull();
    }

    @Test
    void privateTreesWaitAsTheyAreUpToTheirLimitThenAsBytesCountedAlike() {
        Backlog backlog = new Backlog();
        WireJson.Copy copy = WireJson.copy(Body.of("values").put("pad", "x".repeat(1000)).json());
        long size = copy.length() + Backlog.OVERHEAD_BYTES;
        long treesExpected = (Backlog.TREES_UP_TO_BYTES + size - 1) / size; // admitted while under the limit
        List<Backlog.Entry> entries = new ArrayList<>();
        for (int id = 0; id < 2 * treesExpected; id++) {
            entries.add(backlog.admit(0, new Packet(id, "n0", "n1", Body.wrap(copy.body())), copy.length(), id));
        }

        assertThat(entries).allSatisfy(e -> assertThat(e.size()).isEqualTo(size));
        assertThat(entries.stream().filter(e -> e.tree() != null)).hasSize((int) treesExpected)
                .allSatisfy(e -> assertThat(e.bytes()).isNull());
        Backlog.Entry asBytes = entries.get(entries.size() - 1);
        assertThat(asBytes.tree()).isNull();
        assertThat(asBytes.bytes()).hasSize((int) copy.length());
        assertThat(asBytes.packet("n1").body()).as("read back from its bytes").isEqualTo(entries.get(0).packet("n1").body());

        entries.forEach(backlog::remove);
        assertThat(backlog.messages()).isZero();
        assertThat(backlog.admit(0, new Packet(0, "n0", "n1", Body.wrap(copy.body())), copy.length(), 0).tree())
                .as("room given back: trees again").isNotNull();
    }

    @Test
    void aBodyThatIsNotAPrivateTreeAlwaysWaitsAsBytes() {
        Backlog backlog = new Backlog();
        Body body = Body.of("values").put("v", 1);

        Backlog.Entry entry = backlog.admit(0, new Packet(0, "n0", "n1", body), Backlog.NOT_WIRE, 0);

        assertThat(entry.tree()).isNull();
        assertThat(new String(entry.bytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"values\",\"v\":1}");
    }
}
