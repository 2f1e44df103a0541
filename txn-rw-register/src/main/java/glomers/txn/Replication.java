package glomers.txn;

import glomers.runtime.Node;

/**
 * How a node makes a transaction's writes visible, here and on the other nodes: the part that
 * changes from one {@link Strategy} to the next. {@link TxnNode} runs transactions and calls these.
 */
abstract class Replication {
    Node node;
    Registers registers;

    /** Called once, before the node runs. */
    final void install(Node node, Registers registers) {
        this.node = node;
        this.registers = registers;
        start();
    }

    /** Registers this strategy's own message types and timers, if it has any. */
    void start() {
    }

    /**
     * A transaction with at least one write has just run on this node, its reply not yet sent:
     * apply its writes here and send them on. Called on the node's thread, so no other
     * transaction runs on this node in between.
     */
    abstract void commit(Transaction.Completed txn);
}
