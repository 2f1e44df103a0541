package glomers.runtime;

/**
 * A challenge's node logic: registers its handlers and init hooks on a node.
 *
 * <p>Kept apart from {@code main} so the same program runs as a process on stdin/stdout
 * ({@link Node#runOnStdio(NodeProgram)}) and in-process on a simulated runtime.
 */
@FunctionalInterface
public interface NodeProgram {
    void install(Node node);
}
