package glomers.harness.service;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import glomers.runtime.Json;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServicesTest {

    private static Body read(Object key) {
        return Body.of("read").put("key", Json.tree(key));
    }

    private static Body write(Object key, Object value) {
        return Body.of("write").put("key", Json.tree(key)).put("value", Json.tree(value));
    }

    private static Body cas(Object key, Object from, Object to, boolean create) {
        Body body = Body.of("cas").put("key", Json.tree(key)).put("from", Json.tree(from)).put("to", Json.tree(to));
        return create ? body.put("create_if_not_exists", true) : body;
    }

    private static long code(Body reply) {
        assertThat(reply.type()).isEqualTo("error");
        return reply.getLong("code");
    }

    @Test
    void linKvReadsWritesAndCasesWithMaelstromsErrorCodes() {
        LinKv kv = new LinKv();
        assertThat(code(kv.handle("n0", read("k")))).isEqualTo(20);
        assertThat(kv.handle("n0", write("k", 1)).type()).isEqualTo("write_ok");
        assertThat(kv.handle("n1", read("k")).getLong("value")).isEqualTo(1);
        assertThat(code(kv.handle("n0", cas("k", 2, 3, false)))).isEqualTo(22);
        assertThat(kv.handle("n0", cas("k", 1, 3, false)).type()).isEqualTo("cas_ok");
        assertThat(code(kv.handle("n0", cas("missing", 0, 1, false)))).isEqualTo(20);
        assertThat(kv.handle("n0", cas("missing", 0, 1, true)).type()).isEqualTo("cas_ok");
        assertThat(kv.handle("n0", read("missing")).getLong("value")).isEqualTo(1);
        assertThat(code(kv.handle("n0", Body.of("write").put("key", "k")))).as("no value").isEqualTo(12);
        assertThat(kv.handle("n0", Body.of("frobnicate"))).as("unknown type: no reply").isNull();
    }

    @Test
    void keysAndValuesAreComparedAsJsonValues() {
        LinKv kv = new LinKv();
        kv.handle("n0", write(1, "int key"));
        assertThat(code(kv.handle("n0", read("1")))).as("\"1\" is another key").isEqualTo(20);
        assertThat(code(kv.handle("n0", read(Json.parse("1.0"))))).as("1.0 is another key").isEqualTo(20);
        assertThat(kv.handle("n0", read(1L)).getString("value")).as("a long 1 is the same key").isEqualTo("int key");
        kv.handle("n0", write("v", 5));
        assertThat(code(kv.handle("n0", cas("v", Json.parse("5.0"), 6, false)))).isEqualTo(22);
    }

    @Test
    void seqKvReadsCanBeStaleButNeverGoBackForOneSender() {
        SeqKv kv = new SeqKv(new Random(1));
        int staleReads = 0;
        long lastSeenByReader = -1;
        for (int i = 1; i <= 200; i++) {
            kv.handle("writer", write("k", i));
            Body reply = kv.handle("reader", read("k"));
            long seen = reply.type().equals("read_ok") ? reply.getLong("value") : 0;
            assertThat(seen).as("the reader never goes back").isGreaterThanOrEqualTo(lastSeenByReader);
            lastSeenByReader = seen;
            if (seen < i) {
                staleReads++;
            }
            assertThat(kv.handle("writer", read("k")).getLong("value")).as("a writer reads its own write").isEqualTo(i);
        }
        assertThat(staleReads).as("another sender does see stale values").isPositive();
    }

    @Test
    void seqKvCasCanFailAgainstAStaleStateAndChangesLandOnTheNewest() {
        boolean staleCasFailure = false;
        for (long seed = 0; seed < 50 && !staleCasFailure; seed++) {
            SeqKv kv = new SeqKv(new Random(seed));
            kv.handle("a", write("k", 0));
            for (int i = 1; i <= 5; i++) {
                kv.handle("a", write("k", i));
            }
            Body reply = kv.handle("b", cas("k", 5, 6, false));
            staleCasFailure = reply.type().equals("error");
            if (!staleCasFailure) {
                assertThat(kv.handle("a", read("k")).getLong("value")).isEqualTo(6);
            }
        }
        assertThat(staleCasFailure).as("some seed shows a cas checked against an old state").isTrue();
    }

    @Test
    void lwwKvReplicasDivergeAndIgnoreTheCreateFlag() {
        LwwKv kv = new LwwKv(new Random(3));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            kv.handle("n0", write("k", i % 2 == 0 ? "even" : "odd"));
        }
        for (int i = 0; i < 50; i++) {
            Body reply = kv.handle("n1", read("k"));
            seen.add(reply.type().equals("read_ok") ? reply.getString("value") : "missing");
        }
        assertThat(seen).as("reads flip between replicas").hasSizeGreaterThan(1);
        for (int i = 0; i < 10; i++) {
            assertThat(code(kv.handle("n0", cas("fresh", 0, 1, true)))).isEqualTo(20);
        }
    }

    @Test
    void linTsoCountsUp() {
        LinTso tso = new LinTso();
        assertThat(tso.handle("n0", Body.of("ts")).getLong("ts")).isZero();
        assertThat(tso.handle("n1", Body.of("ts")).getLong("ts")).isEqualTo(1);
        assertThat(tso.handle("n1", Body.of("read"))).isNull();
    }
}
