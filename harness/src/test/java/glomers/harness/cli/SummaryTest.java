package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.runtime.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a run prints last: the verdict, and every checker that failed with its figures. */
class SummaryTest {
    private static final String PASSING_STANDARD_CHECKERS = """
            "exceptions": {"valid?": true},
            "stats": {"valid?": true, "count": 10, "ok-count": 10, "fail-count": 0, "info-count": 0,
                      "by-f": {"read": {"valid?": true, "count": 5, "ok-count": 5, "fail-count": 0, "info-count": 0}}},
            "availability": {"valid?": true, "ok-fraction": 1.0},
            "net": {"valid?": true, "servers": {"msg-count": 40, "msgs-per-op": 4.0}},
            """;

    private static String print(RunResult result) {
        StringWriter out = new StringWriter();
        Summary.print(new PrintWriter(out, true), result, "runs/here");
        return out.toString();
    }

    private static RunResult checked(String workload, Validity validity, String resultsJson) throws Exception {
        ObjectNode results = (ObjectNode) Json.mapper().readTree(resultsJson);
        return new RunResult(RunOptions.defaults(workload), "sim", validity, null, results, new History(), Map.of(), 0, 0);
    }

    @Test
    void aFailedWorkloadCheckerShowsItsInterestingKeysAndLeavesOutEmptyOnes() throws Exception {
        String out = print(checked("g-counter", Validity.INVALID, "{" + PASSING_STANDARD_CHECKERS + """
                "workload": {"valid?": false, "errors": [{"index": 7, "type": ":ok", "f": ":read", "value": 3, "final?": true}],
                             "final-reads": [3, 5, 5], "acceptable": [[5, 5]], "empty": [], "nothing": null},
                "valid?": "false"}"""));

        assertThat(out).contains("workload valid? false").containsPattern("final-reads +\\[3, 5, 5]")
                .containsPattern("acceptable +\\[\\[5,5]]").containsPattern("errors +\\[\\{\"index\":7")
                .doesNotContain("empty").doesNotContain("nothing")
                .doesNotContain("stats valid?").doesNotContain("availability valid?")
                .contains("The run is invalid: workload failed");
    }

    @Test
    void longListsShowTheirFirstElementsAndHowManyThereAre() throws Exception {
        String lost = IntStream.range(0, 40).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
        String out = print(checked("broadcast", Validity.INVALID, "{" + PASSING_STANDARD_CHECKERS
                + "\"workload\": {\"valid?\": false, \"never-read-count\": 0, \"lost-count\": 40, \"lost\": " + lost + ", \"note\": \"" + "x".repeat(300) + "\"},"
                + "\"valid?\": \"false\"}"));

        assertThat(out).containsPattern("never-read-count +0").containsPattern("lost-count +40").containsPattern("lost +\\[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …] \\(40 in all\\)");
        String note = out.lines().filter(line -> line.trim().startsWith("note")).findFirst().orElseThrow();
        assertThat(note.trim()).hasSizeLessThan(Summary.MAX_VALUE_CHARS + 20).endsWith("…");
    }

    @Test
    void failedStandardCheckersSayWhichFHasNoOkAndTheAvailabilityAgainstItsTarget() throws Exception {
        RunOptions options = RunOptions.defaults("echo").withPartitions(false);
        options = new RunOptions(options.workload(), options.nodes(), options.timeLimitSeconds(), options.rate(), options.concurrency(),
                options.latencyMillis(), options.latencyDist(), options.partitions(), options.nemesisIntervalSeconds(), 0.99,
                options.topology(), options.txn(), options.seed());
        ObjectNode results = (ObjectNode) Json.mapper().readTree("""
                {"exceptions": {"valid?": true, "exceptions": [{"class": "malformed-rpc-response", "count": 4,
                                "example": {"type": ":info", "error": "malformed RPC response: extra field mood: {...}"}}]},
                 "stats": {"valid?": false, "count": 6, "ok-count": 2, "fail-count": 0, "info-count": 4,
                           "by-f": {"echo": {"valid?": false, "count": 4, "ok-count": 0, "fail-count": 0, "info-count": 4},
                                    "read": {"valid?": true, "count": 2, "ok-count": 2, "fail-count": 0, "info-count": 0}}},
                 "availability": {"valid?": false, "ok-fraction": 0.3333},
                 "net": {"valid?": true},
                 "workload": {"valid?": true, "errors": []},
                 "valid?": "false"}""");

        String out = print(new RunResult(options, "sim", Validity.INVALID, null, results, new History(), Map.of(), 0, 0));

        assertThat(out).contains("stats valid? false").contains("no ok for f echo (0 of 4: 0 fail, 4 info)").doesNotContain("no ok for f read")
                .contains("availability valid? false").contains("ok-fraction 0.3333, needs at least 0.99 (--availability 0.99)")
                .containsPattern("exceptions +4 malformed-rpc-response, e.g. malformed RPC response: extra field mood")
                .doesNotContain("workload valid?")
                .contains("The run is invalid: stats, availability failed");
    }

    @Test
    void anUnknownCheckerShowsTheFirstLineOfItsError() throws Exception {
        String out = print(checked("broadcast", Validity.UNKNOWN, "{" + PASSING_STANDARD_CHECKERS + """
                "workload": {"valid?": "unknown", "error": "java.lang.IllegalArgumentException: not an integer\\n\\tat Somewhere"},
                "valid?": "unknown"}"""));

        assertThat(out).contains("workload valid? unknown").containsPattern("error +java.lang.IllegalArgumentException: not an integer")
                .doesNotContain("Somewhere").contains("could not decide (unknown): workload");
    }

    @Test
    void aNodeThatNeverAnswersInitGetsTheFlushHint() {
        RunResult aborted = new RunResult(RunOptions.defaults("echo"), "process", null, "node n1 did not answer init within 10 s",
                Json.mapper().createObjectNode(), new History(), Map.of(), 0, 10_000);

        String out = print(aborted);

        assertThat(out).contains("Aborted: node n1 did not answer init within 10 s").contains("Hint: ").contains("flush")
                .contains("The run was aborted.");
    }
}
