package glomers.harness.service;

import java.util.List;
import java.util.Random;

/** The four services every Maelstrom run has. */
public final class Services {
    private Services() {
    }

    public static List<Service> standard(Random random) {
        return List.of(new LinKv(), new SeqKv(new Random(random.nextLong())), new LwwKv(new Random(random.nextLong())), new LinTso());
    }
}
