package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.CheckResult;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.harness.run.RunOptions;
import glomers.harness.workload.kafka.KafkaChecker;
import glomers.runtime.Body;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Challenges 5a–5c (spec §3.5): a Kafka-style log, in one place as maelstrom/workload/kafka.clj
 * and jepsen/tests/kafka.clj have it.
 *
 * <h2>RPCs</h2>
 * {@code send {key, msg}} → {@code send_ok {offset}}; {@code poll {offsets}} →
 * {@code poll_ok {msgs: {key: [[offset, msg], …]}}}; {@code commit_offsets {offsets}} →
 * {@code commit_offsets_ok}; {@code list_committed_offsets {keys}} →
 * {@code list_committed_offsets_ok {offsets}}. Keys are strings, offsets integers.
 *
 * <h2>The client ({@link KafkaClient})</h2>
 * Stateful: it holds an <em>assignment</em>, each assigned key's next offset to poll. An operation
 * can make two RPCs (a poll and its commit; an assign and its look-up). Maelstrom's kafka client
 * has no error wrapper, so every error, timeout or malformed reply makes the operation
 * {@code :info}, and clients are not reusable: after an {@code :info} (every {@code :crash} is
 * one) the worker gets a new client with an empty assignment.
 *
 * <h2>The generator</h2>
 * Elle's transactions of one micro-operation ({@link WrTxns}): a read becomes {@code :poll}, a
 * write {@code :send} of the values 1…16 to one of 10 active keys. Before a base operation, with
 * probability 1/{@code kafkaAssignOneIn} (Jepsen 0.3.7: 1/64; 0.3.1: 1/8), an {@code :assign} of
 * that operation's key comes instead, and the base operation follows later; a third of assigns
 * also take every key sent to but not yet polled up to its last send ({@code poll-unseen}). A
 * {@code :crash} comes first whenever one is due; crashes are staggered at 30 s / concurrency.
 *
 * <h2>The final phase</h2>
 * Each worker, after the heal and 10 s of quiet: {@code :crash} (a new client), an assign of
 * every key seen with seek-to-beginning, then polls about 5 times a second until it has seen, for
 * every key, the highest offset anyone was acknowledged or polled in the main phase; the phase
 * stops handing out operations after 10 s.
 *
 * <h2>The checker</h2>
 * {@link KafkaChecker}: Jepsen's kafka analysis (inconsistent offsets, duplicates, lost writes,
 * unseen messages, skipped and non-monotonic polls and sends, G1a, cycles).
 */
public final class KafkaWorkload implements Workload {
    static final ReplySchema SEND_OK = new ReplySchema("send_ok", Map.of("offset", ReplySchema.INTEGER));
    static final ReplySchema POLL_OK = new ReplySchema("poll_ok", Map.of("msgs",
            ReplySchema.objectOf(ReplySchema.arrayOf(ReplySchema.pair(ReplySchema.INTEGER, ReplySchema.ANY)))));
    static final ReplySchema COMMIT_OFFSETS_OK = new ReplySchema("commit_offsets_ok", Map.of());
    static final ReplySchema LIST_COMMITTED_OFFSETS_OK = new ReplySchema("list_committed_offsets_ok",
            Map.of("offsets", ReplySchema.objectOf(ReplySchema.INTEGER)));

    /** Jepsen's crash-client-interval: each client crashes about this often. */
    static final long CRASH_INTERVAL_NANOS = 30_000_000_000L;
    /** The final phase's polls are staggered at 1/5 s: gaps uniform in [0, 0.4 s). */
    static final long FINAL_POLL_GAP_NANOS = 200_000_000L;
    /** Maelstrom clips the final phase to 10 s, since a node that lost data would never catch up. */
    static final long FINAL_PHASE_LIMIT_NANOS = 10_000_000_000L;
    /** poll-unseen widens about one assign in three with the keys not yet polled up to their last send. */
    static final double UNSEEN_ASSIGN_PROBABILITY = 1.0 / 3;

