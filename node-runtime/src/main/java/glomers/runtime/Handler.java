package glomers.runtime;

/**
 * Handles one request type. Runs on the node's thread; throwing a {@link MaelstromException}
 * replies with that error, throwing anything else replies with error 13 (crash).
 */
@FunctionalInterface
public interface Handler {
    void handle(Request request) throws Exception;
}
