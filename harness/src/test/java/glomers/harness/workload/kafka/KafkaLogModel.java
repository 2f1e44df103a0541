package glomers.harness.workload.kafka;

import glomers.harness.history.History;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * Generates kafka histories from an in-memory service that is correct by construction: one log
 * per key, offsets growing with random gaps from a chosen base, each operation taking effect at
 * one instant between its invocation and its completion while other clients' operations
 * interleave. Clients behave as Maelstrom's kafka client does: an assignment of key → next offset,
 * polls from there with the highest offset returned committed, assigns that keep local offsets and
 * otherwise start at the committed offset, crashes and info outcomes that replace the client
 * (process + concurrency), and Maelstrom's final phase (crash, seek-to-beginning assign of every
 * key, polls until caught up).
 *
 * <p>{@code skippingPolls} breaks the service on purpose: a poll now and then leaves out the first
 * message it should return.
 */
final class KafkaLogModel {
    /** Most messages one poll returns per key. */
    static final int POLL_LIMIT = 4;

    private final Random random;
    private final int concurrency;
    private final List<String> keys = new ArrayList<>();
    private final long offsetBase;
    private final boolean skippingPolls;
    private final KafkaHistoryBuilder b = new KafkaHistoryBuilder();
    private final Map<String, NavigableMap<Long, Long>> log = new HashMap<>();
    private final Map<String, Long> nextOffset = new HashMap<>();
    private final Map<String, Long> nextMsg = new HashMap<>();
    private final Map<String, Long> committed = new HashMap<>();
    private final Client[] clients;

    /** One worker's current client and the operation it has in flight. */
    private static final class Client {
        int process;
        Map<String, Long> positions = new LinkedHashMap<>();
        Pending pending;
    }

    private static final class Pending {
        Op invoke;
        boolean applied;
        Op.Type outcome;
        Long offset;
        Map<String, long[][]> polled;
        Map<String, Long> positionsAfter;
    }

    KafkaLogModel(long seed, int concurrency, int keyCount, long offsetBase, boolean skippingPolls) {
        this.random = new Random(seed);
        this.concurrency = concurrency;
        this.offsetBase = offsetBase;
        this.skippingPolls = skippingPolls;
        for (int k = 0; k < keyCount; k++) {
            keys.add(Integer.toString(k));
        }
        clients = new Client[concurrency];
        for (int t = 0; t < concurrency; t++) {
            clients[t] = new Client();
            clients[t].process = t;
        }
    }

    /** {@code steps} random steps (start, take effect, or complete one client's operation), then the final phase. */
    History generate(int steps) {
        for (int i = 0; i < steps; i++) {
            advance(clients[random.nextInt(concurrency)]);
        }
        for (Client c : clients) {
            while (c.pending != null) {
                advance(c);
            }
        }
        finalPhase();
        return b.history;
    }

    private void advance(Client c) {
        if (c.pending == null) {
            start(c);
        } else if (!c.pending.applied) {
            apply(c);
        } else {
            complete(c);
        }
    }

    private void start(Client c) {
        Pending p = new Pending();
        double r = random.nextDouble();
        if (r < 0.03) {
            p.invoke = b.invoke(c.process, "crash", null, false);
            p.applied = true;
            p.outcome = Op.Type.INFO;
        } else if (r < 0.12) {
            List<String> chosen = new ArrayList<>();
            for (String k : keys) {
                if (random.nextInt(3) == 0) {
                    chosen.add(k);
                }
            }
            p.invoke = b.invoke(c.process, "assign", KafkaHistoryBuilder.keys(chosen), false);
        } else if (r < 0.56) {
            String key = keys.get(random.nextInt(keys.size()));
            long msg = nextMsg.merge(key, 1L, Long::sum);
            p.invoke = b.invokeSend(c.process, key, msg);
        } else {
            p.invoke = b.invokePoll(c.process);
        }
        c.pending = p;
    }

