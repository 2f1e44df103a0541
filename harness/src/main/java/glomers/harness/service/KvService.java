package glomers.harness.service;

import glomers.runtime.Body;
import glomers.runtime.MaelstromException;

/** What the three KV services share: reading the request, and the replies that touch no state. */
abstract class KvService implements Service {

    @Override
    public final Body handle(String src, Body request) {
        KvRequest kvRequest;
        try {
            kvRequest = KvRequest.parse(request);
        } catch (MaelstromException malformed) {
            return malformed.toBody(); // 12, before any state is chosen or changed
        }
        return kvRequest == null ? null : handle(src, kvRequest);
    }

    /** Runs a well-formed request; returns its reply. */
    abstract Body handle(String src, KvRequest request);
}
