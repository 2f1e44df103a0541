package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** An operation a worker is about to perform: its {@code f} and value, as the history records them. */
public record Invocation(String f, JsonNode value) {

    /** A read: no value until the reply brings one. */
    public static Invocation read() {
        return new Invocation("read", NullNode.getInstance());
    }
}
