package glomers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Body;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A rough model of challenge 5c's load on a {@link Cluster}, to count messages per operation
 * before the bench's kafka workload exists. It is not that workload: keys are picked uniformly,
 * there are no crashes, and it checks only what it can see on the way (offsets given once, polls
 * contiguous from the offset asked for, every acknowledged message polled at the end).
 *
 * <p>What it copies from Maelstrom (spec §2.3.1, §3.5): four synchronous clients, two per node;
 * an operation every 0-2 ms (rate 1000) handed to a free client; half sends, half polls; ten
 * active keys of 16 messages each; an assign (list_committed_offsets) before 1 operation in 64,
 * of the next operation's key, or a third of the time of every active key, replacing the client's
 * assignment (a poll reads only assigned keys);
 * a commit_offsets after every poll that returned something; then 10 s of quiet and final polls
 * from offset 0 of every key; messages between nodes and to lin-kv counted over all of it.
 */
final class KafkaLoad {
    static final int CLIENTS = 4;
    static final int ACTIVE_KEYS = 10;
    static final int WRITES_PER_KEY = 16;
    static final int ASSIGN_ONE_IN = 64;

    /** The counts of one run. */
    record Result(long ops, long serverMessages, long sendsOk, long sendsFailed, long pollsWithMessages,
                  double meanSendMillis, long maxSendMillis) {
        double msgsPerOp() {
            return (double) serverMessages / ops;
        }

        @Override
        public String toString() {
            return String.format("%d ops (%d sends ok, %d failed, %d polls with messages), %d server messages, %.3f msgs-per-op;"
                    + " send latency mean %.1f ms, max %d ms", ops, sendsOk, sendsFailed, pollsWithMessages, serverMessages,
                    msgsPerOp(), meanSendMillis, maxSendMillis);
        }
    }

    private final Cluster cluster;
    private final Random random;
    private final List<String> activeKeys = new ArrayList<>();
    private final Map<String, Integer> writes = new HashMap<>();
    private int nextKey = ACTIVE_KEYS;
    /** Per key, the acknowledged messages by offset. */
    private final Map<String, Map<Long, Long>> acknowledged = new HashMap<>();
    private long ops;
    private long sendsOk;
    private long sendsFailed;
    private long pollsWithMessages;
    private long now;
    private long sendMillis;
    private long maxSendMillis;

    private KafkaLoad(Strategy strategy, long seed) {
        this.cluster = new Cluster(strategy, 2);
        this.random = new Random(seed);
        for (int k = 0; k < ACTIVE_KEYS; k++) {
            activeKeys.add(Integer.toString(k));
        }
    }

    /** Runs {@code seconds} of operations, the quiet 10 s and the final polls. */
    static Result run(Strategy strategy, long seed, int seconds) {
        return new KafkaLoad(strategy, seed).run(seconds);
    }

