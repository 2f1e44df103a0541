package glomers.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.MaelstromException;
import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 5c, built for message count: every key has one <b>owner</b>, the node at
 * {@code hash(key) mod n} in the node list, and only the owner hands out the key's offsets.
 *
 * <ul>
 *   <li><b>send</b> to the owner: appended at once, answered at once, and replicated to every
 *       other node lazily (within {@link Link#LAZY_FLUSH_MILLIS}, in batches).</li>
 *   <li><b>send</b> to another node: forwarded to the owner as an urgent item on the {@link Link}
 *       (within {@link Link#URGENT_FLUSH_MILLIS}, batched with whatever else is going that way);
 *       the owner appends it and sends the offset back the same way; then the client is
 *       answered. If the owner has not been heard from lately, the send is refused at once with
 *       error 11 (temporarily-unavailable; definite: it never left this node). If the answer
 *       does not come within {@link #FORWARD_DEADLINE_MILLIS}, error 0 (timeout; indefinite:
 *       the forward may still reach the owner and be appended).</li>
 *   <li><b>poll</b> and <b>list_committed_offsets</b> are answered from this node's memory,
 *       without a message. For a key owned elsewhere that is a copy of the owner's log, which
 *       the link fills in order, exactly once, so it is always a prefix of the owner's log: it
 *       may lag, but it never has a hole, and a poll from it never skips a message.</li>
 *   <li><b>commit_offsets</b> is kept here and replicated lazily. A node whose copy is behind
 *       answers list_committed_offsets with an older offset; a new client then reads a few
 *       messages again, which the checker allows.</li>
 * </ul>
 *
 * <p>A forwarded message's entry reaches the forwarding node before its offset does (both travel
 * in order on one link), so a client polling the node it sent to sees its own message.
 */
final class OwnerLog extends MemoryLog {
    /** A forwarded send not answered by then gets error 0 (timeout). Maelstrom's client waits 5 s. */
    static final long FORWARD_DEADLINE_MILLIS = 2_000;
    /** Most forwarded sends waiting for their owner's answer, per owner; beyond it, error 11. */
    static final int MAX_PENDING_FORWARDS = 1_000;
    /** How often every link looks at retransmission and heartbeats. */
    static final Duration TICK = Duration.ofMillis(100);

    private Node node;
    private final Map<String, Link> links = new HashMap<>();
    /** Per owner, the forwarded sends waiting for its answer, by the forward's sequence number on the link. */
    private final Map<String, Map<Long, Forward>> forwards = new HashMap<>();

    private record Forward(Request request, Timer deadline) {
    }

    @Override
    public void install(Node node) {
        this.node = node;
        node.on("sync", request -> {
            Link link = links.get(request.src());
            if (link == null) {
                throw MaelstromException.malformedRequest("sync messages come from peer nodes only, not " + request.src());
            }
            link.onSync(request.body());
        });
        node.onInit(() -> {
            for (String peer : node.peers()) {
                links.put(peer, new Link(node, peer, this::receive));
                forwards.put(peer, new HashMap<>());
            }
            if (!links.isEmpty()) {
                node.every(TICK, () -> links.values().forEach(Link::tick));
            }
        });
    }

    /** The node that hands out the key's offsets: the same answer on every node. */
    String owner(String key) {
        List<String> ids = node.nodeIds();
        return ids.get(Math.floorMod(key.hashCode(), ids.size())); // String.hashCode is fixed by the Java spec
    }

    @Override
    public void send(String key, long msg, Request request) {
        String owner = owner(key);
        if (owner.equals(node.id())) {
            request.reply(Replies.sendOk(append(key, msg)));
            return;
        }
        Link link = links.get(owner);
        Map<Long, Forward> waiting = forwards.get(owner);
        if (!link.reachable()) {
            throw MaelstromException.temporarilyUnavailable("key \"" + key + "\" belongs to " + owner + ", not heard from for "
                    + Link.PEER_SILENT_MILLIS + " ms or more; the message was not sent");
        }
        if (waiting.size() >= MAX_PENDING_FORWARDS || link.backlog() >= Link.MAX_BACKLOG) {
            throw MaelstromException.temporarilyUnavailable("too much waiting for " + owner + "; the message was not sent");
        }
        long id = link.add(forwardItem(key, msg), true);
        Timer deadline = node.after(Duration.ofMillis(FORWARD_DEADLINE_MILLIS), () -> {
            if (waiting.remove(id) != null) {
                request.fail(MaelstromException.timeout("no offset from " + owner + ", the owner of key \"" + key + "\", within "
                        + FORWARD_DEADLINE_MILLIS + " ms; the message may still be appended"));
            }
        });
        waiting.put(id, new Forward(request, deadline));
    }

    /** As the key's owner: appends the message, queues it for every peer, and returns its offset. */
    private long append(String key, long msg) {
        for (Link link : links.values()) {
            if (link.backlog() >= Link.MAX_BACKLOG) {
                throw MaelstromException.temporarilyUnavailable(link.peer() + " has not acknowledged " + Link.MAX_BACKLOG
                        + " items; no new message is appended until it does");
            }
        }
        long offset = logs.log(key).append(msg);
        JsonNode entry = entryItem(key, offset, msg);
        for (Link link : links.values()) {
            link.add(entry, false);
        }
        return offset;
    }

    /** One item from a peer, in the order the peer added it. */
    private void receive(Link from, long seq, JsonNode item) {
        String type = item.get("type").textValue();
        switch (type) {
            case "entry" -> {
                String key = item.get("key").textValue();
                if (!owner(key).equals(from.peer())) {
                    throw new IllegalStateException(from.peer() + " replicated key \"" + key + "\", which it does not own");
                }
                logs.log(key).appendAt(item.get("offset").longValue(), item.get("msg").longValue());
            }
            case "forward" -> {
                String key = item.get("key").textValue();
                if (!owner(key).equals(node.id())) {
                    throw new IllegalStateException(from.peer() + " forwarded key \"" + key + "\", which this node does not own");
                }
                ObjectNode answer = JsonNodeFactory.instance.objectNode().put("type", "answer").put("id", seq);
                try {
                    answer.put("offset", append(key, item.get("msg").longValue()));
                } catch (MaelstromException refused) {
                    answer.put("code", refused.code()).put("text", refused.text());
                }
                from.add(answer, true);
            }
            case "answer" -> {
                Forward forward = forwards.get(from.peer()).remove(item.get("id").longValue());
                if (forward == null) {
                    return; // its client already got error 0 at the deadline
                }
                forward.deadline().cancel();
                if (item.has("offset")) {
                    forward.request().reply(Replies.sendOk(item.get("offset").longValue()));
                } else {
                    forward.request().fail(new MaelstromException(item.get("code").intValue(), item.get("text").textValue()));
                }
            }
            case "commits" -> {
                Map<String, Long> offsets = new HashMap<>();
                item.get("offsets").properties().forEach(e -> offsets.put(e.getKey(), e.getValue().longValue()));
                logs.commit(offsets);
            }
            default -> throw new IllegalStateException("unknown item from " + from.peer() + ": " + item);
        }
    }

    @Override
    public void commit(Map<String, Long> offsets, Request request) {
        logs.commit(offsets);
        for (Link link : links.values()) {
            link.addCommits(offsets);
        }
        request.reply(Replies.commitOk());
    }

    /** {@code {"type":"entry","key":"5","offset":3,"msg":42}}: a message of a key the sender owns, for the copy. */
    private static JsonNode entryItem(String key, long offset, long msg) {
        return JsonNodeFactory.instance.objectNode().put("type", "entry").put("key", key).put("offset", offset).put("msg", msg);
    }

    /**
     * {@code {"type":"forward","key":"5","msg":42}}: a send for a key the recipient owns. Its id is
     * its sequence number on the link; the answer, {@code {"type":"answer","id":7,"offset":3}} (or
     * {@code "code"} and {@code "text"} of an error instead of the offset), names it.
     */
    private static JsonNode forwardItem(String key, long msg) {
        return JsonNodeFactory.instance.objectNode().put("type", "forward").put("key", key).put("msg", msg);
    }
}
