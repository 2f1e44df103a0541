package glomers.harness.service;

import glomers.runtime.Body;

/** {@code lin-tso}: a linearizable timestamp oracle; {@code ts} answers 0, 1, 2, … */
public final class LinTso implements Service {
    private long next;

    @Override
    public String id() {
        return "lin-tso";
    }

    @Override
    public Body handle(String src, Body request) {
        return "ts".equals(request.type()) ? Body.of("ts_ok").put("ts", next++) : null;
    }
}
