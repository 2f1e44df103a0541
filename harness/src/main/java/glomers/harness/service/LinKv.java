package glomers.harness.service;

import glomers.runtime.Body;

/** {@code lin-kv}: one state, each request applied atomically, so linearizable. */
public final class LinKv implements Service {
    private KvState state = KvState.EMPTY;

    @Override
    public String id() {
        return "lin-kv";
    }

    @Override
    public Body handle(String src, Body request) {
        KvState.Result result = state.apply(request, true);
        if (result == null) {
            return null;
        }
        state = result.state();
        return result.reply();
    }
}
