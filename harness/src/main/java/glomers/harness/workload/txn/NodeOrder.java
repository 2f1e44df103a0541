package glomers.harness.workload.txn;

import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The bench's extra source of version order, beyond Maelstrom's: what each node's successive
 * transactions observed. It is Elle's {@code :sequential-keys?} idea (a process sees each key
 * move forward) applied per node, restricted to the observations that stay sound for a
 * replicated store.
 *
 * <h2>The assumption</h2>
 * <ol>
 *   <li><b>One order.</b> For each key there is one total version order shared by all nodes
 *       (for instance last-writer-wins on (Lamport clock, node id)), and each node's replica of
 *       the key only ever moves forward in it: it installs a version only if it is later than
 *       the one it holds.</li>
 *   <li><b>Reads see the node.</b> A node runs each transaction against its own replica some
 *       time between the invocation and the completion; a transaction's first read of a key
 *       (its external read) returns the version the node holds then.</li>
 *   <li><b>Committed writes stay.</b> When a node completes a transaction ok, it holds, for each
 *       key the transaction wrote, that transaction's last write of the key or a later version.
 *       (A last-writer-wins node satisfies this even when its own write carries an older
 *       timestamp than the version it holds: the write loses, and the node holds a later
 *       version.)</li>
 *   <li>Each client process talks to one node ({@code nodeOfProcess}); the bench binds worker
 *       thread t to node t mod N and process p to thread p mod concurrency.</li>
 * </ol>
 *
 * <h2>The inference</h2>
 * Let a and c be ok transactions on the same node, a completed before c was invoked (history
 * order), and c's first micro-op on key k a read that saw r. Let v be a's last write of k, or,
 * if a did not write k, a's external read of k. Then v comes no later than r in k's order: by
 * (3) or (2), the node held v or later when a completed; by (1) it never went back; by (2) c
 * read what it held. If v ≠ r, v came before r: one edge v → r.
 *
 * <p>Nothing else is inferred. In particular c's <em>writes</em> are never placed after what
 * the node held: a node may give its own write an older timestamp than the version it holds,
 * and then the write is not later. Reads that follow a transaction's own write are internal and
 * give nothing. Only ok transactions count (a failed one did nothing; a crashed one may or may
 * not have run).
 *
 * <h2>Sound and small</h2>
 * Under (1)–(4) every edge is a true fact of the one order, so a correct store yields no
 * cyclic-versions, and no G0 or G1c cycle can rest on these edges. A store whose replicas apply
 * the same concurrent writes in different orders breaks (1), and its readers show it: one node
 * sees x go 1 then 2, another 2 then 1 (cyclic-versions), or the order of x and of y disagree
 * (G0). Per node and key the edges are kept to a transitive reduction in the manner of Elle's
 * {@code realtime-graph}: a frontier of completed transactions is linked to each later reader,
 * and a reader replaces the frontier members it was linked to (a blind writer does not, since
 * its write need not be later than what the node held).
 */
final class NodeOrder {
    private NodeOrder() {
    }

    /** The source of version-order facts named {@code node-order}. */
    static VersionOrder.Source source(TxnHistory history, IntFunction<String> nodeOfProcess) {
        List<VersionOrder.Edge> edges = new ArrayList<>();
        // node -> key -> completed ok transactions not yet superseded by a reader on that node
        Map<String, Map<Object, Set<Txn>>> frontier = new HashMap<>();
        Map<Txn, Map<Object, List<Txn>>> linked = new HashMap<>();
        for (Txn entry : history.entries()) {
            if (entry.type() == Op.Type.INVOKE) {
                Txn c = history.completionOf(entry);
                if (c == null || !c.isOk()) {
                    continue;
                }
                String node = nodeOfProcess.apply(c.process());
                Map<Object, Set<Txn>> byKey = frontier.computeIfAbsent(node, n -> new HashMap<>());
                Map<Object, List<Txn>> linkedNow = new HashMap<>();
                c.extReads().forEach((k, r) -> {
                    List<Txn> before = new ArrayList<>(byKey.getOrDefault(k, Set.of()));
                    linkedNow.put(k, before);
                    for (Txn a : before) {
                        Object v = lastObserved(a, k);
                        if (!Objects.equals(v, r)) {
                            edges.add(new VersionOrder.Edge(k, v, r, () -> "on node " + node + ", op " + a.index()
                                    + " left key " + Mop.show(k) + " at " + Mop.show(v) + " or later before op "
                                    + c.index() + " started and read " + Mop.show(r)));
                        }
                    }
                });
                linked.put(c, linkedNow);
            } else if (entry.isOk()) {
                Map<Object, Set<Txn>> byKey = frontier.computeIfAbsent(nodeOfProcess.apply(entry.process()),
                        n -> new HashMap<>());
                Map<Object, List<Txn>> linkedNow = linked.getOrDefault(entry, Collections.emptyMap());
                Set<Object> keys = new LinkedHashSet<>(entry.extReads().keySet());
                keys.addAll(entry.extWrites().keySet());
                for (Object k : keys) {
                    Set<Txn> f = byKey.computeIfAbsent(k, x -> new LinkedHashSet<>());
                    linkedNow.getOrDefault(k, List.of()).forEach(f::remove);
                    f.add(entry);
                }
            }
        }
        return new VersionOrder.Source("node-order", edges);
    }

    /** What the node held of key k, at least, when transaction a completed: its last write, else its read. */
    private static Object lastObserved(Txn a, Object k) {
        return a.extWrites().containsKey(k) ? a.extWrites().get(k) : a.extReads().get(k);
    }
}
