package glomers.harness.service;

import glomers.runtime.Body;

/** One of Maelstrom's built-in services, reached by an RPC to its id. Called one request at a time. */
public interface Service {
    /** The endpoint id: "lin-kv", "seq-kv", "lww-kv" or "lin-tso". */
    String id();

    /**
     * Handles one request from {@code src}: the reply body without {@code in_reply_to} (the
     * caller adds it), or null when Maelstrom sends no reply (an unknown type: the caller times out).
     */
    Body handle(String src, Body request);
}
