package glomers.harness.history;

import com.fasterxml.jackson.databind.JsonNode;

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
}
