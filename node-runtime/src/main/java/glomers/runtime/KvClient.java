package glomers.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * A client for Maelstrom's key-value services ({@code seq-kv}, {@code lin-kv}, {@code lww-kv}).
 *
 * <p>Keys and values may be any JSON (Java values are converted by Jackson) and come back with
 * their JSON types intact: {@code 1}, {@code 1.0} and {@code "1"} are different values to the
 * service. Failures are {@link MaelstromException}s: 20 key-does-not-exist, 22
 * precondition-failed (a cas whose {@code from} did not match), 0 timeout.
 *
 * <p>What each service promises differs a lot: {@code lin-kv} is linearizable; {@code seq-kv} may
 * answer a read from a stale state (never older than what this node saw before); {@code lww-kv}
 * may flip between diverged replicas. Reason from the service's guarantee, not from timing.
 */
public final class KvClient {
    public static final String SEQ_KV = "seq-kv";
    public static final String LIN_KV = "lin-kv";
    public static final String LWW_KV = "lww-kv";
    /** Services answer at once; the wait is two network hops (Maelstrom's --latency each). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private final Node node;
    private final String service;
    private final Duration timeout;

    public KvClient(Node node, String service, Duration timeout) {
        this.node = node;
        this.service = service;
        this.timeout = timeout;
    }

    public String service() {
        return service;
    }

    /** The same service with another RPC timeout. */
    public KvClient withTimeout(Duration timeout) {
        return new KvClient(node, service, timeout);
    }

    /** The key's value, or empty if the key does not exist; other errors fail the future. */
    public Future<Optional<JsonNode>> read(Object key) {
        return node.rpc(service, Body.of("read").put("key", Json.tree(key)), timeout)
                .map(reply -> Optional.of(reply.get("value")))
                .recover(failure -> MaelstromException.hasCode(failure, ErrorCode.KEY_DOES_NOT_EXIST)
                        ? Future.succeededFuture(Optional.empty())
                        : Future.failedFuture(failure));
    }

    /** Sets the key's value unconditionally. */
    public Future<Void> write(Object key, Object value) {
        return node.rpc(service, Body.of("write").put("key", Json.tree(key)).put("value", Json.tree(value)), timeout)
                .mapEmpty();
    }

    /** Sets the key to {@code to} if it is {@code from} now; fails with 22 if not, 20 if the key is missing. */
    public Future<Void> cas(Object key, Object from, Object to) {
        return cas(key, from, to, false);
    }

    /**
     * Compare-and-set. With {@code createIfNotExists}, a missing key is created with {@code to}
     * (lin-kv and seq-kv honour this; lww-kv ignores it and fails with 20).
     */
    public Future<Void> cas(Object key, Object from, Object to, boolean createIfNotExists) {
        Body request = Body.of("cas").put("key", Json.tree(key)).put("from", Json.tree(from)).put("to", Json.tree(to));
        if (createIfNotExists) {
            request.put("create_if_not_exists", true);
        }
        return node.rpc(service, request, timeout).mapEmpty();
    }
}
