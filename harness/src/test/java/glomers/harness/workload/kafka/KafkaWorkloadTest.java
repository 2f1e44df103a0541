package glomers.harness.workload.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.history.Op;
import glomers.harness.net.Latency;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.KafkaWorkload;
import glomers.runtime.NodeProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The kafka workload on the bench: its stateful client, its generator and final phase, and the
 * checker's verdict on whole runs of correct and deliberately broken logs ({@link KafkaNodes}).
 */
class KafkaWorkloadTest {

    /** Challenge 5a: one node, concurrency 2n, rate 1000, 20 s. */
    static RunOptions challenge5a(long seed) {
        return new RunOptions("kafka", 1, 20, 1000, 2, 0, Latency.CONSTANT, false, 10, null, "grid", seed);
    }

    /** Challenges 5b/5c: two nodes, concurrency 2n. */
    static RunOptions challenge5b(long seed) {
        return new RunOptions("kafka", 2, 20, 1000, 4, 0, Latency.CONSTANT, false, 10, null, "grid", seed);
    }

    static RunResult run(RunOptions options, Supplier<NodeProgram> node) {
        return Runs.inProcess(options, new KafkaWorkload(options), node);
    }

    private static List<String> errorTypes(RunResult result) {
        List<String> types = new ArrayList<>();
        result.results().at("/workload/error-types").forEach(t -> types.add(t.asText()));
        return types;
    }

    @Test
    void aCorrectLogIsValidOn5aAndEveryWorkerCatchesUpInTheFinalPhase() {
        for (long seed = 1; seed <= 3; seed++) {
            RunResult result = run(challenge5a(seed), KafkaNodes::singleLog);

            assertThat(result.valid()).as("seed %d: %s", seed, result.results()).isTrue();
            assertThat(result.results().at("/workload/error-types")).isEmpty();
            // Each worker's final phase: a crash, a seek-to-beginning assign, then polls.
            for (int worker = 0; worker < 2; worker++) {
                int thread = worker;
                List<String> finals = result.history().ops().stream()
                        .filter(o -> o.isFinal() && o.isInvoke() && o.process() % 2 == thread).map(Op::f).toList();
                assertThat(finals).as("seed %d, worker %d", seed, worker).startsWith("crash", "assign", "poll");
                assertThat(finals.subList(2, finals.size())).containsOnly("poll");
            }
        }
    }

    @Test
    void aLogKeptByTheFirstNodeAndReachedThroughItIsValidOnTwoNodes() {
        RunResult result = run(challenge5b(1), KafkaNodes::forwardingToFirst);

        assertThat(result.valid()).as(result.results().toString()).isTrue();
        assertThat(result.results().at("/net/servers/msgs-per-op").asDouble()).isPositive();
    }

    @Test
    void aLogSplitIntoSegmentsWhosePollsStopAtASegmentsEndIsValid() {
        RunResult result = run(challenge5a(3), KafkaNodes::splitLog);

        assertThat(result.valid()).as(result.results().toString()).isTrue();
    }

    @Test
    void offsetsWithGapsAreValid() {
        RunResult result = run(challenge5a(2), KafkaNodes::gappyOffsets);

        assertThat(result.valid()).as(result.results().toString()).isTrue();
    }

    @Test
    void twoNodesKeepingSeparateLogsGiveInconsistentOffsets() {
        RunResult result = run(challenge5b(1), KafkaNodes::singleLog);

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(errorTypes(result)).contains("inconsistent-offsets");
        JsonNode first = result.results().at("/workload/inconsistent-offsets/errs/0");
        assertThat(first.has("key")).isTrue();
        assertThat(first.has("offset")).isTrue();
    }

    @Test
    void pollsThatSkipMessagesGivePollSkipLostWriteAndUnseen() {
        RunResult result = run(challenge5a(1), KafkaNodes::skippingPolls);

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(errorTypes(result)).contains("poll-skip", "lost-write", "unseen");
    }

    @Test
    void aMessageStoredAtTwoOffsetsIsADuplicate() {
        RunResult result = run(challenge5a(1), KafkaNodes::duplicating);

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(errorTypes(result)).contains("duplicate");
    }

    @Test
    void pollsThatGoBackwardsAreNonmonotonic() {
        RunResult result = run(challenge5a(1), KafkaNodes::pollingBackwards);

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(errorTypes(result)).contains("nonmonotonic-poll");
    }

    /**
     * Maelstrom's kafka client has no error wrapper (workload/kafka.clj): a send answered with a
     * definite error still becomes {@code :info}, never {@code :fail}, so a node that answers 11
     * but keeps the message cannot show G1a under Maelstrom; the bench judges it the same way.
     */
    @Test
    void aSendAnsweredWithADefiniteErrorIsInfoAsMaelstromsKafkaClientRecordsIt() {
        RunResult result = run(challenge5a(1), KafkaNodes::refusingButKeeping);

        List<Op> refused = result.history().clientCompletions().stream()
                .filter(o -> o.f().equals("send") && o.error() != null).toList();
        assertThat(refused).isNotEmpty().allSatisfy(o -> assertThat(o.type()).isEqualTo(Op.Type.INFO));
        assertThat(refused.get(0).error()).startsWith("[temporarily-unavailable");
        assertThat(errorTypes(result)).doesNotContain("G1a");
    }

    /** Every poll that returns something is followed by a commit of the highest offset returned per key. */
    @Test
    void theClientCommitsAfterEveryPollThatReturnedMessagesAndAssignsAboutOneOpIn64() {
        List<JsonNode> commits = new ArrayList<>();
        NodeProgram counting = KafkaNodes.reportingCommits(commits::add);
        RunResult result = run(challenge5a(3), () -> counting);

        long pollsWithMessages = result.history().clientCompletions().stream()
                .filter(o -> o.isOk() && o.f().equals("poll") && o.value().get(0).get(1).size() > 0)
                .filter(o -> hasAPair(o.value().get(0).get(1)))
                .count();
        assertThat(commits).hasSize((int) pollsWithMessages);
        long invocations = result.history().clientInvocations().size();
        long assigns = result.history().clientInvocations().stream().filter(o -> o.f().equals("assign") && !o.isFinal()).count();
        assertThat((double) assigns / invocations).isBetween(1 / 64.0 * 0.7, 1 / 64.0 * 1.3);
    }

    private static boolean hasAPair(JsonNode msgs) {
        for (JsonNode pairs : msgs) {
            if (pairs.size() > 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void assignsCanComeAsOftenAsJepsen031Sends() {
        RunOptions options = challenge5a(3).withKeyOptions(RunOptions.KeyOptions.DEFAULTS.withKafkaAssignOneIn(8));
        RunResult result = run(options, KafkaNodes::singleLog);

        long invocations = result.history().clientInvocations().size();
        long assigns = result.history().clientInvocations().stream().filter(o -> o.f().equals("assign") && !o.isFinal()).count();
        assertThat((double) assigns / invocations).isBetween(1 / 8.0 * 0.85, 1 / 8.0 * 1.15);
        assertThat(result.valid()).isTrue();
    }
}
