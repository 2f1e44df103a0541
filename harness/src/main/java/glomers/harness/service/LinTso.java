package glomers.harness.service;

import glomers.runtime.Body;

/** {@code lin-tso}: a linearizable timestamp oracle. {@code ts} answers {@code ts_ok} with 0, 1, 2, ... */
public final class LinTso implements Service {
    public static final String ID = "lin-tso";

    private long next;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Body handle(String src, Body request) {
        if (!"ts".equals(request.type())) {
            return null; // Maelstrom's case has no other branch: no reply
        }
        return Body.of("ts_ok").put("ts", next++);
    }
}
