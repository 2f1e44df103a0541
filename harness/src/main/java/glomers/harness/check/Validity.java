package glomers.harness.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** A checker's verdict. Combining verdicts keeps the worst: invalid, then unknown, then valid. */
public enum Validity {
    VALID, UNKNOWN, INVALID;

    public static Validity of(boolean valid) {
        return valid ? VALID : INVALID;
    }

    public Validity and(Validity other) {
        return this.ordinal() >= other.ordinal() ? this : other;
    }

    /** How Maelstrom prints it in results.edn: true, :unknown or false. */
    public String ednName() {
        return switch (this) {
            case VALID -> "true";
            case UNKNOWN -> ":unknown";
            case INVALID -> "false";
        };
    }

    /**
     * How results.json and run.json say it: the JSON booleans true and false, and the string
     * {@code "unknown"} for results.edn's {@code :unknown}. Never the strings "true" or "false".
     */
    public JsonNode json() {
        return switch (this) {
            case VALID -> BooleanNode.TRUE;
            case UNKNOWN -> TextNode.valueOf("unknown");
            case INVALID -> BooleanNode.FALSE;
        };
    }

    /** Maelstrom's exit status for a run with this verdict. */
    public int exitStatus() {
        return switch (this) {
            case VALID -> 0;
            case INVALID -> 1;
            case UNKNOWN -> 2;
        };
    }
}
