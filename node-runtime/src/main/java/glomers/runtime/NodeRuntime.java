package glomers.runtime;

import java.util.Random;

/**
 * Everything a node needs from the world: message I/O, a clock, timers, randomness, a log.
 *
 * <p>This is the simulation seam. Challenge code reaches these only through {@link Node}, so the
 * same node runs on {@link StdioRuntime} (a process under Maelstrom: stdin/stdout, a Vert.x event
 * loop, wall-clock time) or on a simulated runtime with a virtual clock and an in-memory network
 * (see {@code glomers.runtime.testing.ManualRuntime} and the harness).
 *
 * <p>Contract: every callback the runtime makes into the node ({@link Node#receive}, scheduled
 * and executed tasks) happens on one thread at a time, each finished before the next begins. That
 * is what lets challenge code go without locks.
 */
public interface NodeRuntime {

    /** Feeds the node its input until the input ends; returns when the node's work is done. */
    void run(Node node);

    /** Writes one outbound message, already encoded as one line of JSON (no newline). */
    void send(String line);

    /**
     * Writes one outbound message the node built: by default its line, {@link Message#toLine()}.
     * A runtime that carries messages as JSON trees (the bench's in-process network) takes the
     * message itself and skips writing a line it would only read back. It must take the body as
     * it is now: the node may change it after this call.
     */
    default void send(Message message) {
        send(message.toLine());
    }

    /** Runs a task on the node's thread after the current one. */
    void execute(Runnable task);

    /** Runs a task on the node's thread once, after at least {@code delayMillis} (0 = soon). */
    Timer schedule(long delayMillis, Runnable task);

    /** Wall-clock time in milliseconds since the Unix epoch (virtual under simulation). */
    long currentTimeMillis();

    /** The node's source of randomness (seeded under simulation). */
    Random random();

    /** One line of diagnostics (stderr for a process; never stdout, which carries only messages). */
    void log(String line);
}
