package glomers.harness.run;

import glomers.harness.net.Network;
import glomers.harness.net.Packet;
import glomers.harness.sim.Scheduler;
import glomers.runtime.Body;
import java.util.function.Consumer;

/**
 * One Maelstrom client endpoint {@code c<k>}: sends one request at a time, numbering them 1, 2, 3…,
 * and waits for the reply whose {@code in_reply_to} matches, or for its timeout. Anything else it
 * receives is thrown away, as Maelstrom's client does.
 */
final class Client {
    /** How a call ended: a reply body, or null for a timeout. */
    interface Outcome extends Consumer<Body> {
    }

    private final String id;
    private final Network network;
    private final Scheduler scheduler;
    private long lastMsgId;
    private long awaiting = -1;
    private Outcome pending;
    private Scheduler.Cancellable timeout;
    private boolean closed;

    Client(String id, Network network, Scheduler scheduler) {
        this.id = id;
        this.network = network;
        this.scheduler = scheduler;
        network.register(id, this::receive);
    }

    String id() {
        return id;
    }

    void call(String node, Body request, long timeoutMillis, Outcome outcome) {
        if (pending != null || closed) {
            throw new IllegalStateException("client " + id + " is " + (closed ? "closed" : "already waiting for a reply"));
        }
        long msgId = ++lastMsgId;
        awaiting = msgId;
        pending = outcome;
        timeout = scheduler.after(timeoutMillis * 1_000_000, () -> finish(null));
        network.send(id, node, request.put(Body.MSG_ID, msgId));
    }

    private void receive(Packet packet) {
        if (pending != null && packet.body().inReplyTo().orElse(-1) == awaiting) {
            timeout.cancel();
            finish(packet.body());
        }
    }

    private void finish(Body reply) {
        Outcome done = pending;
        pending = null;
        awaiting = -1;
        done.accept(reply);
    }

    /** Takes the client off the network: a reply still on its way can no longer be delivered. */
    void close() {
        closed = true;
        network.unregister(id);
    }
}
