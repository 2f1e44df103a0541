package glomers.runtime.testing;

import glomers.runtime.Body;
import glomers.runtime.Message;
import glomers.runtime.Node;
import glomers.runtime.NodeRuntime;
import glomers.runtime.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A runtime for tests: one node, a clock that moves only when told to, messages in and out as
 * strings, a seeded random source. Everything runs on the caller's thread, so a test reads like
 * a script:
 *
 * <pre>{@code
 * ManualRuntime runtime = new ManualRuntime();
 * Node node = runtime.node();
 * node.on("echo", ...);
 * runtime.deliver("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{...}}");
 * runtime.advance(Duration.ofSeconds(1));   // fires the timers due by then, in order
 * List<String> out = runtime.takeSent();
 * }</pre>
 */
public final class ManualRuntime implements NodeRuntime {
    /** 2024-01-01T00:00:00Z: where the manual clock starts unless told otherwise. */
    public static final long DEFAULT_START_MILLIS = 1_704_067_200_000L;

    private final Random random;
    private final PriorityQueue<Scheduled> timers = new PriorityQueue<>();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final List<String> sent = new ArrayList<>();
    private final List<String> logs = new ArrayList<>();
    private long nowMillis;
    private long timerSequence;
    private Node node;

    public ManualRuntime() {
        this(0, DEFAULT_START_MILLIS);
    }

    public ManualRuntime(long seed, long startMillis) {
        this.random = new Random(seed);
        this.nowMillis = startMillis;
    }

    /** The node on this runtime (created on first call). */
    public Node node() {
        if (node == null) {
            node = new Node(this);
        }
        return node;
    }

    /** Hands one input line to the node, then runs whatever that queued for "soon". */
    public void deliver(String line) {
        node().receive(line);
        runTasks();
    }

    /**
     * Initialises the node as {@code nodeId} of {@code nodeIds} (init from client {@code c0},
     * msg_id 1) and returns what it sent in answer: the {@code init_ok}.
     */
    public List<Message> init(String nodeId, String... nodeIds) {
        Body init = Body.of("init").put("msg_id", 1).put("node_id", nodeId).put("node_ids", List.of(nodeIds));
        deliver(new Message("c0", nodeId, init).toLine());
        return takeSentMessages();
    }

    /** Delivers {@code body} from {@code src} to the (initialised) node. */
    public void deliver(String src, Body body) {
        deliver(new Message(src, node().id(), body).toLine());
    }

    /** Like {@link #takeSent()}, parsed. */
    public List<Message> takeSentMessages() {
        return takeSent().stream().map(Message::parse).toList();
    }

    /** The current time of the manual clock, in milliseconds since the epoch. */
    public long nowMillis() {
        return nowMillis;
    }

    /** Moves the clock forward, firing every timer due on the way at its due time. */
    public void advance(Duration duration) {
        long target = nowMillis + duration.toMillis();
        runTasks();
        while (!timers.isEmpty() && timers.peek().dueMillis <= target) {
            Scheduled next = timers.poll();
            nowMillis = Math.max(nowMillis, next.dueMillis);
            next.task.run();
            runTasks();
        }
        nowMillis = target;
    }

    /** The lines the node has sent since the last call, oldest first. */
    public List<String> takeSent() {
        List<String> taken = List.copyOf(sent);
        sent.clear();
        return taken;
    }

    /** Everything the node has logged. */
    public List<String> logs() {
        return List.copyOf(logs);
    }

    /** Timers scheduled and neither fired nor cancelled. */
    public int pendingTimers() {
        return timers.size();
    }

    @Override
    public void run(Node node) {
        throw new UnsupportedOperationException("a ManualRuntime is driven by deliver() and advance(), not run()");
    }

    @Override
    public void send(String line) {
        sent.add(line);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        Scheduled scheduled = new Scheduled(nowMillis + Math.max(0, delayMillis), timerSequence++, task);
        timers.add(scheduled);
        return () -> timers.remove(scheduled);
    }

    @Override
    public long currentTimeMillis() {
        return nowMillis;
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public void log(String line) {
        logs.add(line);
    }

    private void runTasks() {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }

    /** Timers due at the same millisecond fire in the order they were scheduled. */
    private record Scheduled(long dueMillis, long sequence, Runnable task) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(dueMillis, other.dueMillis);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
