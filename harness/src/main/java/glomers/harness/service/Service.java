package glomers.harness.service;

/**
 * One of Maelstrom's built-in services, reached by an RPC to its id (spec §4). Services are
 * single-threaded: the caller hands them one request at a time, so they use no locks.
 */
public interface Service {
    /** The endpoint id: "lin-kv", "seq-kv", "lww-kv" or "lin-tso". */
    String id();
    /**
     * Handles one request from endpoint {@code src} and returns the reply body, WITHOUT in_reply_to (the caller adds it),
     * or null when Maelstrom would send no reply (an unknown request type: the caller then times out).
     */
    glomers.runtime.Body handle(String src, glomers.runtime.Body request);
}
