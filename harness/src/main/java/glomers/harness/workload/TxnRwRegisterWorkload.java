package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import glomers.harness.check.CheckResult;
import glomers.harness.history.History;
import glomers.harness.run.RunOptions;
import glomers.harness.workload.txn.RwRegisterChecker;
import glomers.runtime.Body;
import glomers.runtime.Json;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Challenges 6a–6c (spec §3.6; maelstrom/workload/txn_rw_register.clj): transactions over a map of
 * integer keys to integer values.
 *
 * <h2>RPC</h2>
 * {@code txn {txn: [["r", k, null], ["w", k, v], …]}} → {@code txn_ok {txn: [...]}}: the same
 * micro-operations in order, each read's value filled in ({@code null} for a key never written).
 * Each element of the reply must be a three-element array whose first element is "r" or "w".
 *
 * <h2>Generator</h2>
 * Elle's {@code wr-txns} ({@link WrTxns}): 1 to {@code --max-txn-length} micro-operations, half
 * reads and half writes, over 10 active keys ({@code --key-count}) weighted towards the newest;
 * each key takes the values 1…16 ({@code --max-writes-per-key}) and is then retired, so every
 * value is unique per key. No final phase.
 *
 * <h2>Outcomes</h2>
 * Maelstrom's error wrapper with no idempotent operation: a timeout or an indefinite error is
 * {@code :info}, a definite one (30, txn-conflict, is the intended abort) {@code :fail}. Clients
 * are reusable.
 *
 * <h2>Checker</h2>
 * {@link RwRegisterChecker}: Elle's rw-register analysis as Maelstrom configures it (version orders
 * inferred only from writes that follow reads within a transaction), against
 * {@code --consistency-models}.
 */
public final class TxnRwRegisterWorkload implements Workload {
    private static final Predicate<JsonNode> MICRO_OP = v -> v.isArray() && v.size() == 3
            && v.get(0).isTextual() && (v.get(0).textValue().equals("r") || v.get(0).textValue().equals("w"));
    static final ReplySchema TXN_OK = new ReplySchema("txn_ok", Map.of("txn", ReplySchema.arrayOf(MICRO_OP)));

    private final RunOptions options;
    private final WrTxns txns;

    public TxnRwRegisterWorkload(RunOptions options) {
        this.options = options;
        this.txns = new WrTxns(options.txn(), options.txn().maxTxnLength());
    }

    @Override
    public String name() {
        return "txn-rw-register";
    }

    @Override
    public boolean reusableClients() {
        return true;
    }

    @Override
    public Invocation next(Random random) {
        ArrayNode txn = Json.mapper().createArrayNode();
        for (WrTxns.MicroOp mop : txns.next(random)) {
            ArrayNode m = txn.addArray().add(mop.write() ? "w" : "r").add(mop.key());
            if (mop.write()) {
                m.add(mop.value());
            } else {
                m.addNull();
            }
        }
        return new Invocation("txn", txn);
    }

    @Override
    public Body request(Invocation invocation) {
        return Body.of("txn").put("txn", invocation.value());
    }

    @Override
    public ReplySchema replySchema(String f) {
        return TXN_OK;
    }

    @Override
    public JsonNode okValue(Invocation invocation, Body reply) {
        return reply.get("txn");
    }

    @Override
    public CheckResult check(History history, RunOptions runOptions) {
        return RwRegisterChecker.check(history, options.txn().consistencyModels());
    }

    /** The results key of the node-order analysis. */
    public static final String NODE_ORDER = "node-order";

    /**
     * Beyond Maelstrom: the same analysis with each node's successive observations as an extra
     * source of version order, which sees the write cycles (G0) Maelstrom's setup misses (Fly.io
     * 6b; maelstrom issue #56). Reported as {@value #NODE_ORDER}; it counts towards the verdict
     * only with {@code --judge-node-order}. Worker thread t talks to node t mod N, and process p
     * runs on thread p mod concurrency.
     */
    @Override
    public List<ExtraCheck> extraChecks(History history, RunOptions runOptions) {
        List<String> nodes = options.nodes();
        int concurrency = options.concurrency();
        CheckResult nodeOrder = RwRegisterChecker.checkWithNodeOrder(history, options.txn().consistencyModels(),
                process -> nodes.get((process % concurrency) % nodes.size()));
        return List.of(new ExtraCheck(NODE_ORDER, nodeOrder, options.txn().judgeNodeOrder()));
    }
}
