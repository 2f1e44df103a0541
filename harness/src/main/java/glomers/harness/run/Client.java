package glomers.harness.run;

import glomers.harness.net.Network;
import glomers.harness.net.Packet;
import glomers.harness.sim.Scheduler;
import glomers.runtime.Body;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * One Maelstrom client endpoint {@code c<k>}, as maelstrom/client.clj has it: it sends one request
 * at a time, numbering them 1, 2, 3…, and waits for the reply whose {@code in_reply_to} matches, or
 * for its timeout.
 *
 * <p><b>The inbox.</b> Everything sent to the client waits in its queue, also while the client is
 * not waiting for anything. At its next call the client takes queued messages in order, throwing
 * away each one whose {@code in_reply_to} is not the new request's {@code msg_id}, until one
 * matches: that one is the reply, even if the node sent it before it saw the request (a node that
 * answers twice, or keys its pending replies by {@code msg_id} alone, is caught this way). What is
 * still queued after the match stays for the call after. A message is journalled as received when
 * the client takes it, so a message left in a closed client's queue is a send with no receive.
 *
 * <p><b>Limit.</b> Maelstrom's queue is unbounded; the bench keeps at most {@link #MAX_QUEUED}
 * messages waiting for an idle client and aborts the run past that (a node flooding a client that
 * asked for nothing), rather than grow without end.
 */
final class Client {
    /** Messages an idle client holds before the bench gives up on the run. */
    static final int MAX_QUEUED = 10_000;

    /** How a call ended: a reply body, or null for a timeout. */
    interface Outcome extends Consumer<Body> {
    }

    private final String id;
    private final Network network;
    private final Scheduler scheduler;
    private final Consumer<String> abort;
    private final Deque<Packet> queue = new ArrayDeque<>();
    private long lastMsgId;
    private long awaiting = -1;
    private Outcome pending;
    private Scheduler.Cancellable timeout;
    private boolean closed;

    /** {@code abort} is told why when the client cannot go on as Maelstrom's would (its queue overflowed). */
    Client(String id, Network network, Scheduler scheduler, Consumer<String> abort) {
        this.id = id;
        this.network = network;
        this.scheduler = scheduler;
        this.abort = abort;
        network.registerQueued(id, this::receive);
    }

    String id() {
        return id;
    }

    /** Sends {@code request} to {@code node} with the next msg_id, then takes replies from the queue as Maelstrom's recv! does. */
    void call(String node, Body request, long timeoutMillis, Outcome outcome) {
        if (pending != null || closed) {
            throw new IllegalStateException("client " + id + " is " + (closed ? "closed" : "already waiting for a reply"));
        }
        long msgId = ++lastMsgId;
        awaiting = msgId;
        pending = outcome;
        network.send(id, node, request.put(Body.MSG_ID, msgId));
        timeout = scheduler.after(timeoutMillis * 1_000_000, () -> finish(null));
        scheduler.after(0, this::drain); // as an event of its own, so a reply already queued never completes inside call()
    }

    private void receive(Packet packet) {
        if (queue.size() >= MAX_QUEUED) {
            abort.accept(packet.src() + " sent client " + id + " more than " + MAX_QUEUED
                    + " messages while it was waiting for nothing; the bench stops here (Maelstrom would queue them all)");
            return;
        }
        queue.add(packet);
        drain();
    }

    /** While a call waits, takes queued messages in order until one answers it. */
    private void drain() {
        while (pending != null && !queue.isEmpty()) {
            take(queue.poll());
        }
    }

    /** Takes one message off the queue: the reply if it answers the request in flight, otherwise thrown away. */
    private void take(Packet packet) {
        network.journalTaken(packet);
        if (packet.body().inReplyTo().orElse(-1) == awaiting) {
            timeout.cancel();
            finish(packet.body());
        }
    }

    private void finish(Body reply) {
        Outcome done = pending;
        pending = null;
        awaiting = -1;
        timeout = null;
        done.accept(reply);
    }

    /** Takes the client off the network: a reply still on its way can no longer be delivered, and its queue is gone. */
    void close() {
        closed = true;
        queue.clear();
        network.unregister(id);
    }
}
