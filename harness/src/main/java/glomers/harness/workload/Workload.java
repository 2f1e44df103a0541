package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.check.CheckResult;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.harness.run.RunOptions;
import glomers.runtime.Body;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Everything about one Maelstrom workload in one place, like Maelstrom's workload files: its
 * RPC shapes, its client, its generator, its final phase and its checker. One instance serves one
 * run.
 *
 * <p>The run loop asks the workload for operations ({@link #next}), hands each to a worker's
 * {@link WorkloadClient}, and tells the workload every completion ({@link #update}), as Jepsen's
 * generators are told. A workload whose operations are one RPC each only describes that RPC
 * ({@link #request}, {@link #replySchema}, {@link #okValue}); one with stateful clients or several
 * RPCs per operation (kafka) overrides {@link #openClient()}.
 */
public interface Workload {

    /** Maelstrom's name, e.g. "echo". */
    String name();

    /**
     * Whether a worker keeps its client after an indefinite ({@code :info}) outcome. A
     * non-reusable client is closed and replaced; a late reply to it then goes to a client that
     * no longer exists.
     */
    boolean reusableClients();

    /** Operations whose timeout or indefinite error is recorded as {@code :fail} (they change nothing). */
    default boolean idempotent(String f) {
        return false;
    }

    /**
     * Whether outcomes follow Maelstrom's error wrapper (the ok/fail/info table of spec §1.6).
     * The counter and kafka clients do not: every error and timeout is {@code :info} there.
     */
    default boolean usesErrorWrapper() {
        return true;
    }

    /** Client RPC timeout in milliseconds. */
    default long timeoutMillis(RunOptions options) {
        return 5_000;
    }

    /** Requests sent once to each node before the main phase (5 s timeout); broadcast's topology. */
    default Map<String, Body> setupRequests(List<String> nodes, RunOptions options) {
        return Map.of();
    }

    /** The next main-phase operation. */
    Invocation next(Random random);

    /**
     * The next main-phase operation, {@code nowNanos} after the start of the run: for generators
     * with a schedule of their own (kafka's client crashes). By default the same as {@link #next(Random)}.
     */
    default Invocation next(Random random, long nowNanos) {
        return next(random);
    }

    /** Every completion of a client operation, main and final phase, as Jepsen's {@code gen/update} sees it. */
    default void update(Op completion) {
    }

    /** A fresh client for a worker: by default one RPC per operation, from the methods below. */
    default WorkloadClient openClient() {
        return (invocation, rpc, done) -> rpc.call(request(invocation), replySchema(invocation.f()), result ->
                done.accept(result instanceof RpcResult.Ok ok
                        ? Completion.ok(okValue(invocation, ok.body()))
                        : Completion.notOk(result, invocation.value(), idempotent(invocation.f()), usesErrorWrapper())));
    }

    /** Whether the run has a final phase: heal, 10 s of quiet, then each worker's {@link #finalSteps()}. */
    default boolean hasFinalPhase() {
        return false;
    }

    /** What one worker does in the final phase: by default one final read, as broadcast and g-counter do. */
    default FinalSteps finalSteps() {
        return FinalSteps.of(List.of(Invocation.read()));
    }

    /** No final operation starts later than this after the final phase began (kafka: 10 s); in-flight ones finish. */
    default long finalPhaseLimitNanos() {
        return Long.MAX_VALUE;
    }

    /** The request body for an invocation (without msg_id; the client adds it). One-RPC workloads only. */
    default Body request(Invocation invocation) {
        throw new UnsupportedOperationException(name() + " builds its requests in its own client");
    }

    /** The schema the reply to {@code f} must fit. One-RPC workloads only. */
    default ReplySchema replySchema(String f) {
        throw new UnsupportedOperationException(name() + " checks its replies in its own client");
    }

    /** The completion value recorded for an ok reply that fits its schema. One-RPC workloads only. */
    default JsonNode okValue(Invocation invocation, Body reply) {
        throw new UnsupportedOperationException(name() + " records its values in its own client");
    }

    /** The workload's own checker (the {@code :workload} entry of the results). */
    CheckResult check(History history, RunOptions options);

    /**
     * A check the bench runs beyond Maelstrom's, reported under its own name in the results.
     *
     * @param name    its key in results.json, e.g. {@code "node-order"}
     * @param result  what it found
     * @param counts  whether it counts towards the verdict (by default the verdict stays Maelstrom's)
     */
    record ExtraCheck(String name, CheckResult result, boolean counts) {
    }

    /** The bench's own checks of this run beyond Maelstrom's (txn-rw-register's node-order analysis); none by default. */
    default List<ExtraCheck> extraChecks(History history, RunOptions options) {
        return List.of();
    }
}
