package glomers.runtime;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.io.BufferedReader;
import java.io.BufferedWriter;
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
import java.util.concurrent.TimeUnit;

/**
 * The production runtime: a process under Maelstrom, one JSON message per line on stdin and
 * stdout, diagnostics on stderr, wall-clock time.
 *
 * <p>Start-up happens in two phases, to answer {@code init} fast:
 * <ol>
 *   <li>On the calling thread, lines are read and handed to the node until it is initialised.
 *       Nothing heavy is loaded yet: {@code init_ok} goes out as quickly as a bare JVM could.</li>
 *   <li>Then a Vert.x instance with one event loop starts, and every later line, timer and task
 *       runs on that loop's context. Tasks and timers asked for during phase 1 are started in
 *       order when the loop is up.</li>
 * </ol>
 * At the end of stdin every line already read is handled, stdout is flushed, Vert.x is closed,
 * and {@link #run} returns. Pending RPCs and timers are abandoned: no one can answer any more.
 */
public final class StdioRuntime implements NodeRuntime {
    /** How long to wait for Vert.x to shut down at the end of input. */
    private static final long CLOSE_TIMEOUT_MILLIS = 2_000;

    private final BufferedReader in;
    private final Writer out;
    private final PrintStream err;
    private final Random random = new Random();
    /** Work asked for before the event loop exists; only touched by the phase-1 thread. */
    private final List<Runnable> beforeLoop = new ArrayList<>();
    private Vertx vertx;
    private volatile Context context;

    /** A runtime reading messages from {@code input} and writing them to {@code output}. */
    public StdioRuntime(InputStream input, OutputStream output) {
        this.in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8), 1 << 16);
        this.out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        this.err = System.err;
    }

    /**
     * The runtime for this process's stdin and stdout. It takes stdout over: from here on
     * {@link System#out} prints to stderr, so a stray {@code System.out.println} in node code
     * cannot corrupt the protocol stream.
     */
    public static StdioRuntime forThisProcess() {
        StdioRuntime runtime = new StdioRuntime(System.in, System.out);
        System.setOut(System.err);
        return runtime;
    }

    @Override
    public void run(Node node) {
        try {
            String line = null;
            while (!node.initialised() && (line = in.readLine()) != null) {
                node.receive(line);
            }
            if (line == null && !node.initialised()) {
                flush();
                return; // stdin ended before init: nothing to do
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
        List<Runnable> pending = List.copyOf(beforeLoop);
        beforeLoop.clear();
        context = loop;
        // One task, so nothing submitted later can overtake the work queued before the loop.
        loop.runOnContext(ignored -> pending.forEach(Runnable::run));
    }

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
            vertx.close().await(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log("shutting down: " + e);
        }
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
            beforeLoop.add(task);
        } else {
            loop.runOnContext(ignored -> task.run());
        }
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        LoopTimer timer = new LoopTimer(task);
        long delay = Math.max(1, delayMillis); // Vert.x timers take at least 1 ms
        if (context != null && Vertx.currentContext() == context) {
            timer.start(delay);
        } else {
            execute(() -> timer.start(delay));
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