    private Result run(int seconds) {
        List<Client> clients = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            clients.add(new Client("c" + (10 + t), "n" + (t % 2)));
        }
        double nextOpAt = 0;
        for (now = 0; now < seconds * 1000L; now++) {
            clients.forEach(Client::step);
            List<Client> free = clients.stream().filter(Client::free).toList();
            while (nextOpAt < now + 1 && !free.isEmpty()) { // the operations due in this millisecond
                free.get(random.nextInt(free.size())).startOperation();
                nextOpAt = Math.max(nextOpAt, now) + random.nextDouble() * 2;
                free = clients.stream().filter(Client::free).toList();
            }
            cluster.advance(Duration.ofMillis(1));
        }
        for (int ms = 0; ms < 5_000 && clients.stream().anyMatch(c -> !c.free()); ms++) {
            clients.forEach(Client::step);
            cluster.advance(Duration.ofMillis(1));
        }
        cluster.advance(Duration.ofSeconds(10)); // Maelstrom's wait before the final polls
        clients.forEach(Client::finalPolls);
        return new Result(ops, cluster.serverMessages(), sendsOk, sendsFailed, pollsWithMessages,
                (double) sendMillis / Math.max(1, sendsOk + sendsFailed), maxSendMillis);
    }

    /** One of Maelstrom's kafka clients: one request at a time, its assignment of keys to next offsets. */
    private final class Client {
        private final String id;
        private final String node;
        private final Map<String, Long> assignment = new LinkedHashMap<>();
        private long waitingFor = -1;
        private String waitingKind;
        private String sendKey;
        private long sendMsg;
        private Map<String, Long> polledFrom;
        private String afterAssign;
        private List<String> assigning;
        private long sendStarted;

        Client(String id, String node) {
            this.id = id;
            this.node = node;
        }

        boolean free() {
            return waitingFor < 0;
        }

        void startOperation() {
            ops++;
            String op = random.nextBoolean() ? "send" : "poll";
            String key = activeKeys.get(random.nextInt(activeKeys.size()));
            if (random.nextInt(ASSIGN_ONE_IN) == 0) {
                afterAssign = op;
                sendKey = key;
                // A third of Maelstrom's assigns also list the keys with messages not yet polled: here, every active key.
                assigning = random.nextInt(3) == 0 ? List.copyOf(activeKeys) : List.of(key);
                waitFor("assign", cluster.request(id, node, Cluster.listCommitted(assigning)));
            } else {
                start(op, key);
            }
        }

        private void start(String op, String key) {
            if (op.equals("send")) {
                sendKey = key;
                int n = writes.merge(key, 1, Integer::sum);
                sendMsg = n;
                if (n == WRITES_PER_KEY) { // retired: its slot gets a new key
                    activeKeys.set(activeKeys.indexOf(key), Integer.toString(nextKey++));
                }
                sendStarted = now;
                waitFor("send", cluster.request(id, node, Cluster.send(key, sendMsg)));
            } else {
                polledFrom = new LinkedHashMap<>(assignment);
                waitFor("poll", cluster.request(id, node, Cluster.poll(polledFrom)));
            }
        }

        private void waitFor(String kind, long msgId) {
            waitingKind = kind;
            waitingFor = msgId;
            step();
        }

        /** Takes the reply it waits for, if it has come, and goes on with its operation. */
        void step() {
            Optional<Body> reply = free() ? Optional.empty() : cluster.reply(id, waitingFor);
            if (reply.isEmpty()) {
                return;
            }
            waitingFor = -1;
            Body body = reply.get();
            switch (waitingKind) {
                case "send" -> sent(body);
                case "poll" -> polled(body);
                case "assign" -> {
                    // The listed keys replace the assignment; each starts at its local offset, else the committed one, else 0.
                    Map<String, Long> assigned = new LinkedHashMap<>();
                    for (String key : assigning) {
                        JsonNode committed = body.get("offsets").get(key);
                        assigned.put(key, assignment.getOrDefault(key, committed == null ? 0 : committed.longValue()));
                    }
                    assignment.clear();
                    assignment.putAll(assigned);
                    ops++;
                    start(afterAssign, sendKey);
                }
                default -> { } // commit_offsets_ok ends a poll
            }
            step(); // a reply that came at once (zero latency to clients) is taken in the same millisecond
        }

        private void sent(Body reply) {
            sendMillis += now - sendStarted;
            maxSendMillis = Math.max(maxSendMillis, now - sendStarted);
            if (!reply.type().equals("send_ok")) {
                sendsFailed++;
                return;
            }
            sendsOk++;
            Long before = acknowledged.computeIfAbsent(sendKey, k -> new HashMap<>()).put(reply.getLong("offset"), sendMsg);
            assertThat(before).as("offset %s of key %s given twice", reply.get("offset"), sendKey).isNull();
        }

        private void polled(Body reply) {
            Map<String, Long> commits = new LinkedHashMap<>();
            reply.get("msgs").properties().forEach(e -> {
                long expected = polledFrom.getOrDefault(e.getKey(), 0L);
                for (JsonNode pair : e.getValue()) {
                    assertThat(pair.get(0).longValue()).as("%s polled contiguously from %d: %s", id, expected, e).isEqualTo(expected);
                    Long known = acknowledged.getOrDefault(e.getKey(), Map.of()).get(expected);
                    assertThat(known == null || known == pair.get(1).longValue()).as("the message at %s", pair).isTrue();
                    expected++;
                }
                assignment.put(e.getKey(), expected);
                commits.put(e.getKey(), expected - 1);
            });
            if (!commits.isEmpty()) {
                pollsWithMessages++;
                waitFor("commit", cluster.request(id, node, Cluster.commit(commits)));
            }
        }

        /** Maelstrom's final phase: every key from offset 0, polled until every acknowledged message is seen. */
        void finalPolls() {
            ops++; // the assign, with seek-to-beginning: no RPC
            acknowledged.keySet().forEach(key -> assignment.put(key, 0L));
            for (int poll = 0; poll < 50 && !seenAll(); poll++) {
                ops++;
                polledFrom = new LinkedHashMap<>(assignment);
                polled(cluster.call(id, node, Cluster.poll(polledFrom)));
                cluster.advance(Duration.ofMillis(200));
                step();
            }
            assertThat(seenAll()).as("%s on %s polled every acknowledged message", id, node).isTrue();
        }

        private boolean seenAll() {
            return acknowledged.entrySet().stream().allMatch(e ->
                    assignment.getOrDefault(e.getKey(), 0L) > e.getValue().keySet().stream().mapToLong(Long::longValue).max().orElse(-1));
        }
    }
}
