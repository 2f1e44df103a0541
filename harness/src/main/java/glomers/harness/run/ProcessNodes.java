package glomers.harness.run;

import glomers.harness.net.Network;
import glomers.harness.sim.NodeLog;
import glomers.harness.sim.Scheduler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Nodes as real processes, started exactly as Maelstrom starts them: the executable given as
 * {@code --bin} with its arguments, the JVM temp dir as working directory, one JSON message per
 * line on stdin and stdout, stderr kept as the node's log. The run goes on wall-clock time. A
 * node that exits before the end fails the run, with its last stderr lines.
 */
public final class ProcessNodes implements Run.NodeHost {
    /** How many of the last stderr lines a failure report shows. */
    static final int LAST_LINES_SHOWN = 32;
    /**
     * What the lines the nodes printed and the run's loop has not taken yet may hold, each
     * counted as its length plus {@link #UNTAKEN_LINE_OVERHEAD}: 64 MiB. Nodes that print faster
     * than the bench takes their lines reach it, and the run stops, as on a network overload.
     */
    static final long MAX_UNTAKEN_BYTES = 64L << 20;
    static final int UNTAKEN_LINE_OVERHEAD = 64;
    /** How long a node gets to exit once the run is over. */
    static final long EXIT_WAIT_MILLIS = 5_000;

    private final List<String> command;
    private final Path workingDirectory;
    private final Scheduler scheduler;
    private final Network network;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final AtomicLong untakenBytes = new AtomicLong();
    private volatile boolean closing;
    private volatile String failure;

    public ProcessNodes(Path bin, List<String> args, Path workingDirectory, Scheduler scheduler, Network network) {
        if (!scheduler.isRealTime()) {
            throw new IllegalArgumentException("processes run on wall-clock time: use Scheduler.realTime()");
        }
        this.command = new ArrayList<>();
        this.command.add(bin.toAbsolutePath().normalize().toString());
        this.command.addAll(args);
        this.workingDirectory = workingDirectory;
        this.scheduler = scheduler;
        this.network = network;
    }

    /** One node process and the threads that read its output. */
    private final class Node {
        final String id;
        final Process process;
        final OutputStream stdin;
        final NodeLog log = new NodeLog();
        Thread stderrReader;

        Node(String id, Process process) {
            this.id = id;
            this.process = process;
            this.stdin = process.getOutputStream();
        }

        String lastLines() {
            return String.join("\n", log.last(LAST_LINES_SHOWN));
        }
    }

    @Override
    public void start(String nodeId) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
        } catch (IOException e) {
            failure = "cannot start " + command + ": " + e.getMessage();
            return;
        }
        Node node = new Node(nodeId, process);
        nodes.put(nodeId, node);
        network.register(nodeId, packet -> write(node, packet.toLine()));
        // Lines the node prints become network sends, handled on the run's loop in arrival order.
        reader(nodeId + " stdout", process.getInputStream(), line -> take(nodeId, line));
        node.stderrReader = reader(nodeId + " stderr", process.getErrorStream(), node.log::add);
        process.onExit().thenRun(() -> {
            if (!closing) {
                failure = exitedEarly(node);
                scheduler.post(() -> { }); // wake the loop so it sees the failure
            }
        });
    }

    /** From a stdout reader: hands the line to the run's loop, unless too much is waiting there already. */
    private void take(String nodeId, String line) {
        if (failure != null) {
            return; // the run is over
        }
        long size = line.length() + UNTAKEN_LINE_OVERHEAD;
        if (untakenBytes.addAndGet(size) > MAX_UNTAKEN_BYTES) {
            untakenBytes.addAndGet(-size);
            if (failure == null) {
                failure = "the nodes print lines faster than the bench can take them: " + (MAX_UNTAKEN_BYTES >> 20)
                        + " MiB of lines waiting (the last from " + nodeId + "), so the run stops";
                scheduler.post(() -> { }); // wake the loop so it sees the failure
            }
            return;
        }
        scheduler.post(() -> {
            untakenBytes.addAndGet(-size);
            network.send(nodeId, line);
        });
    }

    private void write(Node node, String line) {
        try {
            node.stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            node.stdin.flush();
        } catch (IOException e) {
            if (!closing && failure == null) {
                failure = exited(node) ? exitedEarly(node)
                        : "cannot write to node " + node.id + "'s stdin (" + e.getMessage() + "); its last lines on stderr:\n" + node.lastLines();
            }
        }
    }

    /** Whether the node's process has ended (waiting a moment: a closed pipe comes just before the exit). */
    private static boolean exited(Node node) {
        try {
            return node.process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Why the run fails when a node exits; waits a moment for the rest of its stderr first. */
    private static String exitedEarly(Node node) {
        try {
            node.stderrReader.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "node " + node.id + " exited early with status " + node.process.exitValue()
                + "; its last lines on stderr:\n" + node.lastLines();
    }

    /**
     * Reads {@code stream} line by line until it ends. When the process exits, the JDK drains what
     * is left in the pipe into a buffer of its own and closes the pipe; a read that was blocked on
     * the pipe then fails, so the reader reads once more, from that buffer, to lose no line.
     */
    private static Thread reader(String name, InputStream stream, java.util.function.Consumer<String> onLine) {
        Thread thread = new Thread(() -> {
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
                    String line;
                    while ((line = lines.readLine()) != null) {
                        onLine.accept(line);
                    }
                    return;
                } catch (IOException e) {
                    // the pipe was closed under the read: once more, from what the JDK drained
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public String failure() {
        return failure != null ? failure : network.overload();
    }

    @Override
    public Map<String, List<String>> logs() {
        Map<String, List<String>> logs = new LinkedHashMap<>();
        nodes.forEach((id, node) -> logs.put(id, node.log.lines()));
        return logs;
    }

    /**
     * Ends every node as Maelstrom's teardown does: killed, with a few seconds to go. Then reads
     * what is left of each node's stderr (the pipe ends with the process), so the logs, and the
     * last lines a failure report shows, hold everything the node wrote.
     */
    @Override
    public void close() {
        closing = true;
        for (Node node : nodes.values()) {
            node.process.destroyForcibly();
        }
        try {
            for (Node node : nodes.values()) {
                node.process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            for (Node node : nodes.values()) {
                node.stderrReader.join(EXIT_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
