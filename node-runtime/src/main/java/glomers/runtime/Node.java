package glomers.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A Maelstrom node: register handlers, then {@link #run()}.
 *
 * <pre>{@code
 * Node node = Node.onStdio();
 * node.on("echo", req -> req.reply(Body.of("echo_ok").put("echo", req.body().get("echo"))));
 * node.run();
 * }</pre>
 *
 * <p>The runtime answers {@code init}, numbers outgoing RPCs, routes replies to the futures
 * waiting for them, times them out, and answers bad requests with the right Maelstrom error.
 * Handlers, RPC callbacks and timers all run on one thread, one at a time, so a node's state
 * needs no locks. Do not block that thread, and reach time, timers, randomness and the network
 * only through this class: that is what lets the same node run under simulation.
 */
public final class Node {
    /** How long {@link #rpc(String, Body)} waits for a reply unless told otherwise. */
    public static final Duration DEFAULT_RPC_TIMEOUT = Duration.ofSeconds(1);

    /**
     * Messages that arrive before {@code init} (a peer may be initialised first and talk to us)
     * are held and handled right after it; past this many the rest are dropped and logged.
     */
    public static final int MAX_HELD_BEFORE_INIT = 10_000;

    /**
     * The services Maelstrom always runs (spec §4, Maelstrom's {@code service.clj}
     * {@code default-services}): besides the nodes of {@code node_ids} and clients, the only
     * endpoints a node can message.
     */
    public static final Set<String> SERVICES = Set.of(KvClient.LIN_KV, KvClient.SEQ_KV, KvClient.LWW_KV, "lin-tso");

    /** Unknown destinations named in the log (each once); past this many, further ones are dropped unlogged. */
    static final int MAX_UNKNOWN_DESTINATIONS_LOGGED = 100;

    private final NodeRuntime runtime;
    private final Map<String, Handler> handlers = new HashMap<>();
    private final List<Runnable> initHooks = new ArrayList<>();
    private final Map<Long, PendingRpc> pendingRpcs = new HashMap<>();
    private final ArrayDeque<String> heldBeforeInit = new ArrayDeque<>();
    private long lastMsgId;
    private String id;
    private List<String> nodeIds;
    /** From init on: nodeIds as a set (checked on every send) and without this node. */
    private Set<String> nodeIdSet;
    private List<String> peers;
    private final Map<String, KvClient> kvClients = new HashMap<>();
    private final Set<String> unknownDestinationsLogged = new HashSet<>();

    public Node(NodeRuntime runtime) {
        this.runtime = runtime;
    }

    /** A node that talks to Maelstrom over this process's stdin and stdout. */
    public static Node onStdio() {
        return new Node(StdioRuntime.forThisProcess());
    }

    /**
     * The whole life of a node process: installs {@code program} on a stdin/stdout node, runs it
     * until stdin ends, and exits with status 0 (without waiting for Vert.x's graceful shutdown).
     */
    public static void runOnStdio(NodeProgram program) {
        Node node = onStdio();
        program.install(node);
        node.run();
        System.exit(0);
    }

    /** Handles messages of {@code type} with {@code handler}; one handler per type. */
    public Node on(String type, Handler handler) {
        if (type.equals("init")) {
            throw new IllegalArgumentException("the runtime answers init itself; use onInit(...) to run code at init");
        }
        if (handlers.putIfAbsent(type, handler) != null) {
            throw new IllegalStateException("a handler for \"" + type + "\" is already registered");
        }
        return this;
    }

    /**
     * Runs {@code hook} once the node knows its id, on the node's thread, before any other message
     * is handled. {@code init_ok} has already been sent by then.
     */
    public Node onInit(Runnable hook) {
        initHooks.add(hook);
        return this;
    }

    /** Runs the node until its input ends. */
    public void run() {
        runtime.run(this);
    }

    public boolean initialised() {
        return id != null;
    }

    /** This node's id, e.g. {@code n0}; known from init on. */
    public String id() {
        requireInitialised();
        return id;
    }

    /** Every node in the cluster, this one included, in Maelstrom's order. */
    public List<String> nodeIds() {
        requireInitialised();
        return nodeIds;
    }

    /** Every other node in the cluster. */
    public List<String> peers() {
        requireInitialised();
        return peers;
    }

    /**
     * Whether Maelstrom accepts {@code dest} as a destination: a node of {@code node_ids}, one of
     * the {@link #SERVICES}, or a client ({@code c…}; whether that client is still open, a node
     * cannot know). Maelstrom stops reading a node's output for the rest of the run after one
     * message to any other name (spec §1.2), so {@link #send} and {@link #rpc} refuse them.
     */
    public boolean isValidDestination(String dest) {
        requireInitialised();
        return dest != null && (nodeIdSet.contains(dest) || SERVICES.contains(dest) || dest.startsWith("c"));
    }

    /**
     * Sends a message that expects no reply. A {@code dest} that is not a
     * {@linkplain #isValidDestination valid destination} (a node outside {@code node_ids}, say) is
     * not sent: the first such message to each name is logged, the rest are dropped quietly.
     */
    public void send(String dest, Body body) {
        requireInitialised();
        if (!isValidDestination(dest)) {
            logUnknownDestination(dest, body);
            return;
        }
        runtime.send(new Message(id, dest, body));
    }

    /** Sends a request and returns its reply, waiting at most {@link #DEFAULT_RPC_TIMEOUT}. */
    public Future<Body> rpc(String dest, Body body) {
        return rpc(dest, body, DEFAULT_RPC_TIMEOUT);
    }

    /**
     * Sends a request with a fresh {@code msg_id} and returns a future of the reply body.
     *
     * <p>The future fails with a {@link MaelstromException}: the error the peer replied with, or
     * a timeout (code 0) if no reply came within {@code timeout}. A reply arriving after the
     * timeout is logged and dropped; nothing is kept for it. The future's callbacks run on the
     * node's thread.
     *
     * <p>To a {@code dest} that is not a {@linkplain #isValidDestination valid destination}
     * nothing is sent, and the future fails at once (on the node's next turn, not inside this
     * call) with {@code node-not-found} (code 1, definite: the request cannot have happened).
     */
    public Future<Body> rpc(String dest, Body body, Duration timeout) {
        requireInitialised();
        if (!isValidDestination(dest)) {
            logUnknownDestination(dest, body);
            Promise<Body> refused = Promise.promise();
            runtime.execute(() -> refused.fail(MaelstromException.nodeNotFound(
                    "\"" + body.type() + "\" not sent: " + dest + " is not a node of " + nodeIds + ", a service or a client")));
            return refused.future();
        }
        long msgId = ++lastMsgId;
        body.put(Body.MSG_ID, msgId);
        Promise<Body> promise = Promise.promise();
        String what = "\"" + body.type() + "\" to " + dest + " (msg_id " + msgId + ")";
        Timer timer = after(timeout, () -> {
            if (pendingRpcs.remove(msgId) != null) {
                promise.fail(MaelstromException.timeout("no reply to " + what + " within " + timeout.toMillis() + " ms"));
            }
        });
        pendingRpcs.put(msgId, new PendingRpc(dest, promise, timer));
        runtime.send(new Message(id, dest, body));
        return promise.future();
    }

    /** Runs {@code task} once after {@code delay}, on the node's thread. */
    public Timer after(Duration delay, Runnable task) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return runtime.schedule(delay.toMillis(), guarded("timer", task));
    }

    /**
     * Runs {@code task} every {@code period} (the first run one period from now), on the node's
     * thread, until cancelled. The next run is scheduled when one finishes, so runs never pile up.
     */
    public Timer every(Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        PeriodicTimer timer = new PeriodicTimer(period.toMillis(), guarded("periodic timer", task));
        timer.scheduleNext();
        return timer;
    }

    /** Wall-clock milliseconds since the Unix epoch (virtual under simulation). */
    public long now() {
        return runtime.currentTimeMillis();
    }

    /** The node's random source (seeded, and so repeatable, under simulation). */
    public Random random() {
        return runtime.random();
    }

    /** The sequentially consistent key-value service {@code seq-kv}. */
    public KvClient seqKv() {
        return kv(KvClient.SEQ_KV);
    }

    /** The linearizable key-value service {@code lin-kv}. */
    public KvClient linKv() {
        return kv(KvClient.LIN_KV);
    }

    /** The last-write-wins key-value service {@code lww-kv}. */
    public KvClient lwwKv() {
        return kv(KvClient.LWW_KV);
    }

    /** A client for the KV service named {@code service}, with {@link KvClient#DEFAULT_TIMEOUT}. */
    public KvClient kv(String service) {
        return kvClients.computeIfAbsent(service, name -> new KvClient(this, name, KvClient.DEFAULT_TIMEOUT));
    }

    /** Writes a line of diagnostics to the node's log (stderr; never stdout). */
    public void log(String message) {
        runtime.log(id == null ? message : id + " " + message);
    }

    /** RPCs sent and neither answered nor timed out yet. */
    public int pendingRpcCount() {
        return pendingRpcs.size();
    }

    /**
     * Handles one line of input. Called by the runtime on the node's thread; never throws.
     * A line that is not a message is logged and skipped, and the node carries on.
     */
    public void receive(String line) {
        try {
            if (id == null) {
                receiveBeforeInit(line);
                return;
            }
            Message message;
            try {
                message = Json.decode(line);
            } catch (Json.NotAMessage e) {
                log("skipping a line that is not a Maelstrom message, " + e.getMessage() + ": " + abbreviate(line));
                return;
            }
            dispatch(message);
        } catch (RuntimeException | Error e) {
            logFailure("unexpected failure handling " + abbreviate(line), e);
        }
    }

    /**
     * Handles one message a runtime has already read (the bench's in-process network): exactly as
     * {@link #receive(String)} handles the line it was read from, without reading it again.
     * {@code line} gives that line, for the log; it is only called when something is logged.
     * Called on the node's thread; never throws.
     */
    public void receive(Message message, Supplier<String> line) {
        try {
            if (id == null) {
                receiveBeforeInit(line.get());
                return;
            }
            dispatch(message);
        } catch (RuntimeException | Error e) {
            logFailure("unexpected failure handling " + abbreviate(line.get()), e);
        }
    }

    private void receiveBeforeInit(String line) {
        InitMessages.Parsed parsed = InitMessages.parse(line);
        if (parsed instanceof InitMessages.Init init) {
            id = init.nodeId();
            nodeIds = init.nodeIds();
            nodeIdSet = Set.copyOf(nodeIds);
            peers = nodeIds.stream().filter(n -> !n.equals(id)).toList();
            runtime.send(InitMessages.initOk(id, init.src(), init.msgId()));
            runtime.execute(this::afterInit);
        } else if (parsed instanceof InitMessages.BadInit bad) {
            runtime.log("rejecting init: " + bad.problem() + ": " + abbreviate(line));
            if (bad.msgId() != null) {
                runtime.send(InitMessages.malformed(bad.dest(), bad.src(), bad.msgId(), bad.problem()));
            }
        } else if (parsed instanceof InitMessages.NotJson notJson) {
            runtime.log("skipping a line that is not a Maelstrom message, not JSON (" + notJson.reason() + "): " + abbreviate(line));
        } else if (heldBeforeInit.size() < MAX_HELD_BEFORE_INIT) {
            heldBeforeInit.add(line);
        } else {
            runtime.log("dropping a message that arrived before init (" + MAX_HELD_BEFORE_INIT + " already held): " + abbreviate(line));
        }
    }

    private void afterInit() {
        for (Runnable hook : initHooks) {
            guarded("init hook", hook).run();
        }
        while (!heldBeforeInit.isEmpty()) {
            receive(heldBeforeInit.poll());
        }
    }

    private void dispatch(Message message) {
        Body body = message.body();
        if (body.has(Body.IN_REPLY_TO)) {
            completeRpc(message);
            return;
        }
        Request request = new Request(this, message);
        String type = body.type();
        try {
            if (type == null) {
                throw MaelstromException.malformedRequest("the message body has no string \"type\"");
            }
            if (type.equals("init")) {
                throw MaelstromException.preconditionFailed("this node is already initialised as " + id);
            }
            Handler handler = handlers.get(type);
            if (handler == null) {
                throw MaelstromException.notSupported("this node does not handle \"" + type + "\" messages; it handles " + handlers.keySet());
            }
            handler.handle(request);
        } catch (Exception | Error e) { // an Error too: a broken invariant (AssertionError) still gets its crash reply
            if (request.msgId().isPresent()) {
                request.fail(e);
            } else {
                logFailure("message " + request.describe() + " failed", e);
            }
        }
    }

    private void completeRpc(Message reply) {
        long inReplyTo = reply.body().inReplyTo().orElse(-1);
        PendingRpc pending = pendingRpcs.get(inReplyTo);
        if (pending == null || !pending.dest().equals(reply.src())) {
            log("dropping a reply no RPC is waiting for (timed out, or never sent): " + reply);
            return;
        }
        pendingRpcs.remove(inReplyTo);
        pending.timer().cancel();
        if ("error".equals(reply.body().type())) {
            pending.promise().fail(MaelstromException.fromErrorBody(reply.body()));
        } else {
            pending.promise().complete(reply.body());
        }
    }

    void sendReply(String dest, long inReplyTo, Body reply) {
        reply.put(Body.IN_REPLY_TO, inReplyTo);
        runtime.send(new Message(id, dest, reply));
    }

    void logFailure(String what, Throwable failure) {
        if (failure instanceof MaelstromException) {
            log(what + ": " + failure);
            return;
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        log(what + ": " + trace.toString().stripTrailing());
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                logFailure(what + " failed", e);
            }
        };
    }

    private void logUnknownDestination(String dest, Body body) {
        if (unknownDestinationsLogged.size() < MAX_UNKNOWN_DESTINATIONS_LOGGED && unknownDestinationsLogged.add(String.valueOf(dest))) {
            log("not sending \"" + body.type() + "\" to " + dest + ": it is not a node of node_ids " + nodeIds
                    + ", a service or a client, and Maelstrom would stop reading this node after it."
                    + " Every message to " + dest + " is dropped; only this first one is logged.");
        }
    }

    private void requireInitialised() {
        if (id == null) {
            throw new IllegalStateException("the node has no id before init; do this in a handler or an onInit hook");
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 300 ? line : line.substring(0, 300) + "… (" + line.length() + " chars)";
    }

    private record PendingRpc(String dest, Promise<Body> promise, Timer timer) {
    }

    private final class PeriodicTimer implements Timer {
        private final long periodMillis;
        private final Runnable task;
        private Timer next;
        private boolean cancelled;

        PeriodicTimer(long periodMillis, Runnable task) {
            this.periodMillis = periodMillis;
            this.task = task;
        }

        void scheduleNext() {
            next = runtime.schedule(periodMillis, () -> {
                if (!cancelled) {
                    task.run();
                }
                if (!cancelled) {
                    scheduleNext();
                }
            });
        }

        @Override
        public void cancel() {
            cancelled = true;
            next.cancel();
        }
    }
}
