package glomers.harness.service;

import static glomers.harness.service.KvRequests.alwaysZero;
import static glomers.harness.service.KvRequests.assertError;
import static glomers.harness.service.KvRequests.casCreating;
import static glomers.harness.service.KvRequests.errorCode;
import static glomers.harness.service.KvRequests.isError;
import static glomers.harness.service.KvRequests.read;
import static glomers.harness.service.KvRequests.readLong;
import static glomers.harness.service.KvRequests.value;
import static glomers.harness.service.KvRequests.write;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LwwKvTest extends KvServiceContract {

    /** One replica only, so the shared contract applies. */
    @Override
    Service newService() {
        return new LwwKv(alwaysZero());
    }

    @Override
    String quotedIfPersistent(String text) {
        return text;
    }

    @Test
    void idIsLwwKvAndItKeepsTwoReplicas() {
        assertThat(kv.id()).isEqualTo("lww-kv");
        assertThat(LwwKv.REPLICAS).isEqualTo(2);
    }

    @Test
    void createIfNotExistsIsIgnored() {
        LwwKv lww = new LwwKv(new Random(1));
        for (int i = 0; i < 20; i++) {
            assertError(lww.handle(SRC, casCreating("k", 0, 1)), 20, "key does not exist");
        }
        for (int i = 0; i < 20; i++) {
            assertThat(errorCode(lww.handle(SRC, read("k")))).isEqualTo(20);
        }
    }

    @Test
    void casErrorPrintsFromWithStrNotPrStr() {
        send(write("k", "a"));
        assertError(send(KvRequests.cas("k", "b", "c")), 22, "current value \"a\" is not b");
    }

    @Test
    void aWriteReachesOnlyOneReplica() {
        LwwKv lww = new LwwKv(new Random(2));
        lww.handle("n0", write("k", 1));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(readLong(lww, "n1", "k"));
        }
        assertThat(seen).containsExactlyInAnyOrder(-1L, 1L);
    }

    @Test
    void readsFlipBetweenDivergedReplicasAndNeverConverge() {
        LwwKv lww = new LwwKv(new Random(3));
        for (int i = 0; i < 20; i++) {
            lww.handle("n0", write("k", "old")); // lands on both replicas
        }
        lww.handle("n0", write("k", "new")); // lands on one
        List<String> reads = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            reads.add(value(lww.handle("n1", read("k"))).textValue());
        }
        int flips = 0;
        for (int i = 1; i < reads.size(); i++) {
            flips += reads.get(i).equals(reads.get(i - 1)) ? 0 : 1;
        }
        assertThat(new HashSet<>(reads)).containsExactlyInAnyOrder("old", "new");
        assertThat(flips).as("reads go back and forth").isGreaterThan(100);
        assertThat(new HashSet<>(reads.subList(1900, 2000))).as("still diverged at the end")
                .containsExactlyInAnyOrder("old", "new");
    }

    @Test
    void atMostOneValuePerReplicaIsEverVisible() {
        LwwKv lww = new LwwKv(new Random(4));
        for (int i = 1; i <= 100; i++) {
            lww.handle("n0", write("k", i));
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(readLong(lww, "n1", "k"));
        }
        assertThat(seen).hasSize(LwwKv.REPLICAS).contains(100L);
    }

    @Test
    void aCasCanFailAgainstTheOtherReplica() {
        LwwKv lww = new LwwKv(new Random(5));
        lww.handle("n0", write("k", 0));
        lww.handle("n0", write("k", 0));
        lww.handle("n0", write("k", 0));
        int failures = 0;
        for (int i = 1; i <= 50; i++) {
            // read, then cas from what was read: the cas may meet the other replica
            Body reply = lww.handle("n0", read("k"));
            long current = value(reply).longValue();
            Body cas = lww.handle("n0", KvRequests.cas("k", current, current + 1));
            failures += isError(cas, 22) || isError(cas, 20) ? 1 : 0;
        }
        assertThat(failures).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameReplies() {
        assertThat(replies(new LwwKv(new Random(9)))).isEqualTo(replies(new LwwKv(new Random(9))));
    }

    private static List<Body> replies(Service service) {
        List<Body> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            replies.add(service.handle("n0", i % 3 == 0 ? write("k", i) : read("k")));
        }
        return replies;
    }
}
