package glomers.gcounter;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.service.SeqKv;
import glomers.runtime.Body;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The facts about seq-kv (spec §4.2) that g-counter's refresh rests on, checked against the
 * bench's seq-kv, which picks its states as Maelstrom's does. Each test plays two or three nodes
 * talking straight to the service, over many seeds.
 */
class SeqKvPremisesTest {
    private static final int SEEDS = 200;
    /** n1's acknowledged writes before n0 looks: enough versions for a stale read to be likely. */
    private static final int WRITES = 10;

    private static Body write(String key, long value) {
        return Body.of("write").put("key", key).put("value", value);
    }

    /** The value n0 reads for {@code key}, or -1 when seq-kv says the key does not exist. */
    private static long read(SeqKv seqKv, String src, String key) {
        Body reply = seqKv.handle(src, Body.of("read").put("key", key));
        return reply.type().equals("read_ok") ? reply.getLong("value") : -1;
    }

    private static void n1WritesItsCount(SeqKv seqKv, long from, long to) {
        for (long count = from; count <= to; count++) {
            assertThat(seqKv.handle("n1", write("counter-n1", count)).type()).isEqualTo("write_ok");
        }
    }

    @Test
    void aReadThatMerelyComesLaterCanMissACountAcknowledgedBeforeIt() {
        int staleSeeds = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            SeqKv seqKv = new SeqKv(new Random(seed));
            n1WritesItsCount(seqKv, 1, WRITES);
            if (read(seqKv, "n0", "counter-n1") < WRITES) {
                staleSeeds++;
            }
        }
        assertThat(staleSeeds).as("seeds where n0's later read missed n1's acknowledged count").isGreaterThan(SEEDS / 2);
    }

    @Test
    void afterAWriteThatChangesTheStateNoReadMissesACountAcknowledgedBeforeThatWrite() {
        for (long seed = 0; seed < SEEDS; seed++) {
            SeqKv seqKv = new SeqKv(new Random(seed));
            n1WritesItsCount(seqKv, 1, WRITES);
            seqKv.handle("n2", write("counter-n2", 7));
            seqKv.handle("n0", write("sync-n0", 1)); // a value sync-n0 has never held: it changes the state
            n1WritesItsCount(seqKv, WRITES + 1, WRITES + 5); // later writes may or may not be seen
            for (int i = 0; i < 20; i++) {
                assertThat(read(seqKv, "n0", "counter-n1")).as("seed %d", seed).isGreaterThanOrEqualTo(WRITES);
                assertThat(read(seqKv, "n0", "counter-n2")).as("seed %d", seed).isEqualTo(7);
            }
        }
    }

    @Test
    void aSyncWriteThatRepeatsAValueTheKeyHeldMayChangeNothingAndSoGuaranteeNothing() {
        int staleSeeds = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            SeqKv seqKv = new SeqKv(new Random(seed));
            seqKv.handle("n0", write("sync-n0", 1));
            n1WritesItsCount(seqKv, 1, WRITES);
            seqKv.handle("n0", write("sync-n0", 1)); // the same value again: may land on an old state, as a no-op
            if (read(seqKv, "n0", "counter-n1") < WRITES) {
                staleSeeds++;
            }
        }
        assertThat(staleSeeds).as("seeds where a repeated sync value left n0 behind").isPositive();
    }
}