    private void apply(Client c) {
        Pending p = c.pending;
        p.applied = true;
        switch (p.invoke.f()) {
            case "send" -> {
                double r = random.nextDouble();
                if (r < 0.05) {
                    p.outcome = Op.Type.FAIL; // refused: never in the log
                    return;
                }
                if (r < 0.08) {
                    p.outcome = Op.Type.INFO; // lost on the way: never in the log
                    return;
                }
                String key = p.invoke.value().get(0).get(1).asText();
                long offset = nextOffset.getOrDefault(key, offsetBase);
                nextOffset.put(key, offset + 1 + random.nextInt(3));
                log.computeIfAbsent(key, k -> new TreeMap<>()).put(offset, p.invoke.value().get(0).get(2).longValue());
                p.offset = offset;
                p.outcome = random.nextDouble() < 0.08 ? Op.Type.INFO : Op.Type.OK; // landed, maybe timed out
            }
            case "poll" -> {
                p.polled = new LinkedHashMap<>();
                p.positionsAfter = new LinkedHashMap<>(c.positions);
                c.positions.forEach((key, from) -> poll(key, from, p));
                p.outcome = random.nextDouble() < 0.04 ? Op.Type.INFO : Op.Type.OK;
            }
            case "assign" -> {
                Map<String, Long> next = new LinkedHashMap<>();
                for (var k : p.invoke.value()) {
                    String key = k.asText();
                    next.put(key, c.positions.getOrDefault(key, committed.getOrDefault(key, 0L)));
                }
                p.positionsAfter = next;
                p.outcome = Op.Type.OK;
            }
            default -> throw new IllegalStateException(p.invoke.f());
        }
    }

    /** Up to {@link #POLL_LIMIT} messages of {@code key} from offset {@code from}, contiguous. */
    private void poll(String key, long from, Pending p) {
        List<long[]> out = new ArrayList<>();
        for (Map.Entry<Long, Long> e : log.getOrDefault(key, new TreeMap<>()).tailMap(from, true).entrySet()) {
            if (out.size() == POLL_LIMIT) {
                break;
            }
            out.add(new long[] {e.getKey(), e.getValue()});
        }
        if (skippingPolls && out.size() > 1 && random.nextInt(10) == 0) {
            out.remove(0);
        }
        if (!out.isEmpty()) {
            p.polled.put(key, out.toArray(new long[0][]));
            p.positionsAfter.put(key, out.get(out.size() - 1)[0] + 1);
        } else if (random.nextInt(5) == 0) {
            p.polled.put(key, new long[0][]); // a key with nothing may come back empty
        }
    }

    private void complete(Client c) {
        Pending p = c.pending;
        c.pending = null;
        switch (p.invoke.f()) {
            case "send" -> {
                if (p.outcome == Op.Type.OK) {
                    b.completeSend(p.invoke, p.offset);
                } else {
                    b.completeSend(p.invoke, p.outcome, p.outcome == Op.Type.FAIL ? "[temporarily-unavailable]" : "net-timeout");
                }
            }
            case "poll" -> {
                if (p.outcome == Op.Type.OK) {
                    b.completePoll(p.invoke, p.polled);
                    c.positions = p.positionsAfter;
                    p.polled.forEach((key, pairs) -> {
                        if (pairs.length > 0) {
                            committed.merge(key, pairs[pairs.length - 1][0], Math::max);
                        }
                    });
                } else {
                    b.completePoll(p.invoke, Op.Type.INFO); // timed out: nothing committed
                }
            }
            case "assign" -> {
                b.complete(p.invoke, Op.Type.OK, p.invoke.value(), null);
                c.positions = p.positionsAfter;
            }
            case "crash" -> b.complete(p.invoke, Op.Type.INFO, null, null);
            default -> throw new IllegalStateException(p.invoke.f());
        }
        if (p.outcome == Op.Type.INFO) { // the client is thrown away
            c.process += concurrency;
            c.positions = new LinkedHashMap<>();
        }
    }

    /** Each worker in turn: crash, assign every key from the beginning, poll until caught up. */
    private void finalPhase() {
        List<String> written = log.keySet().stream().sorted().toList();
        for (Client c : clients) {
            b.crash(c.process);
            c.process += concurrency;
            b.assign(c.process, true, written.toArray(new String[0]));
            c.positions = new LinkedHashMap<>();
            for (String k : written) {
                c.positions.put(k, 0L);
            }
            while (written.stream().anyMatch(k -> c.positions.get(k) <= log.get(k).lastKey())) {
                Pending p = new Pending();
                p.invoke = b.invokePoll(c.process);
                p.polled = new LinkedHashMap<>();
                p.positionsAfter = new LinkedHashMap<>(c.positions);
                c.positions.forEach((key, from) -> poll(key, from, p));
                b.completePoll(p.invoke, p.polled);
                c.positions = p.positionsAfter;
            }
        }
    }
}
