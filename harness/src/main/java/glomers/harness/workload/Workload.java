package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.check.CheckResult;
import glomers.harness.history.History;
import glomers.harness.run.RunOptions;
import glomers.runtime.Body;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Everything about one Maelstrom workload in one place, like Maelstrom's workload files: its
 * RPC shapes, its generator, its final phase and its checker. One instance serves one run.
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
     * The counter workloads do not: every error and timeout is {@code :info} there.
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

    /** Whether the run has a final phase: heal, 10 s of quiet, then {@link #finalInvocations()}. */
    default boolean hasFinalPhase() {
        return false;
    }

    /** What each worker does in the final phase, in order: by default one read, as broadcast and g-counter do. */
    default List<Invocation> finalInvocations() {
        return List.of(Invocation.read());
    }

    /** The request body for an invocation (without msg_id; the client adds it). */
    Body request(Invocation invocation);

    /** The schema the reply to {@code f} must fit. */
    ReplySchema replySchema(String f);

    /** The completion value recorded for an ok reply that fits its schema. */
    JsonNode okValue(Invocation invocation, Body reply);

    /** The workload's own checker (the {@code :workload} entry of the results). */
    CheckResult check(History history, RunOptions options);
}
