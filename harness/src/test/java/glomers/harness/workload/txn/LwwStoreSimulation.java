package glomers.harness.workload.txn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * A seeded simulation of a totally available, replicated register store, producing a
 * txn-rw-register history for checker tests.
 *
 * <p>2–5 nodes; 1–2 client threads per node (thread t on node t mod N, process p on thread p mod
 * C, a crashed process replaced by p + C, as in Maelstrom); 2–4 keys; 40–80 transactions of 1–4
 * micro-ops, half reads, every written value unique per key. A node runs a transaction
 * atomically against its replica (reads see its own earlier writes), stamps it with a Lamport
 * clock (one more than anything seen), installs the writes, and sends them to every other node
 * with a random delay of 1–30 ms. About 8% of transactions abort (fail, nothing installed), 10%
 * crash (info; half of them were installed).
 *
 * <p>{@code lastWriterWins}: a replica installs a received write only if its (clock, node) stamp
 * is later than the one it holds, so all replicas move forward along one order (correct).
 * Otherwise it installs whatever arrives last, so replicas can apply concurrent transactions in
 * opposite orders (the bug Maelstrom's own analysis cannot see).
 */
final class LwwStoreSimulation {
    final History history = new History();
    final int nodes;
    final int concurrency;
    final IntFunction<String> nodeOfProcess;

    private final Random rnd;
    private final boolean lastWriterWins;
    private final int keys;
    private final int txnLimit;
    private int txnsStarted = 0;
    private final long[] nextValue;
    private final long[] clock;
    private final List<Map<Long, long[]>> replicas = new ArrayList<>(); // key -> {clock, node, value}
    private final PriorityQueue<long[]> events = new PriorityQueue<>((a, b) ->
            a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1])); // {time, seq, event id}
    private final List<Runnable> actions = new ArrayList<>();
    private long now = 0;

    LwwStoreSimulation(long seed, boolean lastWriterWins) {
        this(seed, lastWriterWins, 0);
    }

    /** With {@code txns} > 0: that many transactions, 5 nodes, 10 threads, 10 keys (for measuring). */
    LwwStoreSimulation(long seed, boolean lastWriterWins, int txns) {
        this.rnd = new Random(seed);
        this.lastWriterWins = lastWriterWins;
        this.nodes = txns > 0 ? 5 : 2 + rnd.nextInt(4);
        this.concurrency = txns > 0 ? 10 : nodes * (1 + rnd.nextInt(2));
        this.keys = txns > 0 ? 10 : 2 + rnd.nextInt(3);
        this.txnLimit = txns > 0 ? txns : 40 + rnd.nextInt(41);
        this.nextValue = new long[keys];
        this.clock = new long[nodes];
        for (int n = 0; n < nodes; n++) {
            replicas.add(new HashMap<>());
        }
        int c = concurrency;
        int n = nodes;
        this.nodeOfProcess = p -> "n" + (p % c) % n;
        for (int t = 0; t < concurrency; t++) {
            int thread = t;
            at(rnd.nextInt(10), () -> invoke(thread, thread));
        }
        while (!events.isEmpty()) {
            long[] e = events.poll();
            now = e[0];
            actions.get((int) e[2]).run();
        }
    }

    private void at(long delay, Runnable action) {
        actions.add(action);
        events.add(new long[] {now + delay, actions.size(), actions.size() - 1});
    }

    private static long ms(long t) {
        return t * 1_000_000L;
    }

    private void invoke(int thread, int process) {
        if (txnsStarted++ >= txnLimit) {
            return;
        }
        int node = thread % nodes;
        List<long[]> mops = new ArrayList<>(); // {read? 1 : 0, key, value}
        int length = 1 + rnd.nextInt(4);
        for (int i = 0; i < length; i++) {
            int k = rnd.nextInt(keys);
            boolean read = rnd.nextBoolean();
            mops.add(new long[] {read ? 1 : 0, k, read ? 0 : ++nextValue[k]});
        }
        Op invocation = history.invoke(ms(now), process, "txn", json(mops, null), false);
        at(rnd.nextInt(5), () -> execute(thread, process, node, invocation, mops));
    }

    private void execute(int thread, int process, int node, Op invocation, List<long[]> mops) {
        int roll = rnd.nextInt(100);
        Op.Type outcome = roll < 8 ? Op.Type.FAIL : roll < 18 ? Op.Type.INFO : Op.Type.OK;
        boolean applied = outcome == Op.Type.OK || (outcome == Op.Type.INFO && rnd.nextBoolean());
        List<Long> reads = new ArrayList<>();
        if (applied) {
            Map<Long, long[]> replica = replicas.get(node);
            Map<Long, Long> own = new LinkedHashMap<>();
            for (long[] m : mops) {
                if (m[0] == 1) {
                    Long v = own.containsKey(m[1]) ? own.get(m[1])
                            : replica.containsKey(m[1]) ? (Long) replica.get(m[1])[2] : null;
                    reads.add(v);
                } else {
                    own.put(m[1], m[2]);
                }
            }
            long stamp = ++clock[node];
            own.forEach((k, v) -> install(node, k, stamp, node, v));
            for (int other = 0; other < nodes; other++) {
                if (other != node) {
                    int to = other;
                    Map<Long, Long> writes = new LinkedHashMap<>(own);
                    at(1 + rnd.nextInt(30), () -> {
                        clock[to] = Math.max(clock[to], stamp);
                        writes.forEach((k, v) -> install(to, k, stamp, node, v));
                    });
                }
            }
        }
        Op.Type type = outcome;
        at(rnd.nextInt(5), () -> {
            history.complete(invocation, ms(now), type,
                    type == Op.Type.OK ? json(mops, reads) : invocation.value(), type == Op.Type.OK ? null : "crash");
            at(rnd.nextInt(5), () -> invoke(thread, type == Op.Type.INFO ? process + concurrency : process));
        });
    }

    private void install(int node, long key, long stamp, int origin, long value) {
        long[] held = replicas.get(node).get(key);
        boolean later = held == null || stamp > held[0] || (stamp == held[0] && origin > held[1]);
        if (later || !lastWriterWins) {
            replicas.get(node).put(key, new long[] {stamp, origin, value});
        }
    }

    /** The micro-ops as JSON; reads carry the next of readValues, or null at invocation. */
    private static ArrayNode json(List<long[]> mops, List<Long> readValues) {
        ArrayNode txn = Json.mapper().createArrayNode();
        int r = 0;
        for (long[] m : mops) {
            ArrayNode mop = txn.addArray().add(m[0] == 1 ? "r" : "w").add(m[1]);
            if (m[0] == 0) {
                mop.add(m[2]);
            } else if (readValues == null || readValues.get(r) == null) {
                mop.addNull();
                r++;
            } else {
                mop.add(readValues.get(r++));
            }
        }
        return txn;
    }
}
