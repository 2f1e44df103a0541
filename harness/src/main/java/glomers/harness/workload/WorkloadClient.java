package glomers.harness.workload;

import glomers.runtime.Body;
import java.util.function.Consumer;

/**
 * One worker's client for a workload, as Jepsen's {@code client/Client} is: it performs each
 * operation with as many RPCs to the worker's node as the operation needs, one after another, and
 * may keep state between operations (kafka's assignment of keys to offsets). A new one is opened
 * with each new Maelstrom client, so a client that is thrown away loses its state.
 *
 * <p>Every workload goes through this one mechanism; a workload of one RPC per operation uses
 * {@link Workload#openClient()}'s default, built from its request, schema and ok value.
 */
public interface WorkloadClient {

    /**
     * Performs one operation: any number of {@link Rpc#call}s, each started only after the previous
     * one ended, then exactly one {@code done.accept}. An operation that needs no RPC (kafka's
     * {@code :crash}, an assign that seeks to the beginning) completes at once.
     */
    void invoke(Invocation invocation, Rpc rpc, Consumer<Completion> done);

    /** The worker's line to its node: one request at a time, with the workload's timeout. */
    @FunctionalInterface
    interface Rpc {
        /** Sends {@code request} (msg_id added) and hands over how it ended, the reply checked against {@code schema}. */
        void call(Body request, ReplySchema schema, Consumer<RpcResult> then);
    }
}
