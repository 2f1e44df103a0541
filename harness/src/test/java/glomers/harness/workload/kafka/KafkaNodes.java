package glomers.harness.workload.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Body;
import glomers.runtime.Json;
import glomers.runtime.MaelstromException;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import glomers.runtime.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Small kafka nodes for the bench's own tests: a correct in-memory log, and logs broken in one
 * way each, which the kafka checker must catch (or, for the harmless oddities, pass).
 */
public final class KafkaNodes {
    private KafkaNodes() {
    }

    /** How a test log misbehaves; the correct log is {@link #CORRECT}. */
    record Quirks(long offsetStep, IntPredicate skipInPoll, IntPredicate storeTwice, int pollStartsBack, boolean forwardToFirst,
                  IntPredicate refuseSend, Consumer<JsonNode> onCommit, int segment) {
        Quirks(long offsetStep, IntPredicate skipInPoll, IntPredicate storeTwice, int pollStartsBack, boolean forwardToFirst) {
            this(offsetStep, skipInPoll, storeTwice, pollStartsBack, forwardToFirst, i -> false, offsets -> { });
        }

        Quirks(long offsetStep, IntPredicate skipInPoll, IntPredicate storeTwice, int pollStartsBack, boolean forwardToFirst,
               IntPredicate refuseSend, Consumer<JsonNode> onCommit) {
            this(offsetStep, skipInPoll, storeTwice, pollStartsBack, forwardToFirst, refuseSend, onCommit, 0);
        }
    }

    static final Quirks CORRECT = new Quirks(1, i -> false, i -> false, 0, false);

    /** A correct log that tells {@code onCommit} every commit_offsets request's offsets. */
    public static NodeProgram reportingCommits(Consumer<JsonNode> onCommit) {
        return log(new Quirks(1, i -> false, i -> false, 0, false, i -> false, onCommit));
    }

    /** Keeps every 5th message of a key but answers its send with error 11 (temporarily-unavailable), a definite error. */
    public static NodeProgram refusingButKeeping() {
        return log(new Quirks(1, i -> false, i -> false, 0, false, i -> i % 5 == 4, offsets -> { }));
    }

    /** One node's log for every key (challenge 5a); on several nodes each keeps its own log: inconsistent offsets. */
    public static NodeProgram singleLog() {
        return log(CORRECT);
    }

    /** Every node forwards every request to n0, which keeps the one log: correct on any number of nodes without partitions. */
    public static NodeProgram forwardingToFirst() {
        return log(new Quirks(1, i -> false, i -> false, 0, true));
    }

    /** Offsets 0, 3, 6, …: gaps are allowed, since the checker compares positions in the log, not offsets. */
    public static NodeProgram gappyOffsets() {
        return log(new Quirks(3, i -> false, i -> false, 0, false));
    }

    /**
     * One node's log split into segments of 4 messages, and a poll that stops at the end of the
     * segment its first message is in: polls are often shorter than they could be, never wrong.
     */
    public static NodeProgram splitLog() {
        return log(new Quirks(1, i -> false, i -> false, 0, false, i -> false, offsets -> { }, 4));
    }

    /** Polls leave out every message at a position divisible by 5 past the first: poll-skip, lost-write, unseen. */
    public static NodeProgram skippingPolls() {
        return log(new Quirks(1, i -> i > 0 && i % 5 == 0, i -> false, 0, false));
    }

    /** Every 7th message is appended twice, at two offsets: duplicate. */
    public static NodeProgram duplicating() {
        return log(new Quirks(1, i -> false, i -> i % 7 == 3, 0, false));
    }

    /** Polls start two messages before the offset asked for: nonmonotonic-poll. */
    public static NodeProgram pollingBackwards() {
        return log(new Quirks(1, i -> false, i -> false, 2, false));
    }

    private static NodeProgram log(Quirks quirks) {
        return node -> {
            Map<String, List<long[]>> logs = new HashMap<>(); // key -> [offset, msg] in order
            Map<String, Long> committed = new HashMap<>();
            if (quirks.forwardToFirst()) {
                for (String type : List.of("send", "poll", "commit_offsets", "list_committed_offsets")) {
                    node.on(type, request -> {
                        if (node.id().equals(node.nodeIds().get(0))) {
                            answer(node, quirks, logs, committed, request);
                        } else {
                            node.rpc(node.nodeIds().get(0), request.body()).onComplete(reply -> {
                                if (reply.succeeded()) {
                                    Body body = Body.wrap(reply.result().json().deepCopy());
                                    body.json().remove(List.of(Body.MSG_ID, Body.IN_REPLY_TO));
                                    request.reply(body);
                                } else {
                                    request.fail(reply.cause());
                                }
                            });
                        }
                    });
                }
                return;
            }
            for (String type : List.of("send", "poll", "commit_offsets", "list_committed_offsets")) {
                node.on(type, request -> answer(node, quirks, logs, committed, request));
            }
        };
    }

    private static void answer(Node node, Quirks quirks, Map<String, List<long[]>> logs, Map<String, Long> committed, Request request) {
        JsonNode body = request.body().json();
        switch (request.type()) {
            case "send" -> {
                List<long[]> log = logs.computeIfAbsent(body.get("key").asText(), k -> new ArrayList<>());
                long msg = body.get("msg").asLong();
                int times = quirks.storeTwice().test(log.size()) ? 2 : 1;
                long offset = -1;
                for (int i = 0; i < times; i++) {
                    offset = log.isEmpty() ? 0 : log.get(log.size() - 1)[0] + quirks.offsetStep();
                    log.add(new long[] {offset, msg});
                }
                if (quirks.refuseSend().test(log.size() - 1)) {
                    request.fail(MaelstromException.temporarilyUnavailable("try again"));
                } else {
                    request.reply(Body.of("send_ok").put("offset", offset));
                }
            }
            case "poll" -> {
                ObjectNode msgs = Json.mapper().createObjectNode();
                body.get("offsets").properties().forEach(e -> {
                    List<long[]> log = logs.getOrDefault(e.getKey(), List.of());
                    int start = 0;
                    while (start < log.size() && log.get(start)[0] < e.getValue().asLong()) {
                        start++;
                    }
                    start = Math.max(0, start - quirks.pollStartsBack());
                    ArrayNode pairs = Json.mapper().createArrayNode();
                    int end = quirks.segment() > 0 ? (start / quirks.segment() + 1) * quirks.segment() : Integer.MAX_VALUE;
                    for (int i = start; i < Math.min(log.size(), end) && pairs.size() < 10; i++) {
                        if (!quirks.skipInPoll().test(i)) {
                            pairs.addArray().add(log.get(i)[0]).add(log.get(i)[1]);
                        }
                    }
                    if (!pairs.isEmpty()) {
                        msgs.set(e.getKey(), pairs);
                    }
                });
                request.reply(Body.of("poll_ok").put("msgs", msgs));
            }
            case "commit_offsets" -> {
                quirks.onCommit().accept(body.get("offsets"));
                body.get("offsets").properties().forEach(e -> committed.merge(e.getKey(), e.getValue().asLong(), Math::max));
                request.reply(Body.of("commit_offsets_ok"));
            }
            default -> {
                ObjectNode offsets = Json.mapper().createObjectNode();
                for (JsonNode k : body.get("keys")) {
                    Long c = committed.get(k.asText());
                    if (c != null) {
                        offsets.put(k.asText(), c);
                    }
                }
                request.reply(Body.of("list_committed_offsets_ok").put("offsets", offsets));
            }
        }
    }
}
