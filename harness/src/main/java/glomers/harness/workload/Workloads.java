package glomers.harness.workload;

import glomers.harness.run.RunOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Every workload the bench knows, by Maelstrom's name: a class implementing {@link Workload} plus one line here. */
public final class Workloads {
    private static final Map<String, Function<RunOptions, Workload>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("echo", options -> new EchoWorkload());
        BY_NAME.put("unique-ids", options -> new UniqueIdsWorkload());
        BY_NAME.put("broadcast", options -> new BroadcastWorkload());
        BY_NAME.put("g-counter", options -> new CounterWorkload());
        BY_NAME.put("kafka", KafkaWorkload::new);
        BY_NAME.put("txn-rw-register", TxnRwRegisterWorkload::new);
    }

    private Workloads() {
    }

    /** A fresh workload for one run of {@code options.workload()}; an unknown name throws, listing the known ones. */
    public static Workload create(RunOptions options) {
        Function<RunOptions, Workload> workload = BY_NAME.get(options.workload());
        if (workload == null) {
            throw new IllegalArgumentException("unknown workload \"" + options.workload() + "\"; the bench has "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return workload.apply(options);
    }

    public static Iterable<String> names() {
        return BY_NAME.keySet();
    }
}
