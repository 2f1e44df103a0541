package glomers.harness.workload;

import glomers.harness.history.Op;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * One worker's final phase (Jepsen's per-thread final generator): its operations one after
 * another, each after an optional pause, until it says it is done.
 */
public interface FinalSteps {

    /** An operation, and how long the worker waits before it. */
    record Step(Invocation invocation, long delayNanos) {
    }

    /** This worker's next step, or null when it is done. */
    Step next(Random random);

    /** A completion of this worker's own final operations. */
    default void update(Op completion) {
    }

    /** A fixed list of operations, back to back. */
    static FinalSteps of(List<Invocation> invocations) {
        Deque<Invocation> remaining = new ArrayDeque<>(invocations);
        return random -> remaining.isEmpty() ? null : new Step(remaining.poll(), 0);
    }
}
