/**
 * The txn-rw-register checker: Elle's rw-register analysis as Maelstrom runs it (spec §3.6),
 * and a stricter variant. Entry point: {@link glomers.harness.workload.txn.RwRegisterChecker}.
 *
 * <h2>Pieces, and where each rule comes from</h2>
 * <table>
 *   <caption>one class per analysis</caption>
 *   <tr><th>class</th><th>what</th><th>source</th></tr>
 *   <tr><td>{@code TxnHistory}, {@code Txn}, {@code Mop}</td><td>parsing, external reads and
 *       writes, type sanity</td><td>jepsen.txn {@code ext-reads}/{@code ext-writes}; elle/txn.clj
 *       {@code assert-type-sanity}</td></tr>
 *   <tr><td>{@code ReadAnomalies}</td><td>G1a, G1b, internal, lost-update</td><td>elle/rw_register.clj
 *       {@code g1a-cases}, {@code g1b-cases}, {@code internal-cases}; elle/txn.clj
 *       {@code lost-update-cases}</td></tr>
 *   <tr><td>{@code VersionOrder}</td><td>per-key version graphs (initial state, writes follow
 *       reads), cyclic-versions</td><td>elle/rw_register.clj {@code version-graphs},
 *       {@code initial-state-version-graphs}, {@code wfr-version-graphs}; Maelstrom's
 *       txn_rw_register.clj passes {@code :wfr-keys? true}</td></tr>
 *   <tr><td>{@code NodeOrder}</td><td>the bench's extra version-order source (per node)</td>
 *       <td>the idea of Elle's {@code :sequential-keys?}, per node; see its comment</td></tr>
 *   <tr><td>{@code DependencyGraph}</td><td>wr, ww, rw, process, realtime edges and their
 *       explanations</td><td>elle/rw_register.clj {@code wr-graph},
 *       {@code version-graphs->transaction-graph}, the WW/RW/WR explainers; elle/core.clj
 *       {@code process-graph}, {@code realtime-graph}</td></tr>
 *   <tr><td>{@code CycleSearch}</td><td>strongly connected components, cycle search per anomaly,
 *       classification, explained cycles</td><td>elle/txn.clj {@code cycles},
 *       {@code cycle-cases-in-scc}, {@code cycle-explainer}, {@code cycle-anomaly-specs};
 *       elle/core.clj {@code explain-cycle}</td></tr>
 *   <tr><td>{@code ConsistencyModels}</td><td>models, anomalies, {@code not}/{@code also-not}</td>
 *       <td>elle/consistency_model.clj</td></tr>
 *   <tr><td>{@code RwRegisterChecker}</td><td>which extra graph, the result map, Maelstrom's
 *       wrapper</td><td>elle/txn.clj {@code additional-graphs}, {@code result-map};
 *       maelstrom txn_rw_register.clj {@code checker}</td></tr>
 * </table>
 *
 * <h2>Versions</h2>
 * The bench follows Elle 0.2.2 (Maelstrom HEAD, Jepsen 0.3.7): its model tables reproduce the
 * real Maelstrom run's {@code :not}/{@code :also-not} exactly. Gossip Glomers' Maelstrom 0.2.3
 * uses Elle 0.1.6, whose tables have {@code ROLA} where 0.2.2 has {@code update-atomic}, and
 * which names cycles without the {@code -item} suffix (G-single, G2) and has no
 * {@code *-cycle-exists} anomalies. For read-uncommitted and read-committed, the models of
 * challenges 6a–6c, both versions look for the same anomalies (G0, G1a, G1b, G1c,
 * cyclic-versions, empty-transaction-graph), so the verdicts should agree; only the
 * {@code also-not} lists differ.
 *
 * <h2>Left out</h2>
 * Elle's {@code *-cycle-exists} anomalies (a fallback Elle adds when its cycle search times out;
 * here every cycle kind is searched exhaustively within {@link
 * glomers.harness.workload.txn.CycleSearch#WORK_LIMIT}), predicate reads (rw-register has none,
 * so G-single, G-nonadjacent and G2 without {@code -item} never occur), and Elle's files and
 * plots.
 */
package glomers.harness.workload.txn;
