package glomers.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.ErrorCode;
import glomers.runtime.Json;
import glomers.runtime.KvClient;
import glomers.runtime.MaelstromException;
import glomers.runtime.Node;
import glomers.runtime.Request;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 5b, Fly.io's suggestion: the nodes agree on offsets through compare-and-set in Maelstrom's
 * linearizable {@code lin-kv}, and keep messages and committed offsets there too.
 *
 * <ul>
 *   <li><b>send</b> claims an offset and stores the message in one step: a cas on the lin-kv key
 *       {@code msg/<key>/<offset>} from {@code null} with {@code create_if_not_exists}. It succeeds
 *       only if nobody holds that offset yet. On error 22 (taken) it tries the next offset. A node
 *       tries offset {@code n} only once it knows {@code n - 1} is taken, so the taken offsets are
 *       always 0, 1, ..., c-1 with no gap: a message exists at every offset below the newest.
 *       The stored value is {@code {"msg": m, "send": "<node>-<n>"}}; the unique {@code send}
 *       tells, after a cas that timed out, whether the message at that offset is ours.</li>
 *   <li><b>poll</b> reads {@code msg/<key>/<offset>} from the offset asked for until a key does
 *       not exist. Messages never change once stored, so every one read is kept in a cache on the
 *       node and read from lin-kv only once; each poll still costs at least one read per key, to
 *       learn whether something newer is there.</li>
 *   <li><b>commit_offsets</b> writes {@code committed/<key>}; <b>list_committed_offsets</b> reads it.
 *       Last writer wins: a lower committed offset only makes a new client read some messages
 *       again, which the checker allows.</li>
 * </ul>
 *
 * <p>Correct under partitions (Maelstrom never partitions a service), but every operation costs
 * messages to and from lin-kv, and those count in {@code msgs-per-op}. Stage 5c cuts them.
 *
 * <p>Key names: an offset holds no {@code /}, so {@code msg/<key>/<offset>} names exactly one
 * key and offset, whatever the key contains.
 */
final class LinKvLog implements Logs {
    /** Timeout of one lin-kv request (two network hops). */
    static final Duration KV_TIMEOUT = Duration.ofSeconds(1);
    /**
     * A send not settled by then is answered with an error: 11 if no attempt of it can still
     * land, 0 (timeout, indefinite) if one might. A cas and a read may be under way at the
     * deadline, so the answer comes at most 2 + 2 × {@link #KV_TIMEOUT} = 4 s after the request;
     * Maelstrom's client waits 5 s.
     */
    static final long SEND_DEADLINE_MILLIS = 2_000;
    /** A poll stops reading lin-kv after this long and answers with what it has (still contiguous). */
    static final long POLL_DEADLINE_MILLIS = 2_000;
    /** After a lin-kv request fails without an answer, wait this long before trying again. */
    static final Duration RETRY_DELAY = Duration.ofMillis(50);

    private Node node;
    private KvClient linKv;
    /** Messages read from or stored in lin-kv: for each key, its log from offset 0 without a gap. */
    private final LocalLogs cache = new LocalLogs();
    /** Per key, the lowest offset not known to be taken; where the next send starts trying. */
    private final Map<String, Long> nextFree = new HashMap<>();
    private long sends;

    static String messageKey(String key, long offset) {
        return "msg/" + key + "/" + offset;
    }

    static String commitKey(String key) {
        return "committed/" + key;
    }

    @Override
    public void install(Node node) {
        this.node = node;
        this.linKv = node.linKv().withTimeout(KV_TIMEOUT);
    }

    @Override
    public void send(String key, long msg, Request request) {
        ObjectNode value = JsonNodeFactory.instance.objectNode().put("msg", msg).put("send", node.id() + "-" + ++sends);
        new Claim(key, msg, value, request, node.now() + SEND_DEADLINE_MILLIS).attempt(nextFree(key), false);
    }

    /** One send claiming the next free offset of its key. */
    private final class Claim {
        private final String key;
        private final long msg;
        private final ObjectNode value;
        private final Request request;
        private final long deadline;

        Claim(String key, long msg, ObjectNode value, Request request, long deadline) {
            this.key = key;
            this.msg = msg;
            this.value = value;
            this.request = request;
            this.deadline = deadline;
        }

        /**
         * Tries to store the message at {@code offset}. {@code maybeOurs}: an earlier cas at this
         * offset got no answer, so it may have landed, or may still land.
         */
        void attempt(long offset, boolean maybeOurs) {
            if (node.now() >= deadline) {
                request.fail(maybeOurs
                        ? MaelstromException.timeout("lin-kv did not settle offset " + offset + " of key \"" + key + "\" within "
                                + SEND_DEADLINE_MILLIS + " ms; the message may still be stored there")
                        : MaelstromException.temporarilyUnavailable("no free offset of key \"" + key + "\" claimed within "
                                + SEND_DEADLINE_MILLIS + " ms; the message was not stored"));
                return;
            }
            linKv.cas(messageKey(key, offset), NullNode.instance, value, true).onComplete(cas -> {
                if (cas.succeeded()) {
                    claimed(offset);
                } else if (MaelstromException.hasCode(cas.cause(), ErrorCode.PRECONDITION_FAILED)) {
                    if (maybeOurs) {
                        whoseIs(offset);
                    } else {
                        taken(key, offset);
                        attempt(offset + 1, false);
                    }
                } else {
                    node.after(RETRY_DELAY, () -> attempt(offset, true)); // no answer: it may land later
                }
            });
        }

