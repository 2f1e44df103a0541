package glomers.txn;

import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.util.List;

/**
 * Challenge 6: a key-value store of integer registers that runs transactions, totally available:
 * every transaction is answered by the node it was sent to, at once, whatever the network does,
 * and none is aborted.
 *
 * <p>Request and reply (spec §3.6; maelstrom {@code src/maelstrom/workload/txn_rw_register.clj}):
 * <pre>{@code
 * {"type":"txn","txn":[["r",3,null],["w",3,7],["r",3,null]]}
 * {"type":"txn_ok","txn":[["r",3,null],["w",3,7],["r",3,7]]}
 * }</pre>
 * Each read gets the value its key holds, null if it was never written; a read after the
 * transaction's own write of the key sees that write. Writes come back unchanged. A malformed
 * {@code txn} (see {@link Transaction#parse}) gets error 12 and applies nothing.
 *
 * <p>This class runs the transaction against the node's {@link Registers}, all in one handler
 * call (so no other transaction on this node interleaves with it), and hands its writes to a
 * {@link Replication}: which one is a {@link Strategy}, the node's argument, else
 * {@value Strategy#ENVIRONMENT_VARIABLE}, else {@link Strategy#DEFAULT}.
 */
public final class TxnNode implements NodeProgram {
    private final Strategy strategy;
    private final List<String> ignoredArgs;

    /** The strategy named by {@value Strategy#ENVIRONMENT_VARIABLE}, else the default. */
    public TxnNode() {
        this(List.of());
    }

    /** The strategy named by the node's command-line arguments (at most one), else as {@link #TxnNode()}. */
    public TxnNode(List<String> args) {
        this.strategy = Strategy.choose(args, System.getenv(Strategy.ENVIRONMENT_VARIABLE));
        this.ignoredArgs = Strategy.mistypedOptions(args);
    }

    public TxnNode(Strategy strategy) {
        this.strategy = strategy;
        this.ignoredArgs = List.of();
    }

    public Strategy strategy() {
        return strategy;
    }

    @Override
    public void install(Node node) {
        Registers registers = new Registers();
        Replication replication = strategy.create();
        replication.install(node, registers);
        node.onInit(() -> {
            node.log("txn-rw-register strategy " + strategy + " (" + strategy.summary() + ")");
            if (!ignoredArgs.isEmpty()) {
                node.log("ignoring arguments " + ignoredArgs + ": a Maelstrom option typed with an en dash (\u2013-) instead"
                        + " of -- reaches the node as words, and Maelstrom does not apply it; type it with two hyphens,"
                        + " e.g. --nemesis partition");
            }
        });

        node.on("txn", request -> {
            Transaction txn = Transaction.parse(request.body().get("txn"));
            Transaction.Completed done = txn.run(registers::read);
            if (done.hasWrites()) {
                replication.commit(done);
            }
            request.reply(Body.of("txn_ok").put("txn", done.toJson()));
        });
    }

    public static void main(String[] args) {
        TxnNode program;
        try {
            program = new TxnNode(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("txn-rw-register: " + e.getMessage());
            System.exit(2);
            return;
        }
        Node.runOnStdio(program);
    }
}
