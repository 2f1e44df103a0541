package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.Op;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One txn entry of the history (an invocation or a completion) with its micro-ops parsed, and
 * its external reads and writes as Jepsen's {@code jepsen.txn} defines them:
 * <ul>
 *   <li><b>external reads</b>: for each key whose first micro-op in the transaction is a read,
 *       the value that read saw (null included) — what the transaction observed of others;</li>
 *   <li><b>external writes</b>: for each key written, the last value written — what others can
 *       observe of this transaction.</li>
 * </ul>
 * Reads after the transaction's own write, and writes overwritten later in it, are internal.
 * Identity is the history entry: two entries never compare equal.
 */
public final class Txn {
    private final Op op;
    private final List<Mop> mops;
    private final Map<Object, Object> extReads = new LinkedHashMap<>();
    private final Map<Object, Object> extWrites = new LinkedHashMap<>();

    Txn(Op op, List<Mop> mops) {
        this.op = op;
        this.mops = List.copyOf(mops);
        Set<Object> seen = new HashSet<>();
        for (Mop mop : mops) {
            if (mop.read() && !seen.contains(mop.key())) {
                extReads.put(mop.key(), mop.value());
            }
            seen.add(mop.key());
            if (!mop.read()) {
                extWrites.put(mop.key(), mop.value());
            }
        }
    }

    public Op op() {
        return op;
    }

    public long index() {
        return op.index();
    }

    public int process() {
        return op.process();
    }

    public Op.Type type() {
        return op.type();
    }

    public boolean isOk() {
        return op.type() == Op.Type.OK;
    }

    public List<Mop> mops() {
        return mops;
    }

    /** Key → value of the external reads (values may be null: the key was never written). */
    public Map<Object, Object> extReads() {
        return Collections.unmodifiableMap(extReads);
    }

    /** Key → last value written. */
    public Map<Object, Object> extWrites() {
        return Collections.unmodifiableMap(extWrites);
    }

    /** Position of the first micro-op equal to this one, or -1 (Elle's {@code index-of}). */
    public int indexOf(Mop mop) {
        return mops.indexOf(mop);
    }

    /** The history entry as Jepsen's op map. */
    public ObjectNode toJson() {
        return op.toJson();
    }

    /** Short, for explanations: {@code op 12 (process 3) [[:r 3 4] [:w 3 5]]}. */
    public String describe() {
        StringBuilder out = new StringBuilder("op " + op.index() + " (process " + op.process() + ") [");
        for (int i = 0; i < mops.size(); i++) {
            out.append(i == 0 ? "" : " ").append(mops.get(i));
        }
        return out.append(']').toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
