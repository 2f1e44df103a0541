package glomers.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A node started as a real process, as Maelstrom starts one: lines to its stdin, lines from its
 * stdout, stderr collected. For end-to-end tests of the launchers in {@code bin/}.
 */
public final class NodeProcess implements AutoCloseable {
    /** Marks the end of stdout in the line queue. */
    private static final String END = new String("<end of stdout>");

    private final Process process;
    private final OutputStream stdin;
    private final LinkedBlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private NodeProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdoutReader = pump("stdout", process.getInputStream(), stdout::add, () -> stdout.add(END));
        this.stderrReader = pump("stderr", process.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.add(line);
            }
        }, () -> { });
    }

    /** Starts {@code command} with {@code workingDirectory} as its working directory. */
    public static NodeProcess start(List<String> command, Path workingDirectory) {
        return start(command, workingDirectory, Map.of());
    }

    /** Like {@link #start(List, Path)}, with {@code environment} added to this process's environment. */
    public static NodeProcess start(List<String> command, Path workingDirectory, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        try {
            return new NodeProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Writes one line (a newline is added) and flushes. */
    public void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the node's stdin", e);
        }
    }

    /** The next stdout line, or null if stdout ended or nothing came within {@code timeout}. */
    public String nextLine(Duration timeout) throws InterruptedException {
        String line = stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == END) {
            stdout.add(END); // keep reporting the end to later calls
            return null;
        }
        return line;
    }

    /** Closes stdin (EOF for the node). */
    public void closeInput() {
        try {
            stdin.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to exit and returns its status, or null if it did not exit in time. */
    public Integer waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        stdoutReader.join(timeout.toMillis());
        stderrReader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Every stdout line not yet taken, once stdout has ended. */
    public List<String> remainingLines(Duration timeout) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = nextLine(timeout)) != null) {
            lines.add(line);
        }
        return lines;
    }

    /** Everything the node wrote to stderr so far. */
    public List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread pump(String name, java.io.InputStream stream, java.util.function.Consumer<String> sink, Runnable atEnd) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process went away; what was read is kept
            } finally {
                atEnd.run();
            }
        }, "node-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
