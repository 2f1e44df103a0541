package glomers.harness.service;

import glomers.runtime.Body;
import java.util.Random;

/**
 * {@code lww-kv} as Maelstrom's code behaves (spec §4.2), not as its documentation describes it.
 *
 * <p>doc/services.md describes 5 independent replicas that gossip and merge their states by
 * timestamp, last write wins, so they converge eventually. The code (service.clj, {@code eventual}
 * around {@code LWWKV}) keeps {@value #REPLICAS} replicas and sends each request to one picked at
 * random. It does work out a merge of two random replicas on every request, but then builds the
 * new replica vector from the old one, so the merge is thrown away: the replicas never converge.
 * We copy the code, because that is what a node is checked against under the real Maelstrom:
 * reads can flip between two diverged values for ever, and a write can be invisible to half the
 * reads.
 *
 * <p>Simplifications that change nothing observable: we draw one random number per request (the
 * replica) where Maelstrom draws three (the merge's source and destination too), and we keep no
 * Lamport clock or timestamps, which only the discarded merge reads. As in Maelstrom's
 * {@code LWWKV}, {@code cas} ignores {@code create_if_not_exists} and answers 20 on a missing key.
 */
public final class LwwKv extends KvService {
    public static final String ID = "lww-kv";
    /** The replica count in Maelstrom's code ({@code eventual}'s default), not the 5 of its docs. */
    public static final int REPLICAS = 2;

    private final Random random;
    private final KvStore[] replicas = new KvStore[REPLICAS];

    public LwwKv(Random random) {
        this.random = random;
        for (int i = 0; i < REPLICAS; i++) {
            replicas[i] = new KvStore();
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    Body handle(String src, KvRequest request) {
        KvStore replica = replicas[random.nextInt(REPLICAS)];
        KvStore.Outcome outcome = replica.evaluate(request, KvDialect.LWW_KV);
        if (outcome.changesState()) {
            replica.apply(outcome.change());
        }
        return outcome.reply();
    }
}
