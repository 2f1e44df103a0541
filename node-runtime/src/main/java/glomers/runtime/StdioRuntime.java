package glomers.runtime;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * The production runtime: a process under Maelstrom, one JSON message per line on stdin and
 * stdout, diagnostics on stderr, wall-clock time.
 *
 * <p>The node's thread is first the calling thread, then a Vert.x event loop:
 * <ol>
 *   <li>The calling thread reads lines and hands them to the node, one at a time, and runs what
 *       each queued. Nothing heavy is loaded for {@code init}, so {@code init_ok} goes out about
 *       as fast as a bare JVM could print a line.</li>
 *   <li>The event loop starts when the node first asks for a timer (an RPC's timeout is one).
 *       Starting Vert.x costs about as much CPU as the whole JVM start; in challenge 3d, 25 nodes
 *       start on 2 cores, and deferring it keeps that cost out of the windows in which Maelstrom
 *       waits for every {@code init_ok} and then every {@code topology_ok}. From then on every
 *       line, timer and task runs on that loop, one at a time. A node that never needs a timer
 *       (echo, unique-ids) never starts one.</li>
 * </ol>
 * At the end of stdin every line already read is handled and stdout is flushed; {@link #run}
 * then returns. Pending RPCs and timers are abandoned: no one can answer any more.
 */
public final class StdioRuntime implements NodeRuntime {
    private final BufferedReader in;
    private final Writer out;
    private final PrintStream err;
    private final Random random = new Random();
    /** Tasks and timers asked for before the event loop exists; only touched by the first thread. */
    private final List<Runnable> tasksBeforeLoop = new ArrayList<>();
    private final List<Runnable> timersBeforeLoop = new ArrayList<>();
    private Vertx vertx;
    private volatile Context context;

    /** A runtime reading messages from {@code input} and writing them to {@code output}. */
    public StdioRuntime(InputStream input, OutputStream output) {
        this.in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8), 1 << 16);
        this.out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        this.err = System.err;
    }

    /**
     * The system property naming a file that protocol messages are written to instead of stdout.
     * When stdout is a pipe (as Maelstrom and the bench start nodes), the launchers in {@code bin/}
     * set it to {@code /dev/fd/3}, a copy of that pipe, and point the JVM's own stdout at stderr:
     * so nothing the JVM prints ({@code -Xlog:gc}, {@code -XX:+PrintFlagsFinal}, an agent's banner)
     * can reach the protocol stream.
     */
    public static final String PROTOCOL_OUT_PROPERTY = "glomers.protocol.out";

    /**
     * The runtime for this process's stdin and stdout (or the file named by
     * {@value #PROTOCOL_OUT_PROPERTY}). It takes stdout over: from here on {@link System#out}
     * prints to stderr, so a stray {@code System.out.println} in node code cannot corrupt the
     * protocol stream. If the named file cannot be opened, the process says why on stderr and
     * exits with status 1.
     */
    public static StdioRuntime forThisProcess() {
        StdioRuntime runtime = new StdioRuntime(System.in, protocolOutput());
        System.setOut(System.err);
        return runtime;
    }

    private static OutputStream protocolOutput() {
        String path = System.getProperty(PROTOCOL_OUT_PROPERTY);
        if (path == null) {
            return System.out;
        }
        try {
            return new FileOutputStream(path, true); // append: never truncate what it names
        } catch (IOException e) {
            System.err.println("glomers: cannot open " + path + " (-D" + PROTOCOL_OUT_PROPERTY + ") for protocol messages: " + e.getMessage());
            System.exit(1);
            throw new IllegalStateException("unreachable");
        }
    }

    @Override
    public void run(Node node) {
        try {
            String line;
            // Until the node asks for a timer, this thread is the node's thread: no event loop needed.
            while (timersBeforeLoop.isEmpty() && (line = in.readLine()) != null) {
                node.receive(line);
                runTasksOnThisThread();
            }
            if (timersBeforeLoop.isEmpty()) {
                flush();
                return; // stdin ended and no event loop was ever needed
            }
            startEventLoop();
            while ((line = in.readLine()) != null) {
                String received = line;
                context.runOnContext(ignored -> node.receive(received));
            }
        } catch (IOException e) {
            log("stopping: cannot read stdin: " + e);
        }
        finish();
    }

    private void runTasksOnThisThread() {
        while (!tasksBeforeLoop.isEmpty()) {
            tasksBeforeLoop.remove(0).run();
        }
    }

    private void startEventLoop() {
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setPreferNativeTransport(false)
                .setFileSystemOptions(new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        Context loop = vertx.getOrCreateContext();
        loop.exceptionHandler(e -> log("uncaught on the event loop: " + e));
        List<Runnable> timers = List.copyOf(timersBeforeLoop);
        timersBeforeLoop.clear();
        context = loop;
        loop.runOnContext(ignored -> timers.forEach(Runnable::run));
    }

    /** Handles everything already queued, flushes stdout, and lets Vert.x go without waiting for it. */
    private void finish() {
        Context loop = context;
        if (loop == null) {
            flush();
            return;
        }
        CountDownLatch drained = new CountDownLatch(1);
        loop.runOnContext(ignored -> {
            flush();
            drained.countDown();
        });
        try {
            drained.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Vert.x's graceful shutdown takes about a second; a process exits without it, see Node.runOnStdio.
        vertx.close();
    }

    @Override
    public void send(String line) {
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to stdout", e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            log("cannot flush stdout: " + e);
        }
    }

    @Override
    public void execute(Runnable task) {
        Context loop = context;
        if (loop == null) {
            tasksBeforeLoop.add(task);
        } else {
            loop.runOnContext(ignored -> task.run());
        }
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        LoopTimer timer = new LoopTimer(task);
        long delay = Math.max(1, delayMillis); // Vert.x timers take at least 1 ms
        if (context == null) {
            timersBeforeLoop.add(() -> timer.start(delay)); // the loop starts as soon as run() sees this
        } else if (Vertx.currentContext() == context) {
            timer.start(delay);
        } else {
            context.runOnContext(ignored -> timer.start(delay));
        }
        return timer;
    }

    /** A Vert.x timer, created on the event loop; cancel() may come before it is created. */
    private final class LoopTimer implements Timer {
        private final Runnable task;
        private long vertxId = -1;
        private boolean cancelled;

        LoopTimer(Runnable task) {
            this.task = task;
        }

        void start(long delayMillis) {
            if (!cancelled) {
                vertxId = vertx.setTimer(delayMillis, ignored -> {
                    if (!cancelled) {
                        task.run();
                    }
                });
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            if (vertxId >= 0) {
                vertx.cancelTimer(vertxId);
            }
        }
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public void log(String line) {
        err.println(line);
    }
}
