package glomers.txn;

import glomers.runtime.Node;

/**
 * Stage 6a: one node. A transaction's final writes are applied here, as one unit, and go nowhere
 * else. On more than one node each keeps its own registers, and they never agree.
 */
final class Local implements Replication {
    private Node node;
    private Registers registers;

    @Override
    public void install(Node node, Registers registers) {
        this.node = node;
        this.registers = registers;
    }

    @Override
    public void commit(Transaction.Completed txn) {
        registers.commitLocal(node.id(), txn.finalWrites());
    }
}
