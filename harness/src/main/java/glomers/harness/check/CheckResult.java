package glomers.harness.check;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one checker found: its verdict and its figures, as a JSON object whose keys follow
 * Maelstrom's results.edn with dashes (e.g. {@code "lost-count"}, {@code "stable-latencies"}).
 */
public record CheckResult(Validity validity, ObjectNode details) {
}
