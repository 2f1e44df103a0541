package glomers.txn;

/**
 * Stage 6a: one node. A transaction's final writes are applied here, as one unit, and go nowhere
 * else. On more than one node each keeps its own registers, and they never agree.
 */
final class Local extends Replication {

    @Override
    void commit(Transaction.Completed txn) {
        registers.commitLocal(node.id(), txn.finalWrites());
    }
}
