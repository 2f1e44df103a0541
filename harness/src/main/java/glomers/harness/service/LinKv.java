package glomers.harness.service;

import glomers.runtime.Body;

/** {@code lin-kv}: one state, each request applied atomically, so it is linearizable (spec §4.2). */
public final class LinKv extends KvService {
    public static final String ID = "lin-kv";

    private final KvStore store = new KvStore();

    @Override
    public String id() {
        return ID;
    }

    @Override
    Body handle(String src, KvRequest request) {
        KvStore.Outcome outcome = store.evaluate(request, KvDialect.PERSISTENT_KV);
        if (outcome.changesState()) {
            store.apply(outcome.change());
        }
        return outcome.reply();
    }
}
