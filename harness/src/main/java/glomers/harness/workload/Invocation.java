package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * An operation a worker is about to perform: its {@code f} and value, as the history records them.
 *
 * @param f                the operation, e.g. "read", "send", "assign"
 * @param value            its value (JSON null when it has none yet)
 * @param seekToBeginning  kafka's {@code :seek-to-beginning?} on an assign: start every key at offset 0
 */
public record Invocation(String f, JsonNode value, boolean seekToBeginning) {

    public Invocation(String f, JsonNode value) {
        this(f, value, false);
    }

    /** A read: no value until the reply brings one. */
    public static Invocation read() {
        return new Invocation("read", NullNode.getInstance());
    }
}
