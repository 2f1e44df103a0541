package glomers.kafka;

import glomers.runtime.Node;
import glomers.runtime.Request;
import java.util.List;
import java.util.Map;

/**
 * Where the logs live and how offsets are handed out: the part that changes from one strategy to
 * the next. {@link KafkaLogNode} checks each client request and calls these with its fields
 * already read; each method answers the request (now or later) with the reply built by
 * {@link Replies}, or with a Maelstrom error.
 *
 * <p>Every strategy keeps the rules of Maelstrom's kafka checker (spec §3.5, Jepsen's
 * {@code tests/kafka.clj}): offsets strictly increase per key; a poll returns, per key, a
 * contiguous run starting at the first existing offset at or after the one asked for, never
 * skipping a message that exists; every acknowledged message is kept; committed offsets only
 * decide where a new client starts. Keys nobody has sent to are left out of poll and
 * list_committed_offsets replies.
 */
interface Logs {

    /** Registers this strategy's own message types and timers. Called once, before the node runs. */
    void install(Node node);

    /** Appends {@code msg} to {@code key}'s log; answers {@code send_ok {offset}}. */
    void send(String key, long msg, Request request);

    /** Answers {@code poll_ok {msgs}}: for each key, messages from its offset on (offsets are all 0 or more). */
    void poll(Map<String, Long> offsets, Request request);

    /** Records that clients have processed each key up to and including its offset; answers {@code commit_offsets_ok}. */
    void commit(Map<String, Long> offsets, Request request);

    /** Answers {@code list_committed_offsets_ok {offsets}} with the committed offset of each of {@code keys} that has one. */
    void listCommitted(List<String> keys, Request request);
}
