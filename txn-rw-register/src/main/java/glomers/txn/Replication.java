package glomers.txn;

import glomers.runtime.Node;

/**
 * How a node makes a transaction's writes visible, here and on the other nodes: the part that
 * changes from one {@link Strategy} to the next. {@link TxnNode} runs transactions and calls these.
 */
interface Replication {

    /** Registers this strategy's own message types and timers. Called once, before the node runs. */
    void install(Node node, Registers registers);

    /**
     * A transaction with at least one write has just run on this node, its reply not yet sent:
     * apply its writes here and send them on. Called on the node's thread, so no other
     * transaction runs on this node in between.
     */
    void commit(Transaction.Completed txn);
}
