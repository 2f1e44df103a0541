package glomers.harness.workload;

import glomers.harness.run.RunOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Elle's transaction generator ({@code elle.txn/wr-txns}), which Maelstrom's kafka and
 * txn-rw-register workloads draw from: transactions of 1 to {@code maxTxnLength} micro-operations,
 * each a read or a write with equal odds, over a pool of {@code keyCount} active keys.
 *
 * <ul>
 *   <li><b>Keys</b> start as 0 … keyCount−1. Slot i of the pool is chosen with probability
 *       2^(i+1) / (2^(keyCount+1) − 2), so the last slot gets about half of all micro-operations
 *       ({@code rand-key} with {@code :exponential}, base 2).</li>
 *   <li><b>Values</b> written to a key are 1, 2, … {@code maxWritesPerKey}, so every write is unique
 *       per key. A write that would exceed that retires the key: its slot gets a fresh key, one more
 *       than the largest key in the pool ({@code fresh-key}), and the draw is made again.</li>
 * </ul>
 */
public final class WrTxns {
    /** One micro-operation: a read ({@code value} 0, meaning none yet) or a write of {@code value}. */
    public record MicroOp(boolean write, long key, long value) {
    }

    private final int maxTxnLength;
    private final int maxWritesPerKey;
    private final List<Long> activeKeys = new ArrayList<>();
    private final Map<Long, Long> nextValue = new HashMap<>();
    private final double keyDistScale;

    public WrTxns(RunOptions.KeyOptions options, int maxTxnLength) {
        this.maxTxnLength = maxTxnLength;
        this.maxWritesPerKey = options.maxWritesPerKey();
        for (long k = 0; k < options.keyCount(); k++) {
            activeKeys.add(k);
        }
        this.keyDistScale = (Math.pow(2, options.keyCount()) - 1) * 2; // key-dist-scale with base 2
    }

    /** The next transaction. */
    public List<MicroOp> next(Random random) {
        int length = 1 + random.nextInt(maxTxnLength);
        List<MicroOp> txn = new ArrayList<>(length);
        while (txn.size() < length) {
            boolean write = random.nextBoolean();
            long key = randomKey(random);
            if (!write) {
                txn.add(new MicroOp(false, key, 0));
                continue;
            }
            long value = nextValue.getOrDefault(key, 1L);
            if (value > maxWritesPerKey) {
                retire(key);
                continue;
            }
            nextValue.put(key, value + 1);
            txn.add(new MicroOp(true, key, value));
        }
        return txn;
    }

    /** Elle's exponential {@code rand-key}: floor(log2(u·scale + 2) − 1) for u uniform in [0, 1). */
    private long randomKey(Random random) {
        int slot = (int) Math.floor(Math.log(random.nextDouble() * keyDistScale + 2) / Math.log(2) - 1);
        return activeKeys.get(Math.min(slot, activeKeys.size() - 1));
    }

    private void retire(long key) {
        long fresh = activeKeys.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
        activeKeys.set(activeKeys.indexOf(key), fresh);
    }
}