        /** After an unanswered cas and then error 22: the offset is taken, perhaps by that cas. */
        private void whoseIs(long offset) {
            linKv.read(messageKey(key, offset)).onComplete(read -> {
                if (read.failed() || read.result().isEmpty()) { // empty cannot follow a 22 (lin-kv never deletes)
                    node.after(RETRY_DELAY, () -> attempt(offset, true));
                } else if (Json.sameValue(read.result().get(), value)) {
                    claimed(offset);
                } else {
                    // Someone else's: and our unanswered cas can never land now, since the key exists.
                    taken(key, offset);
                    attempt(offset + 1, false);
                }
            });
        }

        private void claimed(long offset) {
            learned(key, offset, msg);
            request.reply(Replies.sendOk(offset));
        }
    }

    @Override
    public void poll(Map<String, Long> offsets, Request request) {
        ObjectNode msgs = JsonNodeFactory.instance.objectNode();
        long deadline = node.now() + POLL_DEADLINE_MILLIS;
        List<Future<?>> keys = new ArrayList<>(offsets.size());
        offsets.forEach((key, from) -> {
            ArrayNode pairs = cache.read(key, from, LocalLogs.MAX_MESSAGES_PER_KEY_PER_POLL);
            keys.add(readOnward(key, from + pairs.size(), pairs, deadline).onSuccess(all -> {
                if (!all.isEmpty()) {
                    msgs.set(key, all);
                }
            }));
        });
        Future.join(keys).onComplete(done -> request.reply(Replies.pollOk(msgs)));
    }

    /**
     * Reads the key's messages from {@code offset} on, one lin-kv read each, adding them to
     * {@code pairs}, until an offset holds nothing, the poll's limit or deadline is reached, or a
     * read fails. Never fails: what was read is a contiguous run either way.
     */
    private Future<ArrayNode> readOnward(String key, long offset, ArrayNode pairs, long deadline) {
        if (pairs.size() >= LocalLogs.MAX_MESSAGES_PER_KEY_PER_POLL || node.now() >= deadline) {
            return Future.succeededFuture(pairs);
        }
        return linKv.read(messageKey(key, offset)).compose(stored -> {
            if (stored.isEmpty()) {
                nextFree.merge(key, offset, Math::max); // nothing here: every later send starts at offset or beyond
                return Future.succeededFuture(pairs);
            }
            Optional<Long> msg = messageOf(stored.get());
            if (msg.isEmpty()) {
                node.log("ignoring " + messageKey(key, offset) + " = " + stored.get() + ": not a message this node stores");
                return Future.succeededFuture(pairs);
            }
            learned(key, offset, msg.get());
            pairs.add(KeyLog.pair(offset, msg.get()));
            return readOnward(key, offset + 1, pairs, deadline);
        }, failure -> Future.succeededFuture(pairs));
    }

    private static Optional<Long> messageOf(JsonNode stored) {
        JsonNode msg = stored.get("msg");
        return stored.isObject() && msg != null && msg.isIntegralNumber() && msg.canConvertToLong()
                ? Optional.of(msg.longValue()) : Optional.empty();
    }

    /** A message is known to sit at this offset: cache it if it extends the cached run, and move past it. */
    private void learned(String key, long offset, long msg) {
        if (offset == cache.size(key)) {
            cache.log(key).appendAt(offset, msg);
        }
        taken(key, offset);
    }

    private void taken(String key, long offset) {
        nextFree.merge(key, offset + 1, Math::max);
    }

    private long nextFree(String key) {
        return Math.max(cache.size(key), nextFree.getOrDefault(key, 0L));
    }

    @Override
    public void commit(Map<String, Long> offsets, Request request) {
        List<Future<Void>> writes = new ArrayList<>(offsets.size());
        offsets.forEach((key, offset) -> writes.add(linKv.write(commitKey(key), offset)));
        Future.all(writes).onSuccess(done -> request.reply(Replies.commitOk())).onFailure(request::fail);
    }

    @Override
    public void listCommitted(List<String> keys, Request request) {
        ObjectNode offsets = JsonNodeFactory.instance.objectNode();
        List<Future<?>> reads = new ArrayList<>(keys.size());
        for (String key : keys) {
            reads.add(linKv.read(commitKey(key)).onSuccess(stored -> stored
                    .filter(v -> v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0)
                    .ifPresent(v -> offsets.put(key, v.longValue()))));
        }
        // A key whose read failed is left out: its new client starts at 0 and reads again, which is safe.
        Future.join(reads).onComplete(done -> request.reply(Replies.listCommittedOk(offsets)));
    }
}
