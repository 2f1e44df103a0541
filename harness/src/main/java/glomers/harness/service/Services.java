package glomers.harness.service;

import java.util.List;
import java.util.Random;

/** The four services every Maelstrom run has (spec §4). */
public final class Services {
    private Services() {
    }

    /**
     * Fresh lin-kv, seq-kv, lww-kv and lin-tso. The two random services each get their own
     * generator, seeded from {@code random}, so traffic to one never changes the other's choices.
     */
    public static List<Service> standard(Random random) {
        Random seqKvRandom = new Random(random.nextLong());
        Random lwwKvRandom = new Random(random.nextLong());
        return List.of(new LinKv(), new SeqKv(seqKvRandom), new LwwKv(lwwKvRandom), new LinTso());
    }
}
