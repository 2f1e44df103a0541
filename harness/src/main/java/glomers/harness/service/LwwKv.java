package glomers.harness.service;

import glomers.runtime.Body;
import java.util.Random;

/**
 * {@code lww-kv} as Maelstrom's code behaves (spec §4.2), not as its documentation describes.
 * doc/services.md speaks of five replicas that gossip and merge by timestamp; the code keeps
 * {@value #REPLICAS} replicas, sends each request to one picked at random, and throws the merged
 * state away, so the replicas never converge. We copy the code: it is what a node will be checked
 * against under the real Maelstrom. cas ignores create_if_not_exists here.
 */
public final class LwwKv implements Service {
    public static final int REPLICAS = 2;

    private final Random random;
    private final KvState[] replicas = new KvState[REPLICAS];

    public LwwKv(Random random) {
        this.random = random;
        java.util.Arrays.fill(replicas, KvState.EMPTY);
    }

    @Override
    public String id() {
        return "lww-kv";
    }

    @Override
    public Body handle(String src, Body request) {
        int replica = random.nextInt(REPLICAS);
        KvState.Result result = replicas[replica].apply(request, false);
        if (result == null) {
            return null;
        }
        replicas[replica] = result.state();
        return result.reply();
    }
}
