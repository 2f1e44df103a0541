package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client txn entries of a history, parsed (spec §3.6): nemesis entries and ops other than
 * {@code txn} are left out, as Elle's {@code h/client-ops} and the txn workload leave them out.
 * Every entry keeps its invocation ↔ completion pairing.
 *
 * <p>Refusals ({@link RefusedHistory}): an entry whose value is not a list of {@code [f, k, v]}
 * micro-ops, and Elle's type sanity check ({@code elle/txn.clj}, {@code assert-type-sanity}):
 * every key of one type, and integer values of at most one integer type (here: 64-bit, or wider).
 * Elle throws on these, so Jepsen reports the checker's verdict as unknown.
 */
public final class TxnHistory {
    /** A history the txn checker cannot analyse; the message says why. */
    public static final class RefusedHistory extends IllegalArgumentException {
        RefusedHistory(String message) {
            super(message);
        }
    }

    private final List<Txn> entries = new ArrayList<>();
    private final Map<Txn, Txn> completionOf = new HashMap<>();
    private final Map<Txn, Txn> invocationOf = new HashMap<>();
    private final Map<Op.Type, List<Txn>> completions = new EnumMap<>(Op.Type.class); // made on first use

    private TxnHistory() {
    }

    /**
     * @throws RefusedHistory for a malformed txn value or a history failing the type sanity check
     */
    public static TxnHistory of(History history) {
        TxnHistory out = new TxnHistory();
        Map<Long, Txn> byIndex = new HashMap<>();
        Map<Long, Op> invocationByCompletion = new HashMap<>();
        for (Op op : history.clientInvocations()) {
            Op completion = history.completionOf(op);
            if (completion != null) {
                invocationByCompletion.put(completion.index(), op);
            }
        }
        for (Op op : history.ops()) {
            if (!op.isClientOp() || !"txn".equals(op.f())) {
                continue;
            }
            // A fail or info completion stands for its invocation's transaction; if it carries
            // no value, the invocation's is used.
            Op invocation = invocationByCompletion.get(op.index());
            boolean borrow = op.value() == null && invocation != null
                    && (op.type() == Op.Type.FAIL || op.type() == Op.Type.INFO);
            Txn txn = new Txn(op, parse(borrow ? invocation : op));
            out.entries.add(txn);
            byIndex.put(op.index(), txn);
        }
        for (Txn txn : out.entries) {
            if (txn.type() == Op.Type.INVOKE) {
                Op completion = history.completionOf(txn.op());
                Txn c = completion == null ? null : byIndex.get(completion.index());
                if (c != null) {
                    out.completionOf.put(txn, c);
                    out.invocationOf.put(c, txn);
                }
            }
        }
        out.checkTypeSanity();
        return out;
    }

    private static List<Mop> parse(Op op) {
        JsonNode value = op.value();
        if (value == null || !value.isArray()) {
            throw new RefusedHistory("op " + op.index() + " (" + op.type().jepsenName()
                    + "): a txn's value is a list of [f, k, v] micro-ops, not " + value);
        }
        List<Mop> mops = new ArrayList<>();
        for (JsonNode mop : value) {
            try {
                mops.add(Mop.parse(mop));
            } catch (IllegalArgumentException e) {
                throw new RefusedHistory("op " + op.index() + ": " + e.getMessage());
            }
        }
        return mops;
    }

    private void checkTypeSanity() {
        Set<String> keyTypes = new LinkedHashSet<>();
        Set<String> integerValueTypes = new LinkedHashSet<>();
        for (Txn txn : entries) {
            for (Mop mop : txn.mops()) {
                keyTypes.add(typeName(mop.key()));
                if (mop.value() instanceof Long || mop.value() instanceof BigInteger) {
                    integerValueTypes.add(typeName(mop.value()));
                }
            }
        }
        if (integerValueTypes.size() > 1) {
            throw new RefusedHistory("History includes a mix of integer types for transaction values: "
                    + integerValueTypes + ". Elle refuses such histories (elle/txn.clj assert-type-sanity).");
        }
        if (keyTypes.size() > 1) {
            throw new RefusedHistory("History includes a mix of different types for transaction keys: "
                    + keyTypes + ". Elle refuses such histories (elle/txn.clj assert-type-sanity).");
        }
    }

    private static String typeName(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof Long) {
            return "integer";
        }
        if (v instanceof BigInteger) {
            return "big integer";
        }
        if (v instanceof JsonNode node) {
            return node.getNodeType().name().toLowerCase();
        }
        return v.getClass().getSimpleName().toLowerCase();
    }

    /** Every client txn entry, invocations and completions, in history order. */
    public List<Txn> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The completions of one type, in history order. */
    public List<Txn> completions(Op.Type type) {
        return completions.computeIfAbsent(type, t -> entries.stream().filter(e -> e.type() == t).toList());
    }

    public List<Txn> oks() {
        return completions(Op.Type.OK);
    }

    /** The completion of an invocation, or null if it has none. */
    public Txn completionOf(Txn invocation) {
        return completionOf.get(invocation);
    }

    /** The invocation of a completion, or null if it has none. */
    public Txn invocationOf(Txn completion) {
        return invocationOf.get(completion);
    }
}
