package glomers.harness.workload;

import glomers.harness.check.StandardCheckers;
import glomers.runtime.Body;

/**
 * How one RPC of a client ended, before a workload's client turns it into a completion: a reply
 * that fits its schema, an error reply, a reply that breaks its schema, or nothing before the
 * timeout. Sources: maelstrom/client.clj ({@code recv!}, {@code throw-errors!}, {@code check-body}).
 */
public sealed interface RpcResult {

    /** A reply of the expected type that fits the closed schema. */
    record Ok(Body body) implements RpcResult {
    }

    /**
     * An {@code error} reply. {@code name} is Maelstrom's name for the code ("unknown" for a code it
     * does not know); {@code definite} says the operation certainly did not happen (spec §1.6).
     */
    record Failed(int code, String name, boolean definite, String text) implements RpcResult {
        /** How Jepsen's history shows the error, e.g. {@code [temporarily-unavailable "owner unreachable"]}. */
        public String error() {
            return "[" + name + " " + (text == null ? "" : text) + "]";
        }
    }

    /** A reply that does not fit the closed schema: Maelstrom's "malformed RPC response". */
    record Malformed(String problem, Body body) implements RpcResult {
        /** The history's error text; the {@code exceptions} checker groups on its prefix. */
        public String error() {
            return MALFORMED_PREFIX + problem + ": " + body;
        }
    }

    /** No matching reply before the client's timeout. */
    record TimedOut() implements RpcResult {
        public static final String ERROR = "net-timeout";
    }

    /** The start of every malformed reply's error text in the history. */
    String MALFORMED_PREFIX = StandardCheckers.MALFORMED_RPC_RESPONSE + ": ";
}
