package glomers.txn;

import java.util.Map;

/**
 * One committed transaction as it travels between nodes in the default strategy: the origin's
 * sequence number for it (1, 2, 3, ... per origin, so a receiver can acknowledge a prefix with one
 * number), its Lamport timestamp, and its final writes. The origin is the sender of the message.
 * <pre>{@code {"seq":4,"ts":17,"writes":{"3":7,"5":2}}}</pre>
 *
 * @param seq    this transaction's place in its origin's log, from 1
 * @param ts     its stamp's Lamport timestamp
 * @param writes key to value: the last write of each key the transaction wrote
 */
record CommittedTxn(long seq, long ts, Map<Long, Long> writes) {
    CommittedTxn {
        if (seq < 1) {
            throw new IllegalArgumentException("a log starts at seq 1, not " + seq);
        }
        writes = Map.copyOf(writes);
    }
}
