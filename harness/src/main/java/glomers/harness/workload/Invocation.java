package glomers.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;

/** An operation a worker is about to perform: its {@code f} and value, as the history records them. */
public record Invocation(String f, JsonNode value) {
}
