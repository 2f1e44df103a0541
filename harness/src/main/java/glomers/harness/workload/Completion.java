package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.history.Op;
import glomers.runtime.ErrorCode;

/**
 * How an operation completed, as the history records it: ok, fail or info, its value, and the
 * error (null when ok).
 */
public record Completion(Op.Type type, JsonNode value, String error) {

    public Completion {
        if (type == Op.Type.INVOKE) {
            throw new IllegalArgumentException("a completion is ok, fail or info");
        }
    }

    public static Completion ok(JsonNode value) {
        return new Completion(Op.Type.OK, value, null);
    }

    /** An outcome known only to be unknown, with no RPC behind it (kafka's {@code :crash}). */
    public static Completion info(JsonNode value, String error) {
        return new Completion(Op.Type.INFO, value, error);
    }

    /**
     * Maelstrom's outcome table (spec §1.6; maelstrom/client.clj {@code with-errors}) for an RPC that
     * did not end in an ok reply. {@code sent} is the invocation's value, which a fail or info
     * completion carries.
     *
     * <ul>
     *   <li>timeout: fail if {@code f} is idempotent, else info ({@code net-timeout});</li>
     *   <li>error reply: fail if the code is definite or {@code f} idempotent, else info;</li>
     *   <li>malformed reply: always info.</li>
     * </ul>
     * Workloads whose clients use no wrapper (the counters, kafka) pass {@code wrapped = false}:
     * every such outcome is info, as Jepsen's interpreter records an exception thrown by a client.
     */
    public static Completion notOk(RpcResult result, JsonNode sent, boolean idempotent, boolean wrapped) {
        if (result instanceof RpcResult.TimedOut) {
            return new Completion(wrapped && idempotent ? Op.Type.FAIL : Op.Type.INFO, sent, RpcResult.TimedOut.ERROR);
        }
        if (result instanceof RpcResult.Failed f) {
            return new Completion(wrapped && (f.definite() || idempotent) ? Op.Type.FAIL : Op.Type.INFO, sent, f.error());
        }
        if (result instanceof RpcResult.Malformed m) {
            return new Completion(Op.Type.INFO, sent, m.error());
        }
        throw new IllegalArgumentException("an ok reply is not a failure: " + result);
    }

    /** The {@link RpcResult} for an error reply's code and text. */
    public static RpcResult.Failed failed(int code, String text) {
        String name = ErrorCode.of(code).map(ErrorCode::maelstromName).orElse("unknown");
        return new RpcResult.Failed(code, name, ErrorCode.isDefinite(code), text);
    }
}