    private final RunOptions options;
    private final WrTxns txns;
    /** The base operation that an interleaved assign went ahead of; handed out next. */
    private Invocation pendingBase;
    private String pendingBaseKey;
    private long nextCrashNanos;
    /** poll-unseen's view: each key's highest offset sent and polled, ok operations only, caught-up keys trimmed. */
    private final Map<String, Long> sentUnpolled = new LinkedHashMap<>();
    private final Map<String, Long> polledOfUnseen = new LinkedHashMap<>();
    /** track-key-offsets: each key's highest offset sent or polled in any ok operation; the final phase's targets. */
    private final Map<String, Long> maxOffsets = new TreeMap<>();

    public KafkaWorkload(RunOptions options) {
        this.options = options;
        this.txns = new WrTxns(options.txn(), 1); // Jepsen's kafka workload forces one micro-op per transaction
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public boolean reusableClients() {
        return false; // kafka.clj: torn down when they crash
    }

    @Override
    public boolean usesErrorWrapper() {
        return false;
    }

    // ---- generator -----------------------------------------------------------------------------

    @Override
    public Invocation next(Random random) {
        return next(random, 0);
    }

    @Override
    public Invocation next(Random random, long nowNanos) {
        if (nowNanos >= nextCrashNanos) {
            nextCrashNanos = nowNanos + (long) (random.nextDouble() * 2 * CRASH_INTERVAL_NANOS / options.concurrency());
            return crash();
        }
        if (pendingBase == null) {
            WrTxns.MicroOp mop = txns.next(random).get(0);
            pendingBaseKey = Long.toString(mop.key());
            pendingBase = mop.write() ? send(pendingBaseKey, mop.value()) : poll();
        }
        if (random.nextDouble() < 1.0 / options.txn().kafkaAssignOneIn()) {
            return assign(withUnseenKeys(random, List.of(pendingBaseKey)), false);
        }
        Invocation base = pendingBase;
        pendingBase = null;
        return base;
    }

    /** poll-unseen: about a third of assigns also take every key sent to but not yet polled that far. */
    private List<String> withUnseenKeys(Random random, List<String> keys) {
        if (!(random.nextDouble() < UNSEEN_ASSIGN_PROBABILITY) || sentUnpolled.isEmpty()) {
            return keys;
        }
        Set<String> widened = new LinkedHashSet<>(keys);
        widened.addAll(sentUnpolled.keySet());
        return new ArrayList<>(widened);
    }

    @Override
    public void update(Op completion) {
        if (!completion.isOk()) {
            return;
        }
        Map<String, Long> sent = maxSendOffsets(completion);
        Map<String, Long> polled = maxPollOffsets(completion);
        sent.forEach((k, o) -> sentUnpolled.merge(k, o, Math::max));
        polled.forEach((k, o) -> polledOfUnseen.merge(k, o, Math::max));
        for (Iterator<Map.Entry<String, Long>> it = sentUnpolled.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            if (polledOfUnseen.getOrDefault(e.getKey(), -1L) >= e.getValue()) {
                it.remove();
                polledOfUnseen.remove(e.getKey());
            }
        }
        polledOfUnseen.keySet().removeIf(k -> !sentUnpolled.containsKey(k)); // caught up: nothing sent beyond it
        sent.forEach((k, o) -> maxOffsets.merge(k, o, Math::max));
        polled.forEach((k, o) -> maxOffsets.merge(k, o, Math::max));
    }

    // ---- final phase ---------------------------------------------------------------------------

    @Override
    public boolean hasFinalPhase() {
        return true;
    }

    @Override
    public long finalPhaseLimitNanos() {
        return FINAL_PHASE_LIMIT_NANOS;
    }

    /**
     * Jepsen's {@code final-polls}, per worker: crash, assign every key with seek-to-beginning, then
     * poll until this worker has seen each key's target offset (the highest any ok operation of the
     * main phase sent or polled). A worker with no targets does nothing.
     */
    @Override
    public FinalSteps finalSteps() {
        Map<String, Long> targets = new TreeMap<>(maxOffsets);
        return new FinalSteps() {
            private int step;

            @Override
            public Step next(Random random) {
                if (targets.isEmpty()) {
                    return null;
                }
                return switch (step++) {
                    case 0 -> new Step(crash(), 0);
                    case 1 -> new Step(assign(new ArrayList<>(targets.keySet()), true), 0);
                    case 2 -> new Step(poll(), 0); // a stagger's first operation goes out at once
                    default -> new Step(poll(), (long) (random.nextDouble() * 2 * FINAL_POLL_GAP_NANOS));
                };
            }

            @Override
            public void update(Op completion) {
                if (completion.isOk() && completion.f().equals("poll")) {
                    maxPollOffsets(completion).forEach((k, seen) -> {
                        if (targets.getOrDefault(k, Long.MAX_VALUE) <= seen) {
                            targets.remove(k);
                        }
                    });
                }
            }
        };
    }

    // ---- operations and the client -------------------------------------------------------------

    static Invocation crash() {
        return new Invocation("crash", NullNode.getInstance());
    }

    /** {@code [["send", key, msg]]}; completed as {@code [["send", key, [offset, msg]]]}. */
    static Invocation send(String key, long msg) {
        ArrayNode mop = Json.mapper().createArrayNode().add("send").add(key).add(msg);
        return new Invocation("send", Json.mapper().createArrayNode().add(mop));
    }

    /** {@code [["poll"]]}; completed as {@code [["poll", {key: [[offset, msg], …]}]]}. */
    static Invocation poll() {
        return new Invocation("poll", Json.mapper().createArrayNode().add(Json.mapper().createArrayNode().add("poll")));
    }

    /** The keys to assign, as an array of strings. */
    static Invocation assign(List<String> keys, boolean seekToBeginning) {
        ArrayNode value = Json.mapper().createArrayNode();
        keys.forEach(value::add);
        return new Invocation("assign", value, seekToBeginning);
    }

    @Override
    public WorkloadClient openClient() {
        return new KafkaClient();
    }

    /**
     * Maelstrom's kafka client (workload/kafka.clj {@code Client}): its assignment maps each key to
     * the next offset to poll.
     */
    final class KafkaClient implements WorkloadClient {
        private final Map<String, Long> assignment = new TreeMap<>();

        @Override
        public void invoke(Invocation op, Rpc rpc, Consumer<Completion> done) {
            switch (op.f()) {
                case "crash" -> done.accept(Completion.info(op.value(), null));
                case "assign" -> assign(op, rpc, done);
                case "send" -> send(op, rpc, done);
                case "poll" -> poll(op, rpc, done);
                default -> throw new IllegalArgumentException("kafka has no operation " + op.f());
            }
        }

        /** With seek-to-beginning every key starts at 0; otherwise at the local offset, else the committed one, else 0. */
        private void assign(Invocation op, Rpc rpc, Consumer<Completion> done) {
            List<String> keys = new ArrayList<>();
            op.value().forEach(k -> keys.add(k.asText()));
            if (op.seekToBeginning()) {
                assignment.clear();
                keys.forEach(k -> assignment.put(k, 0L));
                done.accept(Completion.ok(op.value()));
                return;
            }
            rpc.call(Body.of("list_committed_offsets").put("keys", op.value()), LIST_COMMITTED_OFFSETS_OK, result -> {
                if (!(result instanceof RpcResult.Ok ok)) {
                    done.accept(failed(result, op));
                    return;
                }
                JsonNode committed = ok.body().get("offsets");
                Map<String, Long> next = new TreeMap<>();
                for (String k : keys) {
                    Long local = assignment.get(k);
                    next.put(k, local != null ? local : committed.has(k) ? committed.get(k).asLong() : 0L);
                }
                assignment.clear();
                assignment.putAll(next);
                done.accept(Completion.ok(op.value()));
            });
        }

        private void send(Invocation op, Rpc rpc, Consumer<Completion> done) {
            JsonNode mop = op.value().get(0);
            rpc.call(Body.of("send").put("key", mop.get(1)).put("msg", mop.get(2)), SEND_OK, result -> {
                if (!(result instanceof RpcResult.Ok ok)) {
                    done.accept(failed(result, op));
                    return;
                }
                ArrayNode pair = Json.mapper().createArrayNode().add(ok.body().get("offset")).add(mop.get(2));
                ArrayNode completed = Json.mapper().createArrayNode().add("send").add(mop.get(1)).add(pair);
                done.accept(Completion.ok(Json.mapper().createArrayNode().add(completed)));
            });
        }

        /**
         * Polls the whole assignment; each key returned moves on to one past its highest offset
         * returned (a key not assigned is added), then commits the highest offset returned per key.
         */
        private void poll(Invocation op, Rpc rpc, Consumer<Completion> done) {
            ObjectNode offsets = Json.mapper().createObjectNode();
            assignment.forEach(offsets::put);
            rpc.call(Body.of("poll").put("offsets", offsets), POLL_OK, result -> {
                if (!(result instanceof RpcResult.Ok ok)) {
                    done.accept(failed(result, op));
                    return;
                }
                JsonNode msgs = ok.body().get("msgs");
                ObjectNode highest = Json.mapper().createObjectNode();
                msgs.properties().forEach(e -> {
                    long max = highestOffset(e.getValue());
                    assignment.merge(e.getKey(), max + 1, Math::max);
                    if (max >= 0) {
                        highest.put(e.getKey(), max);
                    }
                });
                ArrayNode completed = Json.mapper().createArrayNode()
                        .add(Json.mapper().createArrayNode().add("poll").add(msgs));
                if (highest.isEmpty()) {
                    done.accept(Completion.ok(completed));
                    return;
                }
                rpc.call(Body.of("commit_offsets").put("offsets", highest), COMMIT_OFFSETS_OK, committed ->
                        done.accept(committed instanceof RpcResult.Ok ? Completion.ok(completed) : failed(committed, op)));
            });
        }

        private Completion failed(RpcResult result, Invocation op) {
            return Completion.notOk(result, op.value(), false, false);
        }
    }

    // ---- reading completed operations ----------------------------------------------------------

    /** Each key's highest offset returned by an ok poll (Jepsen's {@code op->max-poll-offsets}); -1 for a key returned empty. */
    static Map<String, Long> maxPollOffsets(Op op) {
        Map<String, Long> offsets = new TreeMap<>();
        if (op.f().equals("poll") && op.value() != null) {
            for (JsonNode mop : op.value()) {
                JsonNode msgs = mop.get(1);
                if (msgs != null && msgs.isObject()) {
                    msgs.properties().forEach(e -> offsets.merge(e.getKey(), highestOffset(e.getValue()), Math::max));
                }
            }
        }
        return offsets;
    }

    /** The highest offset among {@code [[offset, msg], …]}, or -1 for none (Jepsen's {@code (reduce max -1)}). */
    static long highestOffset(JsonNode pairs) {
        long max = -1;
        for (JsonNode pair : pairs) {
            max = Math.max(max, pair.get(0).asLong());
        }
        return max;
    }

    /** Each key's highest offset acknowledged to an ok send (Jepsen's {@code op->max-send-offsets}). */
    static Map<String, Long> maxSendOffsets(Op op) {
        Map<String, Long> offsets = new TreeMap<>();
        if (op.f().equals("send") && op.value() != null) {
            for (JsonNode mop : op.value()) {
                JsonNode pair = mop.get(2);
                if (pair != null && pair.isArray() && pair.get(0).isIntegralNumber()) {
                    offsets.merge(mop.get(1).asText(), pair.get(0).asLong(), Math::max);
                }
            }
        }
        return offsets;
    }

    @Override
    public CheckResult check(History history, RunOptions runOptions) {
        return KafkaChecker.check(history);
    }
}
