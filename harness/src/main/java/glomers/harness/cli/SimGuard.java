package glomers.harness.cli;

import glomers.harness.run.RunResult;
import glomers.harness.run.WatchedPrograms;
import glomers.runtime.NodeProgram;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Watches in-process runs of a node jar of one's own for what {@link ClassScan} cannot see in its
 * classes (a library's threads, code reached by reflection), and stops a run once it sees the
 * node outside the simulation, so that no verdict is given for what the node would not do under
 * Maelstrom:
 * <ul>
 *   <li><b>its own threads</b>: a thread that was not there when the guard started, runs the
 *       node's code or was started from it, and is not a thread the bench runs nodes on. A thread
 *       inherits its context class loader from the thread that starts it, and the guard sets the
 *       node jar's loader as that of every thread that runs the node: so even an idle pool
 *       thread started by the node gives itself away.</li>
 *   <li><b>blocking</b>: a thread that runs the node, found waiting inside the node's code
 *       ({@code Thread.sleep}, {@code future.get()}, a lock). The virtual clock waits with it, so
 *       the reply it waits for can never come: the guard interrupts it to free the run.</li>
 * </ul>
 * It looks every {@value #LOOK_EVERY_MILLIS} ms while runs go on, and once more on {@link #check};
 * the node's code is told by its stack frames' class loader name, {@link NodeJar#LOADER_NAME}.
 * The wall clock cannot be watched at all: {@link ClassScan} looks for it.
 */
final class SimGuard implements WatchedPrograms, AutoCloseable {
    /** How often the watch looks at the threads, in milliseconds of wall time. */
    static final long LOOK_EVERY_MILLIS = 20;

    private final Supplier<NodeProgram> programs;
    private final ClassLoader nodeLoader;
    /** Threads alive before the guard started: none of them is the node's. */
    private final Set<Thread> before;
    /** Each thread that has run the node, with the context class loader it had before (which may be null). */
    private final Map<Thread, Runner> runners = new ConcurrentHashMap<>();
    private final Thread watch;
    private volatile String failure;

    /** A thread that runs the node, and its own context class loader, to give back. */
    private record Runner(ClassLoader ownLoader) {
    }

    SimGuard(Supplier<NodeProgram> programs, ClassLoader nodeLoader) {
        this.programs = programs;
        this.nodeLoader = nodeLoader;
        this.before = Set.copyOf(Arrays.asList(liveThreads()));
        this.watch = new Thread(this::watch, "glomers sim guard");
        watch.setDaemon(true);
        watch.start();
    }

    /** A node program for a node about to start on this thread, which from now on counts as one that runs the node. */
    @Override
    public NodeProgram get() {
        Thread current = Thread.currentThread();
        runners.computeIfAbsent(current, thread -> new Runner(thread.getContextClassLoader()));
        current.setContextClassLoader(nodeLoader);
        return programs.get();
    }

    @Override
    public String failure() {
        String why = failure;
        if (why != null && runners.containsKey(Thread.currentThread())) {
            Thread.interrupted(); // the watch may have interrupted this thread to free it; the run stops now anyway
        }
        return why;
    }

    /** Looks once more, now, and says why the runs so far cannot be trusted, or null. */
    String check() {
        look();
        return failure;
    }

    /**
     * The result of a run that has just ended on this thread, or if the node was seen outside the
     * simulation, that run aborted with why: no verdict. The thread gets its own context class
     * loader back, so threads it starts from now on (a sweep's) do not pass for the node's.
     */
    RunResult judge(RunResult result) {
        String why = check();
        Thread current = Thread.currentThread();
        Thread.interrupted(); // a late interrupt meant to free a blocked node must not reach the bench's file writing
        if (runners.containsKey(current)) {
            current.setContextClassLoader(runners.get(current).ownLoader());
        }
        if (why == null || result.abortReason() != null) {
            return result;
        }
        return new RunResult(result.options(), result.mode(), null, why, result.results(), result.history(), result.nodeLogs(),
                result.simulatedNanos(), result.wallMillis());
    }

    /** Stops watching, and gives each thread that ran the node its context class loader back. */
    @Override
    public void close() {
        watch.interrupt();
        runners.forEach((thread, runner) -> thread.setContextClassLoader(runner.ownLoader()));
    }

    private void watch() {
        try {
            while (true) {
                Thread.sleep(LOOK_EVERY_MILLIS);
                look();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private synchronized void look() {
        for (Thread runner : runners.keySet()) {
            Thread.State state = runner.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                StackTraceElement[] stack = runner.getStackTrace();
                int node = nodeFrame(stack);
                if (node > 0) {
                    trip("the node blocked the thread it runs on, in " + call(stack[node - 1]) + " called from " + call(stack[node])
                            + ": it " + ClassScan.Breaks.BLOCKING.why + "; use " + ClassScan.Breaks.BLOCKING.instead);
                    runner.interrupt();
                }
            }
        }
        for (Thread thread : liveThreads()) {
            if (thread == null || thread == watch || before.contains(thread) || runners.containsKey(thread)) {
                continue;
            }
            StackTraceElement[] stack = thread.getStackTrace();
            int node = nodeFrame(stack);
            if (node >= 0 || thread.getContextClassLoader() == nodeLoader) {
                trip("the node started a thread of its own, \"" + thread.getName() + "\""
                        + (node >= 0 ? " (seen in " + call(stack[node]) + ")" : "") + ": it "
                        + ClassScan.Breaks.THREADS.why + "; use " + ClassScan.Breaks.THREADS.instead);
            }
        }
    }

    private void trip(String why) {
        if (failure == null) {
            failure = why + ". In sim mode, its run would not be what Maelstrom sees; "
                    + "run it as processes in real time with --bin (its launcher), or fix it";
        }
    }

    /** The index of the topmost frame of the node's own code, or -1. */
    private static int nodeFrame(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length; i++) {
            if (NodeJar.LOADER_NAME.equals(stack[i].getClassLoaderName())) {
                return i;
            }
        }
        return -1;
    }

    /** "Thread.sleep", "my.pkg.Node.handle" */
    private static String call(StackTraceElement frame) {
        String className = frame.getClassName();
        return className.substring(className.lastIndexOf('.') + 1) + "." + frame.getMethodName();
    }

    private static Thread[] liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 8];
        int count = root.enumerate(threads, true);
        return Arrays.copyOf(threads, count);
    }
}
