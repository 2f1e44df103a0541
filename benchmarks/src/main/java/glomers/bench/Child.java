package glomers.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One process the benchmark started: a node or a bare JVM. It reads the process's stdout line
 * by line and writes its stdin, turns every way the process can let us down into a
 * {@link BenchmarkFailure}, and on {@link #close()} kills the process (and anything it started)
 * and reaps it. Every live child is also known to {@link #killAllLive()}, which the benchmark
 * calls on the way out and from a shutdown hook, so no process outlives the benchmark.
 */
final class Child implements AutoCloseable {
    private static final Set<Child> LIVE = ConcurrentHashMap.newKeySet();
    /** How long to wait for an exit status when stdout ended unexpectedly, to say why. */
    private static final long EXIT_STATUS_GRACE_MILLIS = 1_000;

    private final String name;
    private final Process process;
    private final BufferedReader stdout;
    private final OutputStream stdin;
    /** Why the benchmark killed this process, if it did; a read that then sees EOF says so. */
    private volatile String killReason;

    private Child(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), Limits.PIPE_BUFFER_BYTES);
        this.stdin = process.getOutputStream();
    }

    /** Starts {@code builder}'s command; call it as late as possible, it is inside the timings. */
    static Child start(String name, ProcessBuilder builder) {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BenchmarkFailure("cannot start " + name + " (" + String.join(" ", builder.command())
                    + "): " + e.getMessage(), e);
        }
        Child child = new Child(name, process);
        LIVE.add(child);
        return child;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The raw stdin, for a writer that does its own buffering. */
    OutputStream stdin() {
        return stdin;
    }

    /** Writes one line and flushes it. */
    void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw failure("could not be written to (" + e.getMessage() + ")");
        }
    }

    /** The next line of stdout, or null at its end; no time limit, so use it under a {@link Watchdog}. */
    String readLineOrNull() {
        try {
            return stdout.readLine();
        } catch (IOException e) {
            return null; // the pipe broke: treated like its end
        }
    }

    /** The next line of stdout; fails if there is none within {@code timeout}. */
    String readLine(Duration timeout, String awaiting) {
        Watchdog watchdog = Watchdog.watch(timeout, awaiting, List.of(this));
        try {
            String line = readLineOrNull();
            if (line == null) {
                throw endedBefore(awaiting);
            }
            return line;
        } finally {
            watchdog.close();
        }
    }

    /**
     * The failure to throw when stdout ended before {@code awaiting}: the benchmark's own kill
     * reason if it killed the process, else the exit status.
     */
    BenchmarkFailure endedBefore(String awaiting) {
        String reason = killReason;
        if (reason != null) {
            return failure(reason);
        }
        try {
            if (process.waitFor(EXIT_STATUS_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                return failure("exited with status " + process.exitValue() + " before " + awaiting);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return failure("closed its stdout before " + awaiting);
    }

    /** Closes stdin, as Maelstrom does at the end of a test; a dead process is noticed by the caller. */
    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone: awaitExit will tell how it ended
        }
    }

    /** Waits until the process has exited with status 0. */
    void awaitExit(Duration timeout, String when) {
        boolean exited;
        try {
            exited = process.waitFor(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("was still running when the benchmark was interrupted");
        }
        if (!exited) {
            kill("did not exit within " + Limits.seconds(Limits.SINGLE_WAIT) + " " + when);
            throw failure(killReason);
        }
        if (process.exitValue() != 0) {
            throw failure("exited with status " + process.exitValue() + " " + when);
        }
    }

    /** The graceful end: close stdin, then expect exit status 0 within {@code timeout}. */
    void finish(Duration timeout) {
        closeStdin();
        awaitExit(timeout, "after its stdin was closed");
    }

    /** Kills the process and everything it started; the first reason given is kept. */
    void kill(String reason) {
        if (killReason == null) {
            killReason = reason;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Kills the process if it still runs, reaps it, and forgets it. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                kill("was killed by the benchmark");
            }
            process.waitFor(Limits.SINGLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly();
            LIVE.remove(this);
        }
    }

    /** Closes every child in {@code children}, even if closing one of them fails. */
    static void closeAll(Collection<Child> children) {
        for (Child child : children) {
            child.close();
        }
    }

    /** Kills and reaps every child still alive: the last line of defence, also on Ctrl-C. */
    static void killAllLive() {
        closeAll(new ArrayList<>(LIVE));
    }

    private void closeQuietly() {
        try {
            stdin.close();
        } catch (IOException e) {
            // the process is gone anyway
        }
        try {
            stdout.close();
        } catch (IOException e) {
            // the process is gone anyway
        }
    }

    private BenchmarkFailure failure(String what) {
        return new BenchmarkFailure(name + " (pid " + process.pid() + ") " + what);
    }
}
