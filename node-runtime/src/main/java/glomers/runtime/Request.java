package glomers.runtime;

import java.util.OptionalLong;

/**
 * A message handed to a {@link Handler}, with the means to answer it exactly once.
 *
 * <p>A request from a Maelstrom client carries a {@code msg_id}; the reply goes back to its
 * sender with {@code in_reply_to} set. A message sent without a {@code msg_id} (fire-and-forget
 * between nodes) cannot be answered: a reply to it is logged and dropped.
 */
public final class Request {
    private final Node node;
    private final Message message;
    private boolean replied;

    Request(Node node, Message message) {
        this.node = node;
        this.message = message;
    }

    public Message message() {
        return message;
    }

    /** Who sent the request: a client {@code c…}, a node {@code n…} or a service. */
    public String src() {
        return message.src();
    }

    public Body body() {
        return message.body();
    }

    public String type() {
        return message.body().type();
    }

    public OptionalLong msgId() {
        return message.body().msgId();
    }

    public boolean replied() {
        return replied;
    }

    /** Sends {@code reply} back to the sender. A second reply to the same request is dropped and logged. */
    public void reply(Body reply) {
        if (replied) {
            node.log("dropping a second reply to " + describe() + ": " + reply);
            return;
        }
        replied = true;
        OptionalLong msgId = msgId();
        if (msgId.isEmpty()) {
            node.log("cannot reply to " + describe() + ", it has no msg_id: " + reply);
            return;
        }
        node.sendReply(message.src(), msgId.getAsLong(), reply);
    }

    /**
     * Answers with an error: a {@link MaelstromException} as it is, anything else as error 13
     * (crash). Handy as {@code future.onFailure(request::fail)}.
     */
    public void fail(Throwable failure) {
        MaelstromException error = MaelstromException.of(failure);
        if (error != failure) {
            node.logFailure("request " + describe() + " failed", failure);
        }
        reply(error.toBody());
    }

    String describe() {
        return "\"" + type() + "\" from " + src() + msgId().stream().mapToObj(id -> " (msg_id " + id + ")").findFirst().orElse("");
    }
}
