package glomers.harness.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Json;

/**
 * One entry of a run's history, as in Jepsen: an invocation, or its completion.
 *
 * @param index     position in the history, from 0
 * @param timeNanos when, in nanoseconds since the run started
 * @param type      invoke, or how it completed: ok (it happened), fail (it certainly did not), info (unknown)
 * @param process   the worker's process id; {@link #NEMESIS} for the nemesis
 * @param f         the operation, e.g. "broadcast", "read", "add"
 * @param value     the operation's value (for a completion, what the reply said), or null
 * @param error     why it failed or is unknown (e.g. "net-timeout", "[key-does-not-exist ...]"), or null
 * @param isFinal   part of the final phase (Jepsen's {@code :final?})
 */
public record Op(long index, long timeNanos, Type type, int process, String f, JsonNode value, String error, boolean isFinal) {
    public static final int NEMESIS = -1;

    public enum Type {
        INVOKE, OK, FAIL, INFO;

        public String jepsenName() {
            return ":" + name().toLowerCase();
        }
    }

    public boolean isInvoke() {
        return type == Type.INVOKE;
    }

    public boolean isOk() {
        return type == Type.OK;
    }

    public boolean isClientOp() {
        return process != NEMESIS;
    }

    /** This op as Jepsen's op map, keywords (type, f) as ":name" strings; as in results and history files. */
    public ObjectNode toJson() {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("index", index);
        out.put("time", timeNanos);
        out.put("type", type.jepsenName());
        if (process == NEMESIS) {
            out.put("process", ":nemesis");
        } else {
            out.put("process", process);
        }
        out.put("f", ":" + f);
        out.set("value", value == null ? Json.mapper().nullNode() : value);
        if (error != null) {
            out.put("error", error);
        }
        if (isFinal) {
            out.put("final?", true);
        }
        return out;
    }
}
