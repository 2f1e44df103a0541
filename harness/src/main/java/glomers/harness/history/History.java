package glomers.harness.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's history: every invocation and completion, in the order they happened. A process has at
 * most one operation in flight, so an invocation's completion is the next entry of that process.
 */
public final class History {
    private final List<Op> ops = new ArrayList<>();
    private final Map<Long, Op> completionByInvoke = new HashMap<>();
    private final Map<Integer, Op> openInvokes = new HashMap<>();

    public Op invoke(long timeNanos, int process, String f, JsonNode value, boolean isFinal) {
        if (process != Op.NEMESIS && openInvokes.containsKey(process)) {
            throw new IllegalStateException("process " + process + " already has an operation in flight");
        }
        Op op = new Op(ops.size(), timeNanos, Op.Type.INVOKE, process, f, value, null, isFinal);
        ops.add(op);
        if (process != Op.NEMESIS) {
            openInvokes.put(process, op);
        }
        return op;
    }

    public Op complete(Op invoke, long timeNanos, Op.Type type, JsonNode value, String error) {
        if (type == Op.Type.INVOKE) {
            throw new IllegalArgumentException("a completion is ok, fail or info");
        }
        if (invoke.isClientOp() && openInvokes.remove(invoke.process()) != invoke) {
            throw new IllegalStateException("completing an operation that is not in flight: " + invoke);
        }
        Op op = new Op(ops.size(), timeNanos, type, invoke.process(), invoke.f(), value, error, invoke.isFinal());
        ops.add(op);
        completionByInvoke.put(invoke.index(), op);
        return op;
    }

    /** A nemesis entry with no completion: a partition starting or healing. */
    public Op nemesis(long timeNanos, String f, JsonNode value) {
        Op op = new Op(ops.size(), timeNanos, Op.Type.INFO, Op.NEMESIS, f, value, null, false);
        ops.add(op);
        return op;
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    /** The completion of an invocation, or null if it never completed. */
    public Op completionOf(Op invoke) {
        return completionByInvoke.get(invoke.index());
    }

    public List<Op> clientInvocations() {
        return ops.stream().filter(o -> o.isInvoke() && o.isClientOp()).toList();
    }

    public List<Op> clientCompletions() {
        return ops.stream().filter(o -> !o.isInvoke() && o.isClientOp()).toList();
    }
}
