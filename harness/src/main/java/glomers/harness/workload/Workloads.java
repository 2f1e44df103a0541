package glomers.harness.workload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every workload the bench knows, by Maelstrom's name. A new one (kafka, txn-rw-register) is
 * a class implementing {@link Workload} plus one line here.
 */
public final class Workloads {
    private static final Map<String, Supplier<Workload>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("echo", EchoWorkload::new);
        BY_NAME.put("unique-ids", UniqueIdsWorkload::new);
        BY_NAME.put("broadcast", BroadcastWorkload::new);
        BY_NAME.put("g-counter", CounterWorkload::new);
    }

    private Workloads() {
    }

    /** A fresh workload for one run; an unknown name throws, listing the known ones. */
    public static Workload create(String name) {
        Supplier<Workload> workload = BY_NAME.get(name);
        if (workload == null) {
            throw new IllegalArgumentException("unknown workload \"" + name + "\"; the bench has " + String.join(", ", BY_NAME.keySet()));
        }
        return workload.get();
    }

    public static Iterable<String> names() {
        return BY_NAME.keySet();
    }
}
